# Outputs of the Atelier stack: where the service answers and the addresses of every tier.

output "service_url" {
  description = "Base URL of the service through the load balancer."
  value       = local.service_url
}

output "load_balancer_dns_name" {
  description = "Public DNS name of the load balancer (ALB DNS name or the nginx node's Elastic IP DNS name)."
  value       = local.load_balancer_dns_name
}

output "load_balancer_public_ip" {
  description = "Elastic IP of the nginx load-balancer node; null with an ALB."
  value       = local.use_nginx_lb ? aws_eip.lb[0].public_ip : null
}

output "vpc_id" {
  description = "ID of the VPC."
  value       = aws_vpc.main.id
}

output "public_subnet_ids" {
  description = "IDs of the public subnets, one per availability zone."
  value       = aws_subnet.public[*].id
}

output "private_subnet_ids" {
  description = "IDs of the private subnets, one per availability zone."
  value       = aws_subnet.private[*].id
}

output "app_node_ids" {
  description = "Instance IDs of the app nodes (connect with `aws ssm start-session --target ID`)."
  value       = module.app_nodes.ids
}

output "app_node_private_ips" {
  description = "Private IPs of the app nodes."
  value       = module.app_nodes.private_ips
}

output "memcached_servers" {
  description = "host:port of every memcached node, as written to memcached_servers in service.conf."
  value       = local.memcached_servers
}

output "database_endpoint" {
  description = "host:port of the Postgres primary."
  value       = "${local.database_host}:${local.database_port}"
}

output "database_replica_endpoint" {
  description = "host:port of the Postgres read replica; null without one."
  value       = local.database_replica_host == null ? null : "${local.database_replica_host}:${local.database_port}"
}

output "database_password_secret_arn" {
  description = "ARN of the secret holding the database password (RDS-managed or the one given)."
  value       = local.database_password_secret_arn
}

output "security_group_ids" {
  description = "Security group IDs by tier (lb, app, cache, db)."
  value = {
    lb    = aws_security_group.lb.id
    app   = aws_security_group.app.id
    cache = aws_security_group.cache.id
    db    = aws_security_group.db.id
  }
}

output "node_instance_profiles" {
  description = "IAM instance profile names by tier (SSM-managed; no SSH keys anywhere)."
  value       = { for tier, profile in aws_iam_instance_profile.node : tier => profile.name }
}

output "app_configure_script" {
  description = "Rendered configure script of the app nodes (for rehearsals: SKIP_INSTALL=1 bash it)."
  value       = module.node_config.app_configure_script
}
