# Input variables of the Atelier stack: every one typed, described and validated.

# ---------------------------------------------------------------- general
variable "region" {
  type        = string
  description = "AWS region to deploy into."
  default     = "eu-west-1"

  validation {
    condition     = can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", var.region))
    error_message = "region must look like an AWS region name, e.g. eu-west-1."
  }
}

variable "name_prefix" {
  type        = string
  description = "Prefix for every resource name and the Stack tag (lowercase letters, digits, dashes)."
  default     = "atelier"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,19}$", var.name_prefix))
    error_message = "name_prefix must be 2-20 characters: a lowercase letter, then lowercase letters, digits or dashes."
  }
}

variable "tags" {
  type        = map(string)
  description = "Extra tags added to every resource."
  default     = {}

  validation {
    condition     = alltrue([for k, v in var.tags : length(k) > 0 && length(k) <= 128 && length(v) <= 256])
    error_message = "tags keys must be 1-128 characters and values at most 256 characters."
  }
}

variable "ami_id" {
  type        = string
  description = "AMI for every EC2 node (Debian 12 / Ubuntu 24.04 with cloud-init and the SSM agent)."

  validation {
    condition     = can(regex("^ami-[0-9a-f]{8,17}$", var.ami_id))
    error_message = "ami_id must match ^ami-[0-9a-f]{8,17}$, e.g. ami-0123456789abcdef0."
  }
}

variable "root_volume_size_gb" {
  type        = number
  description = "Size of each EC2 node's encrypted gp3 root volume in GiB."
  default     = 20

  validation {
    condition     = var.root_volume_size_gb >= 8 && var.root_volume_size_gb <= 1024 && floor(var.root_volume_size_gb) == var.root_volume_size_gb
    error_message = "root_volume_size_gb must be a whole number between 8 and 1024."
  }
}

variable "kms_key_arn" {
  type        = string
  description = "KMS key ARN for EBS, RDS and Secrets encryption; null uses the AWS-managed keys (still encrypted)."
  default     = null

  validation {
    condition     = var.kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[0-9a-f-]+$", var.kms_key_arn))
    error_message = "kms_key_arn must be null or a KMS key ARN (arn:aws:kms:REGION:ACCOUNT:key/ID)."
  }
}

# ---------------------------------------------------------------- network
variable "vpc_cidr" {
  type        = string
  description = "IPv4 CIDR of the VPC."
  default     = "10.40.0.0/16"

  validation {
    condition     = can(cidrhost(var.vpc_cidr, 0)) && try(tonumber(split("/", var.vpc_cidr)[1]) >= 16 && tonumber(split("/", var.vpc_cidr)[1]) <= 24, false)
    error_message = "vpc_cidr must be a valid IPv4 CIDR with a prefix length between /16 and /24."
  }
}

variable "availability_zones" {
  type        = list(string)
  description = "Availability zone names to spread subnets over (at least 2); given explicitly so plans work offline."
  default     = ["eu-west-1a", "eu-west-1b"]

  validation {
    condition     = length(var.availability_zones) >= 2 && length(distinct(var.availability_zones)) == length(var.availability_zones) && alltrue([for az in var.availability_zones : can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9][a-z]$", az))])
    error_message = "availability_zones must list at least 2 distinct AZ names such as eu-west-1a."
  }
}

variable "public_subnet_cidrs" {
  type        = list(string)
  description = "One public subnet CIDR per availability zone (load balancer and NAT gateway)."
  default     = ["10.40.0.0/24", "10.40.1.0/24"]

  validation {
    condition     = alltrue([for c in var.public_subnet_cidrs : can(cidrhost(c, 0))])
    error_message = "public_subnet_cidrs must all be valid IPv4 CIDRs."
  }
  validation {
    condition     = length(var.public_subnet_cidrs) == length(var.availability_zones)
    error_message = "public_subnet_cidrs must have exactly one CIDR per entry of availability_zones."
  }
}

variable "private_subnet_cidrs" {
  type        = list(string)
  description = "One private subnet CIDR per availability zone (app, cache and database nodes)."
  default     = ["10.40.10.0/24", "10.40.11.0/24"]

  validation {
    condition     = alltrue([for c in var.private_subnet_cidrs : can(cidrhost(c, 0))])
    error_message = "private_subnet_cidrs must all be valid IPv4 CIDRs."
  }
  validation {
    condition     = length(var.private_subnet_cidrs) == length(var.availability_zones)
    error_message = "private_subnet_cidrs must have exactly one CIDR per entry of availability_zones."
  }
}

# ---------------------------------------------------------------- load balancer
variable "load_balancer_kind" {
  type        = string
  description = "Load balancer in front of the app nodes: \"nginx\" (one EC2 node, like the original) or \"alb\"."
  default     = "nginx"

  validation {
    condition     = contains(["nginx", "alb"], var.load_balancer_kind)
    error_message = "load_balancer_kind must be \"nginx\" or \"alb\"."
  }
}

variable "lb_instance_type" {
  type        = string
  description = "EC2 instance type of the nginx load-balancer node (used when load_balancer_kind = \"nginx\")."
  default     = "c6i.large"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]*\\.[a-z0-9]+$", var.lb_instance_type))
    error_message = "lb_instance_type must be an EC2 instance type such as c6i.large."
  }
}

