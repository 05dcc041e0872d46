# terraform test: node and resource counts follow the kind and count variables (plan with a mocked AWS provider).

mock_provider "aws" {}

variables {
  ami_id          = "ami-0123456789abcdef0"
  app_package_url = "s3://atelier-artifacts/atelier-product-service_1.0.0_amd64.deb"
}

run "defaults_nginx_ec2_cache_rds" {
  command = plan

  assert {
    condition     = length(module.app_nodes.instances) == 4
    error_message = "default app_node_count must create 4 app nodes"
  }
  assert {
    condition     = length(module.lb_node.instances) == 1 && length(aws_eip.lb) == 1 && length(aws_lb.alb) == 0
    error_message = "load_balancer_kind = nginx must create one nginx node with an EIP and no ALB"
  }
  assert {
    condition     = length(module.cache_nodes.instances) == 2 && length(aws_elasticache_cluster.cache) == 0
    error_message = "cache_kind = ec2 must create cache_node_count EC2 cache nodes and no ElastiCache"
  }
  assert {
    condition     = length(aws_db_instance.primary) == 1 && length(aws_db_instance.replica) == 0
    error_message = "database_kind = rds without replica must create exactly one RDS instance"
  }
  assert {
    condition     = length(module.db_primary_node.instances) == 0 && length(module.db_replica_node.instances) == 0
    error_message = "database_kind = rds must create no EC2 database nodes"
  }
  assert {
    condition     = length(aws_subnet.public) == 2 && length(aws_subnet.private) == 2
    error_message = "one public and one private subnet per availability zone"
  }
}

run "alb_elasticache_rds_replica" {
  command = plan

  variables {
    load_balancer_kind    = "alb"
    app_node_count        = 7
    cache_kind            = "elasticache"
    cache_node_count      = 3
    database_read_replica = true
  }

  assert {
    condition     = length(module.app_nodes.instances) == 7
    error_message = "app_node_count = 7 must create 7 app nodes"
  }
  assert {
    condition     = length(aws_lb.alb) == 1 && length(module.lb_node.instances) == 0 && length(aws_eip.lb) == 0
    error_message = "load_balancer_kind = alb must create one ALB and no nginx node"
  }
  assert {
    condition     = length(aws_lb_target_group_attachment.app) == 7
    error_message = "every app node must be registered in the ALB target group"
  }
  assert {
    condition     = length(aws_lb_listener.http) == 1 && length(aws_lb_listener.https) == 0
    error_message = "without a certificate the ALB must have only the HTTP listener"
  }
  assert {
    condition     = length(module.cache_nodes.instances) == 0 && length(aws_elasticache_cluster.cache) == 1
    error_message = "cache_kind = elasticache must create one cluster and no EC2 cache nodes"
  }
  assert {
    condition     = aws_elasticache_cluster.cache[0].num_cache_nodes == 3
    error_message = "the ElastiCache cluster must have cache_node_count nodes"
  }
  assert {
    condition     = length(aws_db_instance.primary) == 1 && length(aws_db_instance.replica) == 1
    error_message = "database_read_replica = true must add one RDS read replica"
  }
}

run "alb_with_https" {
  command = plan

  variables {
    load_balancer_kind  = "alb"
    alb_certificate_arn = "arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666"
  }

  assert {
    condition     = length(aws_lb_listener.https) == 1 && aws_lb_listener.http[0].default_action[0].type == "redirect"
    error_message = "with a certificate the ALB must serve HTTPS and redirect HTTP"
  }
  assert {
    condition     = contains(keys(aws_vpc_security_group_ingress_rule.rule), "lb-public-443")
    error_message = "with HTTPS the LB security group must allow 443"
  }
}

run "ec2_database_with_replica_three_azs" {
  command = plan

  variables {
    database_kind                = "ec2"
    database_read_replica        = true
    database_password_secret_arn = "arn:aws:ssm:eu-west-1:123456789012:parameter/atelier/db-password"
    app_node_count               = 1
    cache_node_count             = 1
    availability_zones           = ["eu-west-1a", "eu-west-1b", "eu-west-1c"]
    public_subnet_cidrs          = ["10.40.0.0/24", "10.40.1.0/24", "10.40.2.0/24"]
    private_subnet_cidrs         = ["10.40.10.0/24", "10.40.11.0/24", "10.40.12.0/24"]
  }

  assert {
    condition     = length(module.db_primary_node.instances) == 1 && length(module.db_replica_node.instances) == 1
    error_message = "database_kind = ec2 with replica must create a primary and a replica node"
  }
  assert {
    condition     = length(aws_db_instance.primary) == 0 && length(aws_db_instance.replica) == 0
    error_message = "database_kind = ec2 must create no RDS instances"
  }
  assert {
    condition     = length(module.app_nodes.instances) == 1 && length(module.cache_nodes.instances) == 1
    error_message = "counts of 1 must create one app and one cache node"
  }
  assert {
    condition     = length(aws_subnet.public) == 3 && length(aws_subnet.private) == 3
    error_message = "three AZs must give three public and three private subnets"
  }
  assert {
    condition     = length(aws_iam_role_policy.tier["db"].policy) > 0 && strcontains(aws_iam_role_policy.tier["db"].policy, "ssm:GetParameter")
    error_message = "an SSM parameter secret must be readable with ssm:GetParameter by the db nodes"
  }
}

run "ec2_database_without_replica" {
  command = plan

  variables {
    database_kind                = "ec2"
    database_password_secret_arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:atelier-db-AbCdEf"
  }

  assert {
    condition     = length(module.db_primary_node.instances) == 1 && length(module.db_replica_node.instances) == 0
    error_message = "database_kind = ec2 without replica must create only the primary node"
  }
  assert {
    condition     = !contains(keys(aws_vpc_security_group_ingress_rule.rule), "db-from-db")
    error_message = "without an EC2 replica the db SG must not accept 5432 from itself"
  }
}
