# Inputs of node_config: everything the rendered configure scripts, cloud-init and nginx config need.

variable "region" {
  type        = string
  description = "AWS region the nodes call Secrets Manager / SSM / S3 in."
}

variable "app_port" {
  type        = number
  description = "Port atelier-service listens on."
}

variable "app_listen_address" {
  type        = string
  description = "Address atelier-service binds (listen key of service.conf)."
  default     = "0.0.0.0"
}

variable "app_package_url" {
  type        = string
  description = "s3:// or https:// URL of the atelier-product-service .deb."
}

variable "app_pool_size" {
  type        = number
  description = "pool_size of service.conf."
}

variable "app_addresses" {
  type        = list(string)
  description = "App node addresses for the nginx upstream (IPs, so the config needs no DNS)."
  default     = []
}

variable "memcached_servers" {
  type        = list(string)
  description = "host:port of every memcached node, for memcached_servers in service.conf."
  default     = []
}

variable "cache_port" {
  type        = number
  description = "memcached port."
  default     = 11211
}

variable "cache_listen_address" {
  type        = string
  description = "Address memcached binds on the cache nodes."
  default     = "0.0.0.0"
}

variable "cache_memory_mb" {
  type        = number
  description = "memcached -m on the cache nodes, in MiB."
  default     = 1024
}

variable "database_host" {
  type        = string
  description = "Postgres primary host name or IP the app connects to."
  default     = "127.0.0.1"
}

variable "database_port" {
  type        = number
  description = "Postgres port."
  default     = 5432
}

variable "database_name" {
  type        = string
  description = "Postgres database name."
}

variable "database_username" {
  type        = string
  description = "Postgres role of the service."
}

variable "database_password_secret_arn" {
  type        = string
  description = "Secrets Manager or SSM parameter ARN holding the database password (read on the node)."
}

variable "database_engine_version" {
  type        = string
  description = "Postgres major version for EC2 database nodes."
  default     = "16"
}

variable "database_max_connections" {
  type        = number
  description = "max_connections of the EC2 Postgres nodes."
  default     = 200
}

variable "database_client_cidrs" {
  type        = list(string)
  description = "CIDRs allowed in pg_hba.conf (the private subnets); the security groups narrow this to the app SG."
  default     = []
}

variable "lb_listen_port" {
  type        = number
  description = "Port nginx listens on for clients."
  default     = 80
}
