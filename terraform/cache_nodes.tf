# The memcached tier: M EC2 nodes running memcached, or an ElastiCache for Memcached cluster of M nodes.
module "cache_nodes" {
  source = "./modules/ec2_node"

  name                        = "${var.name_prefix}-cache"
  role                        = "cache"
  node_count                  = local.use_ec2_cache ? var.cache_node_count : 0
  ami_id                      = var.ami_id
  instance_type               = var.cache_instance_type
  subnet_ids                  = aws_subnet.private[*].id
  security_group_ids          = [aws_security_group.cache.id]
  instance_profile            = aws_iam_instance_profile.node["cache"].name
  user_data                   = module.node_config.cache_user_data
  replace_on_user_data_change = true
  volume_size_gb              = var.root_volume_size_gb
  kms_key_arn                 = var.kms_key_arn
}

resource "aws_elasticache_subnet_group" "cache" {
  count = local.use_elasticache ? 1 : 0

  name       = "${var.name_prefix}-cache"
  subnet_ids = aws_subnet.private[*].id
}

# Memcached keeps no data at rest (RAM only). In-transit TLS stays off because the service's libmemcached client
# speaks plain TCP; the security group limits 11211 to the app nodes.
resource "aws_elasticache_cluster" "cache" {
  count = local.use_elasticache ? 1 : 0

  cluster_id           = "${var.name_prefix}-cache"
  engine               = "memcached"
  engine_version       = "1.6.22"
  parameter_group_name = "default.memcached1.6"
  node_type            = var.cache_node_type
  num_cache_nodes      = var.cache_node_count
  port                 = local.cache_port
  az_mode              = var.cache_node_count > 1 ? "cross-az" : "single-az"
  subnet_group_name    = aws_elasticache_subnet_group.cache[0].name
  security_group_ids   = [aws_security_group.cache.id]

  preferred_availability_zones = var.cache_node_count > 1 ? [for i in range(var.cache_node_count) : var.availability_zones[i % length(var.availability_zones)]] : null
}

locals {
  memcached_servers = local.use_elasticache ? [
    for node in aws_elasticache_cluster.cache[0].cache_nodes : "${node.address}:${node.port}"
  ] : [for ip in module.cache_nodes.private_ips : "${ip}:${local.cache_port}"]
}
