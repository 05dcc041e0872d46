# What the root module and its tests read back from a tier.

output "instances" {
  description = "The tier's aws_instance objects, in index order (for tests asserting the hardening)."
  value       = aws_instance.node
}

output "ids" {
  description = "Instance IDs of the tier's nodes, in index order."
  value       = aws_instance.node[*].id
}

output "private_ips" {
  description = "Private IPs of the tier's nodes, in index order."
  value       = aws_instance.node[*].private_ip
}
