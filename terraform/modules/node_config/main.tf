# Renders every node's configure script, cloud-init user_data and the nginx LB config with templatefile().
# Each role is a separate local/output on purpose: Terraform tracks dependencies per local and per output, so the
# LB's user_data may depend on the app nodes' IPs while the app nodes' user_data depends on the cache and DB only.
locals {
  templates              = "${path.module}/../../templates"
  cloud_init_template    = "${local.templates}/node-cloud-init.yaml.tftpl"
  fetch_secret_functions = file("${local.templates}/fetch-secret.sh")

  # Connection and thread limits of memcached, sized for tens of app nodes with pools of tens of connections.
  memcached_max_connections = 4096
  memcached_threads         = 4

  app_configure_script = templatefile("${local.templates}/configure-app.sh.tftpl", {
    region                       = var.region
    package_url                  = var.app_package_url
    database_password_secret_arn = var.database_password_secret_arn
    fetch_secret_functions       = local.fetch_secret_functions
    listen_address               = var.app_listen_address
    app_port                     = var.app_port
    database_username            = var.database_username
    database_host                = var.database_host
    database_port                = var.database_port
    database_name                = var.database_name
    memcached_servers            = var.memcached_servers
    pool_size                    = var.app_pool_size
  })

  cache_configure_script = templatefile("${local.templates}/configure-cache.sh.tftpl", {
    cache_port      = var.cache_port
    listen_address  = var.cache_listen_address
    memory_mb       = var.cache_memory_mb
    max_connections = local.memcached_max_connections
    threads         = local.memcached_threads
  })

  db_template_vars = {
    region                       = var.region
    database_password_secret_arn = var.database_password_secret_arn
    fetch_secret_functions       = local.fetch_secret_functions
    pg_version                   = var.database_engine_version
    database_port                = var.database_port
    database_name                = var.database_name
    database_username            = var.database_username
    max_connections              = var.database_max_connections
    client_cidrs                 = var.database_client_cidrs
  }

  db_primary_configure_script = templatefile("${local.templates}/configure-db.sh.tftpl",
  merge(local.db_template_vars, { db_role = "primary", primary_host = "" }))

  db_replica_configure_script = templatefile("${local.templates}/configure-db.sh.tftpl",
  merge(local.db_template_vars, { db_role = "replica", primary_host = var.database_host }))

  nginx_lb_conf = templatefile("${local.templates}/nginx-lb.conf.tftpl", {
    app_addresses = var.app_addresses
    app_port      = var.app_port
    listen_port   = var.lb_listen_port
  })

  lb_configure_script = templatefile("${local.templates}/configure-lb.sh.tftpl", {
    nginx_conf = trimsuffix(local.nginx_lb_conf, "\n")
  })
}
