# Outputs of node_config: rendered configure scripts (runnable alone with SKIP_INSTALL=1), cloud-init per role, nginx config.

output "app_configure_script" {
  description = "Rendered configure script of an app node."
  value       = local.app_configure_script
}

output "app_user_data" {
  description = "Rendered cloud-init user_data of an app node."
  value       = templatefile(local.cloud_init_template, { role = "app", configure_script_gzip_b64 = base64gzip(local.app_configure_script) })
}

output "cache_configure_script" {
  description = "Rendered configure script of a memcached node."
  value       = local.cache_configure_script
}

output "cache_user_data" {
  description = "Rendered cloud-init user_data of a memcached node."
  value       = templatefile(local.cloud_init_template, { role = "cache", configure_script_gzip_b64 = base64gzip(local.cache_configure_script) })
}

output "db_primary_configure_script" {
  description = "Rendered configure script of the Postgres primary node."
  value       = local.db_primary_configure_script
}

output "db_primary_user_data" {
  description = "Rendered cloud-init user_data of the Postgres primary node."
  value       = templatefile(local.cloud_init_template, { role = "db-primary", configure_script_gzip_b64 = base64gzip(local.db_primary_configure_script) })
}

output "db_replica_configure_script" {
  description = "Rendered configure script of the Postgres read-replica node."
  value       = local.db_replica_configure_script
}

output "db_replica_user_data" {
  description = "Rendered cloud-init user_data of the Postgres read-replica node."
  value       = templatefile(local.cloud_init_template, { role = "db-replica", configure_script_gzip_b64 = base64gzip(local.db_replica_configure_script) })
}

output "nginx_lb_conf" {
  description = "Rendered nginx http-context config of the load balancer (upstream of the app nodes)."
  value       = local.nginx_lb_conf
}

output "lb_configure_script" {
  description = "Rendered configure script of the nginx load-balancer node."
  value       = local.lb_configure_script
}

output "lb_user_data" {
  description = "Rendered cloud-init user_data of the nginx load-balancer node."
  value       = templatefile(local.cloud_init_template, { role = "lb", configure_script_gzip_b64 = base64gzip(local.lb_configure_script) })
}
