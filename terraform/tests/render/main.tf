# Offline render harness: calls modules/node_config with loopback sample values so check.sh can lint the output.
terraform {
  required_version = ">= 1.9.0"
}

module "node_config" {
  source = "../../modules/node_config"

  region          = "eu-west-1"
  app_port        = 8080
  app_package_url = "s3://atelier-artifacts/atelier-product-service_1.0.0_amd64.deb"
  app_pool_size   = 16
  # Loopback IPs so the rendered nginx config passes `nginx -t` without DNS.
  app_addresses                = ["127.0.0.11", "127.0.0.12", "127.0.0.13"]
  memcached_servers            = ["127.0.0.21:11211", "127.0.0.22:11211"]
  cache_memory_mb              = 1024
  database_host                = "127.0.0.31"
  database_name                = "atelier"
  database_username            = "atelier"
  database_password_secret_arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:atelier-db-AbCdEf"
  database_engine_version      = "16"
  database_max_connections     = 120
  database_client_cidrs        = ["10.40.10.0/24", "10.40.11.0/24"]
  lb_listen_port               = 80
}

output "rendered" {
  description = "Every rendered file, keyed by the file name check.sh writes it to."
  value = {
    "app-cloud-init.yaml"        = module.node_config.app_user_data
    "cache-cloud-init.yaml"      = module.node_config.cache_user_data
    "db-primary-cloud-init.yaml" = module.node_config.db_primary_user_data
    "db-replica-cloud-init.yaml" = module.node_config.db_replica_user_data
    "lb-cloud-init.yaml"         = module.node_config.lb_user_data
    "configure-app.sh"           = module.node_config.app_configure_script
    "configure-cache.sh"         = module.node_config.cache_configure_script
    "configure-db-primary.sh"    = module.node_config.db_primary_configure_script
    "configure-db-replica.sh"    = module.node_config.db_replica_configure_script
    "configure-lb.sh"            = module.node_config.lb_configure_script
    "nginx-lb.conf"              = module.node_config.nginx_lb_conf
  }
}
