# Inputs of the rehearsal: the namespace subnet, node counts and the few per-machine values rehearse passes in.

variable "subnet_cidr" {
  type        = string
  description = "Private subnet of the namespace hosts; it exists only inside the rehearsal's network namespaces."
  default     = "10.231.0.0/24"

  validation {
    condition     = can(cidrhost(var.subnet_cidr, 60)) && startswith(var.subnet_cidr, "10.")
    error_message = "subnet_cidr must be a private 10.x CIDR with room for at least 60 hosts."
  }
}

variable "app_node_count" {
  type        = number
  description = "App node namespaces (app1..N)."
  default     = 3

  validation {
    condition     = var.app_node_count >= 2 && var.app_node_count <= 9
    error_message = "app_node_count must be 2..9: one node is killed during the test."
  }
}

variable "cache_node_count" {
  type        = number
  description = "memcached node namespaces (cache1..N)."
  default     = 3

  validation {
    condition     = var.cache_node_count >= 2 && var.cache_node_count <= 9
    error_message = "cache_node_count must be 2..9: one node is killed during the test."
  }
}

variable "app_pool_size" {
  type        = number
  description = "pool-size of each app node (Postgres connections per node); small, the machine has 2 cores."
  default     = 2
}

variable "cache_memory_mb" {
  type        = number
  description = "memcached -m of each cache node, in MiB."
  default     = 64
}

variable "database_engine_version" {
  type        = string
  description = "Postgres major version installed on this machine (rehearse passes the one under /usr/lib/postgresql)."
  default     = "16"
}
