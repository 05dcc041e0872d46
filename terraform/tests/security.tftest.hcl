# terraform test: the security policy over every SG rule, instance and data store (mock apply, no AWS calls).

mock_provider "aws" {
  # key_name is optional+computed: an empty default means "no key pair" unless the configuration sets one.
  mock_resource "aws_instance" {
    defaults = {
      key_name = ""
    }
  }
  # The provider validates these ARNs even under a mock, so give them ARN-shaped values.
  mock_resource "aws_lb" {
    defaults = {
      arn      = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/atelier-alb/0123456789abcdef"
      dns_name = "atelier-alb-123456.eu-west-1.elb.amazonaws.com"
    }
  }
  mock_resource "aws_lb_target_group" {
    defaults = {
      arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/atelier-app/0123456789abcdef"
    }
  }
  mock_resource "aws_db_instance" {
    defaults = {
      address = "atelier-db.abc123.eu-west-1.rds.amazonaws.com"
      master_user_secret = [{
        kms_key_id    = "arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555"
        secret_arn    = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-0123-AbCdEf"
        secret_status = "active"
      }]
    }
  }
  mock_resource "aws_elasticache_cluster" {
    defaults = {
      cache_nodes = [
        { id = "0001", address = "atelier-cache.0001.cache.amazonaws.com", port = 11211, availability_zone = "eu-west-1a", outpost_arn = "" },
        { id = "0002", address = "atelier-cache.0002.cache.amazonaws.com", port = 11211, availability_zone = "eu-west-1b", outpost_arn = "" },
      ]
    }
  }
}

variables {
  ami_id          = "ami-0123456789abcdef0"
  app_package_url = "s3://atelier-artifacts/atelier-product-service_1.0.0_amd64.deb"
}

# Every EC2 kind at once (nginx LB, EC2 cache, EC2 primary + replica) so every instance and rule is covered.
run "policy_all_ec2" {
  command = apply

  variables {
    database_kind                = "ec2"
    database_read_replica        = true
    database_password_secret_arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:atelier-db-AbCdEf"
  }

  assert {
    condition = alltrue([for r in values(aws_vpc_security_group_ingress_rule.rule) :
    r.cidr_ipv4 == null || (r.security_group_id == aws_security_group.lb.id && contains([80, 443], r.from_port) && r.from_port == r.to_port)])
    error_message = "only the LB security group may take ingress from a CIDR, and only on 80/443"
  }
  assert {
    condition = alltrue([for r in values(aws_vpc_security_group_ingress_rule.rule) :
    r.cidr_ipv6 == null && r.prefix_list_id == null && r.ip_protocol == "tcp"])
    error_message = "ingress rules must be TCP from a security group or an IPv4 CIDR only"
  }
  assert {
    condition     = alltrue([for r in values(aws_vpc_security_group_ingress_rule.rule) : !(r.from_port <= 22 && r.to_port >= 22)])
    error_message = "no security group may accept port 22"
  }
  assert {
    condition = alltrue([for r in values(aws_vpc_security_group_ingress_rule.rule) :
    r.security_group_id != aws_security_group.app.id || (r.referenced_security_group_id == aws_security_group.lb.id && r.from_port == var.app_port && r.to_port == var.app_port)])
    error_message = "the app security group may accept only the app port, only from the LB security group"
  }
  assert {
    condition = alltrue([for r in values(aws_vpc_security_group_ingress_rule.rule) :
    r.security_group_id != aws_security_group.cache.id || (r.referenced_security_group_id == aws_security_group.app.id && r.from_port == 11211 && r.to_port == 11211)])
    error_message = "the cache security group may accept only 11211, only from the app security group"
  }
  assert {
    condition = alltrue([for r in values(aws_vpc_security_group_ingress_rule.rule) :
      r.security_group_id != aws_security_group.db.id || (r.from_port == 5432 && r.to_port == 5432 && (
        r.referenced_security_group_id == aws_security_group.app.id ||
        # The only other source: the EC2 replica streaming from the primary, within the db group itself.
        (r.referenced_security_group_id == aws_security_group.db.id && length(module.db_replica_node.instances) == 1)
    ))])
    error_message = "the db security group may accept only 5432, only from the app security group (plus the EC2 replica)"
  }
  assert {
    condition = alltrue([for r in values(aws_vpc_security_group_ingress_rule.rule) :
    !(r.from_port <= 11211 && r.to_port >= 11211) || r.referenced_security_group_id == aws_security_group.app.id])
    error_message = "port 11211 may be opened only to the app security group"
  }
  assert {
    condition = alltrue([for r in values(aws_vpc_security_group_ingress_rule.rule) :
    !(r.from_port <= var.app_port && r.to_port >= var.app_port) || r.referenced_security_group_id == aws_security_group.lb.id])
    error_message = "the app port may be opened only to the LB security group"
  }
  assert {
    condition = alltrue([for sg in [aws_security_group.lb, aws_security_group.app, aws_security_group.cache, aws_security_group.db] :
    length(sg.ingress) == 0])
    error_message = "security groups must have no inline ingress rules (all rules are checked above)"
  }
  assert {
    condition = alltrue([for i in concat(module.app_nodes.instances, module.cache_nodes.instances, module.lb_node.instances, module.db_primary_node.instances, module.db_replica_node.instances) :
    i.metadata_options[0].http_tokens == "required" && i.metadata_options[0].http_put_response_hop_limit == 1])
    error_message = "every instance must require IMDSv2 tokens with a hop limit of 1"
  }
  assert {
    condition = alltrue([for i in concat(module.app_nodes.instances, module.cache_nodes.instances, module.lb_node.instances, module.db_primary_node.instances, module.db_replica_node.instances) :
    alltrue([for v in i.root_block_device : v.encrypted]) && length(i.ebs_block_device) == 0])
    error_message = "every instance's volumes must be encrypted"
  }
  assert {
    condition = alltrue([for i in concat(module.app_nodes.instances, module.cache_nodes.instances, module.db_primary_node.instances, module.db_replica_node.instances) :
    i.associate_public_ip_address == false && i.key_name == ""])
    error_message = "only the LB node may have a public IP, and no instance may carry an SSH key pair"
  }
  assert {
    condition     = length(module.lb_node.instances) == 1 && module.lb_node.instances[0].key_name == ""
    error_message = "the nginx LB node must carry no SSH key pair"
  }
  assert {
    condition     = length(module.app_nodes.instances) == 4 && module.app_nodes.instances[0].subnet_id != module.app_nodes.instances[1].subnet_id
    error_message = "app nodes must be spread over the private subnets"
  }
  assert {
    condition = alltrue([for s in [
      module.node_config.app_configure_script, module.node_config.db_primary_configure_script, module.node_config.db_replica_configure_script,
    ] : strcontains(s, var.database_password_secret_arn) && strcontains(s, "fetch_database_password")])
    error_message = "app and db configure scripts must fetch the password from the secret ARN at run time"
  }
  assert {
    condition     = strcontains(module.node_config.app_configure_script, "memcached = ${module.cache_nodes.instances[0].private_ip}:11211,${module.cache_nodes.instances[1].private_ip}:11211")
    error_message = "service.conf must list every EC2 cache node"
  }
  assert {
    condition     = alltrue([for i in module.app_nodes.instances : strcontains(module.node_config.nginx_lb_conf, "server ${i.private_ip}:8080")])
    error_message = "the nginx upstream must list every app node"
  }
  assert {
    condition     = alltrue([for tier, role in aws_iam_role.node : contains(keys(aws_iam_role_policy_attachment.ssm_core), tier)])
    error_message = "every node role must be SSM-managed"
  }
  assert {
    condition     = !contains(keys(aws_iam_role_policy.tier), "lb") && !contains(keys(aws_iam_role_policy.tier), "cache")
    error_message = "LB and cache nodes must get no permissions beyond SSM"
  }
}

