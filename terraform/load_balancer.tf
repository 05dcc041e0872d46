# The load balancer in front of the app nodes: one nginx EC2 node with an Elastic IP, or an Application Load Balancer.

# ---------------------------------------------------------------- nginx
module "lb_node" {
  source = "./modules/ec2_node"

  name               = "${var.name_prefix}-lb"
  single_name        = true
  role               = "lb"
  node_count         = local.use_nginx_lb ? 1 : 0
  ami_id             = var.ami_id
  instance_type      = var.lb_instance_type
  subnet_ids         = [aws_subnet.public[0].id]
  public_ip          = true
  security_group_ids = [aws_security_group.lb.id]
  instance_profile   = aws_iam_instance_profile.node["lb"].name
  user_data          = module.node_config.lb_user_data
  # The upstream list is baked into the config: a new app node count rebuilds the LB node.
  replace_on_user_data_change = true
  volume_size_gb              = var.root_volume_size_gb
  kms_key_arn                 = var.kms_key_arn
}

resource "aws_eip" "lb" {
  count = local.use_nginx_lb ? 1 : 0

  domain   = "vpc"
  instance = module.lb_node.ids[0]

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
  target_id        = module.app_nodes.ids[count.index]
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
