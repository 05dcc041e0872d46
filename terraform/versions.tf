# Terraform and provider version pins for the Atelier Product Service stack.
terraform {
  # 1.9+ for cross-variable validation; 1.7+ for mock_provider in terraform test.
  required_version = ">= 1.9.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.100"
    }
  }
}
