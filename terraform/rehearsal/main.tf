# Rehearsal topology: the same node_config module the AWS stack uses, rendered for hosts in network namespaces.
# Addresses are fixed offsets in var.subnet_cidr; rehearse reads them and the rendered scripts from `terraform show -json`.
locals {
  app_port   = 8080
  cache_port = 11211

  hosts = merge(
    { lb = cidrhost(var.subnet_cidr, 10), db = cidrhost(var.subnet_cidr, 31), client = cidrhost(var.subnet_cidr, 50) },
    { for i in range(var.app_node_count) : "app${i + 1}" => cidrhost(var.subnet_cidr, 11 + i) },
    { for i in range(var.cache_node_count) : "cache${i + 1}" => cidrhost(var.subnet_cidr, 21 + i) },
  )
  app_addresses     = [for i in range(var.app_node_count) : local.hosts["app${i + 1}"]]
  memcached_servers = [for i in range(var.cache_node_count) : "${local.hosts["cache${i + 1}"]}:${local.cache_port}"]
}

module "node_config" {
  source = "../modules/node_config"

  # No AWS is reached: rehearse sets DATABASE_PASSWORD and SKIP_INSTALL, so the region, package URL and secret
  # ARN are rendered but never used.
  region                       = "eu-west-1"
  app_port                     = local.app_port
  app_package_url              = "https://packages.invalid/atelier-product-service.deb"
  app_pool_size                = var.app_pool_size
  app_addresses                = local.app_addresses
  memcached_servers            = local.memcached_servers
  cache_port                   = local.cache_port
  cache_memory_mb              = var.cache_memory_mb
  database_host                = local.hosts.db
  database_name                = "atelier"
  database_username            = "atelier"
  database_password_secret_arn = "arn:aws:secretsmanager:eu-west-1:000000000000:secret:rehearsal-unused"
  database_engine_version      = var.database_engine_version
  # Same sizing rule as the stack (locals.tf): every app connection plus headroom.
  database_max_connections = var.app_node_count * var.app_pool_size + 20
  database_client_cidrs    = [var.subnet_cidr]
  lb_listen_port           = 80
}