variable "alb_certificate_arn" {
  type        = string
  description = "ACM certificate ARN for an HTTPS listener on the ALB; null serves HTTP on port 80 only."
  default     = null

  validation {
    condition     = var.alb_certificate_arn == null || can(regex("^arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate/[0-9a-f-]+$", var.alb_certificate_arn))
    error_message = "alb_certificate_arn must be null or an ACM certificate ARN."
  }
}

variable "health_check_path" {
  type        = string
  description = "HTTP path the load balancer probes on each app node (200 or 404 both mean the service answers)."
  default     = "/products/1"

  validation {
    condition     = can(regex("^/[A-Za-z0-9/_.-]*$", var.health_check_path))
    error_message = "health_check_path must start with / and contain only letters, digits, /, _, . and -."
  }
}

# ---------------------------------------------------------------- app nodes
variable "app_node_count" {
  type        = number
  description = "Number of atelier-service app nodes."
  default     = 4

  validation {
    condition     = var.app_node_count >= 1 && var.app_node_count <= 50 && floor(var.app_node_count) == var.app_node_count
    error_message = "app_node_count must be a whole number between 1 and 50."
  }
}

variable "app_instance_type" {
  type        = string
  description = "EC2 instance type of the app nodes."
  default     = "c6i.large"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]*\\.[a-z0-9]+$", var.app_instance_type))
    error_message = "app_instance_type must be an EC2 instance type such as c6i.large."
  }
}

variable "app_port" {
  type        = number
  description = "TCP port atelier-service listens on."
  default     = 8080

  validation {
    condition     = var.app_port >= 1024 && var.app_port <= 65535 && floor(var.app_port) == var.app_port
    error_message = "app_port must be a whole number between 1024 and 65535."
  }
}

variable "app_package_url" {
  type        = string
  description = "Where app nodes fetch the atelier-product-service .deb (s3://bucket/key.deb or https://...deb)."

  validation {
    condition     = can(regex("^(s3|https)://[^[:space:]]+\\.deb$", var.app_package_url))
    error_message = "app_package_url must be an s3:// or https:// URL ending in .deb."
  }
}

variable "app_pool_size" {
  type        = number
  description = "Database connection pool size per app node (pool_size in service.conf)."
  default     = 16

  validation {
    condition     = var.app_pool_size >= 1 && var.app_pool_size <= 256 && floor(var.app_pool_size) == var.app_pool_size
    error_message = "app_pool_size must be a whole number between 1 and 256."
  }
}

# ---------------------------------------------------------------- cache nodes
variable "cache_kind" {
  type        = string
  description = "Memcached tier: \"ec2\" (memcached on EC2 nodes) or \"elasticache\" (ElastiCache for Memcached)."
  default     = "ec2"

  validation {
    condition     = contains(["ec2", "elasticache"], var.cache_kind)
    error_message = "cache_kind must be \"ec2\" or \"elasticache\"."
  }
}

variable "cache_node_count" {
  type        = number
  description = "Number of memcached nodes."
  default     = 2

  validation {
    condition     = var.cache_node_count >= 1 && var.cache_node_count <= 20 && floor(var.cache_node_count) == var.cache_node_count
    error_message = "cache_node_count must be a whole number between 1 and 20."
  }
}

variable "cache_instance_type" {
  type        = string
  description = "EC2 instance type of the memcached nodes (cache_kind = \"ec2\")."
  default     = "r6i.large"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]*\\.[a-z0-9]+$", var.cache_instance_type))
    error_message = "cache_instance_type must be an EC2 instance type such as r6i.large."
  }
}