run "policy_managed_services" {
  command = apply

  variables {
    load_balancer_kind    = "alb"
    cache_kind            = "elasticache"
    database_read_replica = true
  }

  assert {
    condition     = alltrue([for db in concat(aws_db_instance.primary, aws_db_instance.replica) : db.storage_encrypted && !db.publicly_accessible])
    error_message = "RDS storage must be encrypted and not publicly accessible"
  }
  assert {
    condition     = aws_db_instance.primary[0].manage_master_user_password == true && aws_db_instance.primary[0].password == null
    error_message = "RDS must manage its master password in Secrets Manager"
  }
  assert {
    condition     = strcontains(module.node_config.app_configure_script, aws_db_instance.primary[0].master_user_secret[0].secret_arn)
    error_message = "app nodes must read the RDS-managed secret"
  }
  assert {
    condition     = strcontains(aws_iam_role_policy.tier["app"].policy, "secretsmanager:GetSecretValue") && strcontains(aws_iam_role_policy.tier["app"].policy, "s3:GetObject")
    error_message = "app nodes must be allowed to read the DB secret and the package object"
  }
  assert {
    condition     = strcontains(module.node_config.app_configure_script, "memcached = atelier-cache.0001.cache.amazonaws.com:11211,atelier-cache.0002.cache.amazonaws.com:11211")
    error_message = "service.conf must list every ElastiCache node"
  }
  assert {
    condition     = aws_lb.alb[0].drop_invalid_header_fields && !aws_lb.alb[0].internal
    error_message = "the ALB must be internet-facing and drop invalid headers"
  }
  assert {
    condition = alltrue([for r in values(aws_vpc_security_group_ingress_rule.rule) :
    r.cidr_ipv4 == null || (r.security_group_id == aws_security_group.lb.id && contains([80, 443], r.from_port))])
    error_message = "only the LB may be reachable from a CIDR, on 80/443"
  }
  assert {
    condition     = length(module.lb_node.instances) == 0 && length(module.cache_nodes.instances) == 0 && length(module.db_primary_node.instances) == 0
    error_message = "managed kinds must create no EC2 nodes for their tier"
  }
}
