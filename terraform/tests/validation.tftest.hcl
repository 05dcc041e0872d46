# terraform test: every variable validation rule rejects a bad value (plan with a mocked AWS provider).

mock_provider "aws" {}

variables {
  ami_id          = "ami-0123456789abcdef0"
  app_package_url = "s3://atelier-artifacts/atelier-product-service_1.0.0_amd64.deb"
}

run "rejects_region" {
  command = plan
  variables {
    region = "Europe"
  }
  expect_failures = [var.region]
}

run "rejects_name_prefix" {
  command = plan
  variables {
    name_prefix = "Atelier_Prod"
  }
  expect_failures = [var.name_prefix]
}

run "rejects_tags" {
  command = plan
  variables {
    tags = { "" = "empty-key" }
  }
  expect_failures = [var.tags]
}

run "rejects_ami_id" {
  command = plan
  variables {
    ami_id = "ami-XYZ"
  }
  expect_failures = [var.ami_id]
}

run "rejects_ami_id_too_short" {
  command = plan
  variables {
    ami_id = "ami-1234567"
  }
  expect_failures = [var.ami_id]
}

run "rejects_root_volume_size_gb" {
  command = plan
  variables {
    root_volume_size_gb = 4
  }
  expect_failures = [var.root_volume_size_gb]
}

run "rejects_kms_key_arn" {
  command = plan
  variables {
    kms_key_arn = "alias/aws/ebs"
  }
  expect_failures = [var.kms_key_arn]
}

run "rejects_vpc_cidr_invalid" {
  command = plan
  variables {
    vpc_cidr = "10.40.0.0/33"
  }
  expect_failures = [var.vpc_cidr]
}

run "rejects_vpc_cidr_not_a_cidr" {
  command = plan
  variables {
    vpc_cidr = "not-a-cidr"
  }
  expect_failures = [var.vpc_cidr]
}

run "rejects_vpc_cidr_too_small" {
  command = plan
  variables {
    vpc_cidr = "10.40.0.0/28"
  }
  expect_failures = [var.vpc_cidr]
}

run "rejects_availability_zones_one" {
  command = plan
  variables {
    availability_zones = ["eu-west-1a"]
  }
  expect_failures = [var.availability_zones]
}

run "rejects_availability_zones_duplicate" {
  command = plan
  variables {
    availability_zones = ["eu-west-1a", "eu-west-1a"]
  }
  expect_failures = [var.availability_zones]
}

run "rejects_public_subnet_cidrs_invalid" {
  command = plan
  variables {
    public_subnet_cidrs = ["10.40.0.0/24", "10.40.300.0/24"]
  }
  expect_failures = [var.public_subnet_cidrs]
}

run "rejects_public_subnet_cidrs_count" {
  command = plan
  variables {
    public_subnet_cidrs = ["10.40.0.0/24"]
  }
  expect_failures = [var.public_subnet_cidrs]
}

run "rejects_private_subnet_cidrs_invalid" {
  command = plan
  variables {
    private_subnet_cidrs = ["10.40.10.0/24", "bogus"]
  }
  expect_failures = [var.private_subnet_cidrs]
}

run "rejects_private_subnet_cidrs_count" {
  command = plan
  variables {
    private_subnet_cidrs = ["10.40.10.0/24", "10.40.11.0/24", "10.40.12.0/24"]
  }
  expect_failures = [var.private_subnet_cidrs]
}

run "rejects_load_balancer_kind" {
  command = plan
  variables {
    load_balancer_kind = "haproxy"
  }
  expect_failures = [var.load_balancer_kind]
}

run "rejects_lb_instance_type" {
  command = plan
  variables {
    lb_instance_type = "large"
  }
  expect_failures = [var.lb_instance_type]
}

run "rejects_alb_certificate_arn" {
  command = plan
  variables {
    alb_certificate_arn = "my-cert"
  }
  expect_failures = [var.alb_certificate_arn]
}

run "rejects_health_check_path" {
  command = plan
  variables {
    health_check_path = "products/1"
  }
  expect_failures = [var.health_check_path]
}