variable "cache_memory_mb" {
  type        = number
  description = "Memory memcached may use on each EC2 cache node (memcached -m), in MiB."
  default     = 12288

  validation {
    condition     = var.cache_memory_mb >= 64 && var.cache_memory_mb <= 1048576 && floor(var.cache_memory_mb) == var.cache_memory_mb
    error_message = "cache_memory_mb must be a whole number between 64 and 1048576."
  }
}

variable "cache_node_type" {
  type        = string
  description = "ElastiCache node type (cache_kind = \"elasticache\")."
  default     = "cache.r6g.large"

  validation {
    condition     = can(regex("^cache\\.[a-z0-9]+\\.[a-z0-9]+$", var.cache_node_type))
    error_message = "cache_node_type must be an ElastiCache node type such as cache.r6g.large."
  }
}

# ---------------------------------------------------------------- database
variable "database_kind" {
  type        = string
  description = "Postgres tier: \"rds\" (Amazon RDS for PostgreSQL) or \"ec2\" (Postgres on EC2 nodes)."
  default     = "rds"

  validation {
    condition     = contains(["rds", "ec2"], var.database_kind)
    error_message = "database_kind must be \"rds\" or \"ec2\"."
  }
}

variable "database_read_replica" {
  type        = bool
  description = "Whether to add one streaming read replica of the Postgres primary."
  default     = false
}

variable "database_engine_version" {
  type        = string
  description = "Postgres major version (RDS engine_version; postgresql-N package on EC2)."
  default     = "16"

  validation {
    condition     = contains(["14", "15", "16", "17"], var.database_engine_version)
    error_message = "database_engine_version must be one of 14, 15, 16, 17."
  }
}

variable "database_instance_type" {
  type        = string
  description = "EC2 instance type of the Postgres nodes (database_kind = \"ec2\")."
  default     = "r6i.large"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]*\\.[a-z0-9]+$", var.database_instance_type))
    error_message = "database_instance_type must be an EC2 instance type such as r6i.large."
  }
}

variable "database_instance_class" {
  type        = string
  description = "RDS instance class (database_kind = \"rds\")."
  default     = "db.r6g.large"

  validation {
    condition     = can(regex("^db\\.[a-z0-9]+\\.[a-z0-9]+$", var.database_instance_class))
    error_message = "database_instance_class must be an RDS instance class such as db.r6g.large."
  }
}

variable "database_storage_gb" {
  type        = number
  description = "Encrypted gp3 storage for Postgres data in GiB (RDS allocated storage or the EC2 data volume)."
  default     = 100

  validation {
    condition     = var.database_storage_gb >= 20 && var.database_storage_gb <= 16384 && floor(var.database_storage_gb) == var.database_storage_gb
    error_message = "database_storage_gb must be a whole number between 20 and 16384."
  }
}

variable "database_name" {
  type        = string
  description = "Name of the Postgres database the service uses."
  default     = "atelier"

  validation {
    condition     = can(regex("^[a-z][a-z0-9_]{0,62}$", var.database_name))
    error_message = "database_name must be 1-63 characters: a lowercase letter, then lowercase letters, digits or _."
  }
}

variable "database_username" {
  type        = string
  description = "Postgres role the service logs in as (the RDS master user)."
  default     = "atelier"

  validation {
    condition     = can(regex("^[a-z][a-z0-9_]{0,62}$", var.database_username)) && !contains(["postgres", "admin", "rdsadmin"], var.database_username)
    error_message = "database_username must be 1-63 characters of lowercase letters, digits or _, starting with a letter, and not postgres/admin/rdsadmin."
  }
}

variable "database_password_secret_arn" {
  type        = string
  description = "ARN of an existing Secrets Manager secret or SSM SecureString parameter holding the database password; required for database_kind = \"ec2\" (RDS manages its own secret)."
  default     = null

  validation {
    condition     = var.database_password_secret_arn == null || can(regex("^arn:aws[a-z-]*:(secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:|ssm:[a-z0-9-]+:[0-9]{12}:parameter/)[A-Za-z0-9/_+=.@-]+$", var.database_password_secret_arn))
    error_message = "database_password_secret_arn must be null or a Secrets Manager secret ARN or SSM parameter ARN."
  }
  validation {
    condition     = var.database_kind != "ec2" || var.database_password_secret_arn != null
    error_message = "database_password_secret_arn is required when database_kind = \"ec2\"."
  }
}
