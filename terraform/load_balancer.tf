# The load balancer in front of the app nodes: one nginx EC2 node with an Elastic IP, or an Application Load Balancer.

# ---------------------------------------------------------------- nginx
resource "aws_instance" "lb" {
  count = local.use_nginx_lb ? 1 : 0

  ami                         = var.ami_id
  instance_type               = var.lb_instance_type
  subnet_id                   = aws_subnet.public[0].id
  vpc_security_group_ids      = [aws_security_group.lb.id]
  iam_instance_profile        = aws_iam_instance_profile.node["lb"].name
  associate_public_ip_address = true
  user_data                   = module.node_config.lb_user_data
  # The upstream list is baked into the config: a new app node count rebuilds the LB node.
  user_data_replace_on_change = true

  metadata_options {
    http_endpoint               = local.metadata_options.http_endpoint
    http_tokens                 = local.metadata_options.http_tokens
    http_put_response_hop_limit = local.metadata_options.http_put_response_hop_limit
  }

  root_block_device {
    volume_type = "gp3"
    volume_size = var.root_volume_size_gb
    encrypted   = true
    kms_key_id  = var.kms_key_arn
  }

  tags = { Name = "${var.name_prefix}-lb", Role = "lb" }
}

resource "aws_eip" "lb" {
  count = local.use_nginx_lb ? 1 : 0

  domain   = "vpc"
  instance = aws_instance.lb[0].id

  tags = { Name = "${var.name_prefix}-lb" }
}

# ---------------------------------------------------------------- ALB
resource "aws_lb" "alb" {
  count = local.use_alb ? 1 : 0

  name                       = "${var.name_prefix}-alb"
  load_balancer_type         = "application"
  internal                   = false
  subnets                    = aws_subnet.public[*].id
  security_groups            = [aws_security_group.lb.id]
  drop_invalid_header_fields = true
}

resource "aws_lb_target_group" "app" {
  count = local.use_alb ? 1 : 0

  name     = "${var.name_prefix}-app"
  port     = var.app_port
  protocol = "HTTP"
  vpc_id   = aws_vpc.main.id

  health_check {
    path                = var.health_check_path
    matcher             = "200,404"
    interval            = 10
    timeout             = 5
    healthy_threshold   = 2
    unhealthy_threshold = 3
  }
}

resource "aws_lb_target_group_attachment" "app" {
  count = local.use_alb ? var.app_node_count : 0

  target_group_arn = aws_lb_target_group.app[0].arn
  target_id        = aws_instance.app[count.index].id
  port             = var.app_port
}

resource "aws_lb_listener" "http" {
  count = local.use_alb ? 1 : 0

  load_balancer_arn = aws_lb.alb[0].arn
  port              = 80
  protocol          = "HTTP"

  default_action {
    type             = local.alb_https_enabled ? "redirect" : "forward"
    target_group_arn = local.alb_https_enabled ? null : aws_lb_target_group.app[0].arn

    dynamic "redirect" {
      for_each = local.alb_https_enabled ? [1] : []
      content {
        port        = "443"
        protocol    = "HTTPS"
        status_code = "HTTP_301"
      }
    }
  }
}

resource "aws_lb_listener" "https" {
  count = local.alb_https_enabled ? 1 : 0

  load_balancer_arn = aws_lb.alb[0].arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = var.alb_certificate_arn

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.app[0].arn
  }
}

locals {
  load_balancer_dns_name = local.use_alb ? aws_lb.alb[0].dns_name : aws_eip.lb[0].public_dns
  service_url            = "${local.alb_https_enabled ? "https" : "http"}://${local.load_balancer_dns_name}"
}
