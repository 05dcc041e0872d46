# Version constraint of the rehearsal root module (pure rendering through node_config: no providers, no resources).
terraform {
  required_version = ">= 1.9.0"
}
