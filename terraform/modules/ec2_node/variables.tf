# Inputs of one tier of hardened EC2 nodes: what differs between the lb, app, cache and database tiers.

variable "name" {
  type        = string
  description = "Name tag prefix of the tier's nodes, e.g. \"atelier-app\"; nodes are tagged NAME-0, NAME-1, ... (or NAME alone for a single-node tier with single_name = true)."

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,40}$", var.name))
    error_message = "name must be 1-41 characters of lowercase letters, digits and hyphens, starting with a letter."
  }
}

variable "single_name" {
  type        = bool
  description = "Tag the nodes NAME instead of NAME-INDEX (for tiers that are always one node: the LB, the database primary)."
  default     = false
}

variable "role" {
  type        = string
  description = "Role tag of the nodes (lb, app, cache, db-primary, db-replica); monitoring and SSM targeting select on it."
}

variable "node_count" {
  type        = number
  description = "How many nodes the tier has (0 creates none)."

  validation {
    condition     = var.node_count >= 0 && floor(var.node_count) == var.node_count
    error_message = "node_count must be a whole number >= 0."
  }
}

variable "ami_id" {
  type        = string
  description = "AMI of the nodes (Debian bookworm with the atelier packages' dependencies available)."
}

variable "instance_type" {
  type        = string
  description = "EC2 instance type of the nodes."
}

variable "subnet_ids" {
  type        = list(string)
  description = "Subnets the nodes are spread over round-robin (node i goes to subnet i mod length)."

  validation {
    condition     = length(var.subnet_ids) > 0
    error_message = "subnet_ids must name at least one subnet."
  }
}

variable "public_ip" {
  type        = bool
  description = "Give the nodes a public IP (only the nginx load balancer, which sits in a public subnet)."
  default     = false
}

variable "security_group_ids" {
  type        = list(string)
  description = "Security groups of the nodes."
}

variable "instance_profile" {
  type        = string
  description = "IAM instance profile name of the nodes (SSM access and the tier's own secrets only)."
}

variable "user_data" {
  type        = string
  description = "cloud-init user data rendered by the node_config module (never contains secrets)."
}

variable "replace_on_user_data_change" {
  type        = bool
  description = "Rebuild a node when its user data changes (true for stateless tiers; false for database nodes, whose data lives on the root volume)."
}

variable "volume_size_gb" {
  type        = number
  description = "Root volume size in GiB (gp3, always encrypted)."

  validation {
    condition     = var.volume_size_gb >= 8
    error_message = "volume_size_gb must be at least 8 GiB."
  }
}

variable "kms_key_arn" {
  type        = string
  description = "KMS key ARN for the root volumes; null uses the AWS-managed EBS key (still encrypted)."
  default     = null
}
