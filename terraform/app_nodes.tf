# The atelier-service app nodes: N EC2 instances spread over the private subnets.
resource "aws_instance" "app" {
  count = var.app_node_count

  ami                         = var.ami_id
  instance_type               = var.app_instance_type
  subnet_id                   = aws_subnet.private[count.index % length(aws_subnet.private)].id
  associate_public_ip_address = false
  vpc_security_group_ids      = [aws_security_group.app.id]
  iam_instance_profile        = aws_iam_instance_profile.node["app"].name
  user_data                   = module.node_config.app_user_data
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

  tags = { Name = "${var.name_prefix}-app-${count.index}", Role = "app" }
}
