# One tier of EC2 nodes with the hardening every tier shares: no SSH key (SSM only), IMDSv2 required with one
# hop, encrypted gp3 root volumes, private addressing unless the tier is the public load balancer.
resource "aws_instance" "node" {
  count = var.node_count

  ami                         = var.ami_id
  instance_type               = var.instance_type
  subnet_id                   = var.subnet_ids[count.index % length(var.subnet_ids)]
  associate_public_ip_address = var.public_ip
  vpc_security_group_ids      = var.security_group_ids
  iam_instance_profile        = var.instance_profile
  user_data                   = var.user_data
  user_data_replace_on_change = var.replace_on_user_data_change

  # IMDSv2 only: session tokens required, one hop so containers on a node cannot reach the metadata service.
  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }

  root_block_device {
    volume_type = "gp3"
    volume_size = var.volume_size_gb
    encrypted   = true
    kms_key_id  = var.kms_key_arn
  }

  tags = {
    Name = var.single_name ? var.name : "${var.name}-${count.index}"
    Role = var.role
  }
}