run "rejects_app_node_count_zero" {
  command = plan
  variables {
    app_node_count = 0
  }
  expect_failures = [var.app_node_count]
}

run "rejects_app_node_count_too_many" {
  command = plan
  variables {
    app_node_count = 51
  }
  expect_failures = [var.app_node_count]
}

run "rejects_app_node_count_fraction" {
  command = plan
  variables {
    app_node_count = 2.5
  }
  expect_failures = [var.app_node_count]
}

run "rejects_app_instance_type" {
  command = plan
  variables {
    app_instance_type = "C6I LARGE"
  }
  expect_failures = [var.app_instance_type]
}

run "rejects_app_port_privileged" {
  command = plan
  variables {
    app_port = 80
  }
  expect_failures = [var.app_port]
}

run "rejects_app_port_too_high" {
  command = plan
  variables {
    app_port = 70000
  }
  expect_failures = [var.app_port]
}

run "rejects_app_package_url_scheme" {
  command = plan
  variables {
    app_package_url = "ftp://example.invalid/atelier.deb"
  }
  expect_failures = [var.app_package_url]
}

run "rejects_app_package_url_not_deb" {
  command = plan
  variables {
    app_package_url = "s3://atelier-artifacts/atelier.tar.gz"
  }
  expect_failures = [var.app_package_url]
}

run "rejects_app_pool_size" {
  command = plan
  variables {
    app_pool_size = 0
  }
  expect_failures = [var.app_pool_size]
}

run "rejects_cache_kind" {
  command = plan
  variables {
    cache_kind = "redis"
  }
  expect_failures = [var.cache_kind]
}

run "rejects_cache_node_count_zero" {
  command = plan
  variables {
    cache_node_count = 0
  }
  expect_failures = [var.cache_node_count]
}

run "rejects_cache_node_count_too_many" {
  command = plan
  variables {
    cache_node_count = 21
  }
  expect_failures = [var.cache_node_count]
}

run "rejects_cache_instance_type" {
  command = plan
  variables {
    cache_instance_type = "r6i"
  }
  expect_failures = [var.cache_instance_type]
}

run "rejects_cache_memory_mb" {
  command = plan
  variables {
    cache_memory_mb = 32
  }
  expect_failures = [var.cache_memory_mb]
}

run "rejects_cache_node_type" {
  command = plan
  variables {
    cache_node_type = "r6g.large"
  }
  expect_failures = [var.cache_node_type]
}

run "rejects_database_kind" {
  command = plan
  variables {
    database_kind = "aurora"
  }
  expect_failures = [var.database_kind]
}

run "rejects_database_engine_version" {
  command = plan
  variables {
    database_engine_version = "9.6"
  }
  expect_failures = [var.database_engine_version]
}

run "rejects_database_instance_type" {
  command = plan
  variables {
    database_instance_type = "db.r6g.large"
  }
  expect_failures = [var.database_instance_type]
}

run "rejects_database_instance_class" {
  command = plan
  variables {
    database_instance_class = "r6g.large"
  }
  expect_failures = [var.database_instance_class]
}

run "rejects_database_storage_gb" {
  command = plan
  variables {
    database_storage_gb = 10
  }
  expect_failures = [var.database_storage_gb]
}

run "rejects_database_name" {
  command = plan
  variables {
    database_name = "Atelier-DB"
  }
  expect_failures = [var.database_name]
}

run "rejects_database_username_reserved" {
  command = plan
  variables {
    database_username = "postgres"
  }
  expect_failures = [var.database_username]
}

run "rejects_database_username_invalid" {
  command = plan
  variables {
    database_username = "1user"
  }
  expect_failures = [var.database_username]
}

run "rejects_database_password_secret_arn_invalid" {
  command = plan
  variables {
    database_password_secret_arn = "my-secret"
  }
  expect_failures = [var.database_password_secret_arn]
}

run "rejects_ec2_database_without_secret" {
  command = plan
  variables {
    database_kind = "ec2"
  }
  expect_failures = [var.database_password_secret_arn]
}
