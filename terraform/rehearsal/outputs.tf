# Outputs rehearse reads: the namespace hosts and each role's rendered configure script.

output "hosts" {
  description = "Namespace host name => IPv4 address in subnet_cidr."
  value       = local.hosts
}

output "prefix_length" {
  description = "Prefix length of subnet_cidr, for the namespace interfaces."
  value       = tonumber(split("/", var.subnet_cidr)[1])
}

output "ports" {
  description = "Service ports: app (atelier-service), cache (memcached), db (Postgres), lb (nginx)."
  value       = { app = local.app_port, cache = local.cache_port, db = 5432, lb = 80 }
}

output "configure_scripts" {
  description = "Rendered configure script per role, byte for byte what cloud-init runs on an EC2 node."
  value = {
    app   = module.node_config.app_configure_script
    cache = module.node_config.cache_configure_script
    db    = module.node_config.db_primary_configure_script
    lb    = module.node_config.lb_configure_script
  }
}
