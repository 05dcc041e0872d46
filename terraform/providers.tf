# AWS provider configuration: region and tags applied to every resource.
provider "aws" {
  region = var.region

  default_tags {
    tags = merge(var.tags, {
      Project   = "atelier-product-service"
      ManagedBy = "terraform"
      Stack     = var.name_prefix
    })
  }
}
