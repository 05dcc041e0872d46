# The atelier-service app nodes: N EC2 instances spread over the private subnets.
module "app_nodes" {
  source = "./modules/ec2_node"

  name                        = "${var.name_prefix}-app"
  role                        = "app"
  node_count                  = var.app_node_count
  ami_id                      = var.ami_id
  instance_type               = var.app_instance_type
  subnet_ids                  = aws_subnet.private[*].id
  security_group_ids          = [aws_security_group.app.id]
  instance_profile            = aws_iam_instance_profile.node["app"].name
  user_data                   = module.node_config.app_user_data
  replace_on_user_data_change = true
  volume_size_gb              = var.root_volume_size_gb
  kms_key_arn                 = var.kms_key_arn
}
