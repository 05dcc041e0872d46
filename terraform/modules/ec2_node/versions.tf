# Terraform and provider constraints of the ec2_node module (the root module pins the provider version).
terraform {
  required_version = ">= 1.6"

  required_providers {
    aws = {
      source = "hashicorp/aws"
    }
  }
}
