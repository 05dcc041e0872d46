# Renders every node's cloud-init and configure script through the local node_config module.
module "node_config" {
  source = "./modules/node_config"

  region                       = var.region
  app_port                     = var.app_port
  app_package_url              = var.app_package_url
  app_pool_size                = var.app_pool_size
  app_addresses                = module.app_nodes.private_ips
  memcached_servers            = local.memcached_servers
  cache_port                   = local.cache_port
  cache_memory_mb              = var.cache_memory_mb
  database_host                = local.database_host
  database_port                = local.database_port
  database_name                = var.database_name
  database_username            = var.database_username
  database_password_secret_arn = local.database_password_secret_arn
  database_engine_version      = var.database_engine_version
  database_max_connections     = local.database_max_connections
  database_client_cidrs        = var.private_subnet_cidrs
  lb_listen_port               = 80
}
