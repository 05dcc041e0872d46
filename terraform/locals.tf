# Derived values shared by the resource files: ports, kind switches and counts (node hardening is in modules/ec2_node).
locals {
  cache_port    = 11211
  database_port = 5432

  use_nginx_lb       = var.load_balancer_kind == "nginx"
  use_alb            = var.load_balancer_kind == "alb"
  use_ec2_cache      = var.cache_kind == "ec2"
  use_elasticache    = var.cache_kind == "elasticache"
  use_ec2_database   = var.database_kind == "ec2"
  use_rds            = var.database_kind == "rds"
  alb_https_enabled  = local.use_alb && var.alb_certificate_arn != null
  lb_listener_ports  = local.alb_https_enabled ? [80, 443] : [80]
  ec2_database_nodes = local.use_ec2_database ? 1 : 0
  ec2_replica_nodes  = local.use_ec2_database && var.database_read_replica ? 1 : 0

  # Postgres must accept every app connection plus headroom for admin sessions and the replica.
  database_max_connections = var.app_node_count * var.app_pool_size + 20
}
