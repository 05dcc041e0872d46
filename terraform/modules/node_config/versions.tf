# Version constraint of the node_config module (pure rendering: no providers, no resources).
terraform {
  required_version = ">= 1.9.0"
}
