# Least-privilege security groups: public HTTP(S) to the LB only, app port from the LB, cache/DB from the app; no SSH.
resource "aws_security_group" "lb" {
  name        = "${var.name_prefix}-lb"
  description = "Atelier load balancer: HTTP(S) from the internet"
  vpc_id      = aws_vpc.main.id

  tags = { Name = "${var.name_prefix}-lb" }
}

resource "aws_security_group" "app" {
  name        = "${var.name_prefix}-app"
  description = "Atelier app nodes: service port from the load balancer only"
  vpc_id      = aws_vpc.main.id

  tags = { Name = "${var.name_prefix}-app" }
}

resource "aws_security_group" "cache" {
  name        = "${var.name_prefix}-cache"
  description = "Atelier memcached: 11211 from the app nodes only"
  vpc_id      = aws_vpc.main.id

  tags = { Name = "${var.name_prefix}-cache" }
}

resource "aws_security_group" "db" {
  name        = "${var.name_prefix}-db"
  description = "Atelier Postgres: 5432 from the app nodes (and the replica) only"
  vpc_id      = aws_vpc.main.id

  tags = { Name = "${var.name_prefix}-db" }
}

locals {
  # Every ingress rule of the stack in one map, so the tests can assert the policy over all of them.
  # Exactly one of cidr_ipv4 / referenced_security_group_id is set per rule.
  ingress_rules = merge(
    { for port in local.lb_listener_ports : "lb-public-${port}" => {
      security_group_id = aws_security_group.lb.id, port = port, cidr_ipv4 = "0.0.0.0/0", source_sg = null
      description       = "Clients to the load balancer on ${port}"
    } },
    {
      app-from-lb = {
        security_group_id = aws_security_group.app.id, port = var.app_port, cidr_ipv4 = null
        source_sg         = aws_security_group.lb.id, description = "Load balancer to atelier-service"
      }
      cache-from-app = {
        security_group_id = aws_security_group.cache.id, port = local.cache_port, cidr_ipv4 = null
        source_sg         = aws_security_group.app.id, description = "App nodes to memcached"
      }
      db-from-app = {
        security_group_id = aws_security_group.db.id, port = local.database_port, cidr_ipv4 = null
        source_sg         = aws_security_group.app.id, description = "App nodes to Postgres"
      }
    },
    # An EC2 replica streams WAL from the primary; RDS replicates inside AWS without a rule.
    local.ec2_replica_nodes > 0 ? {
      db-from-db = {
        security_group_id = aws_security_group.db.id, port = local.database_port, cidr_ipv4 = null
        source_sg         = aws_security_group.db.id, description = "Postgres replica to primary (replication)"
      }
    } : {},
  )

  # Egress: each tier may reach only the next tier, plus HTTPS/HTTP out for packages and AWS APIs (via NAT).
  egress_rules = {
    lb-to-app = {
      security_group_id = aws_security_group.lb.id, port = var.app_port, cidr_ipv4 = null
      target_sg         = aws_security_group.app.id, description = "Load balancer to app nodes"
    }
    app-to-cache = {
      security_group_id = aws_security_group.app.id, port = local.cache_port, cidr_ipv4 = null
      target_sg         = aws_security_group.cache.id, description = "App nodes to memcached"
    }
    app-to-db = {
      security_group_id = aws_security_group.app.id, port = local.database_port, cidr_ipv4 = null
      target_sg         = aws_security_group.db.id, description = "App nodes to Postgres"
    }
    db-to-db = {
      security_group_id = aws_security_group.db.id, port = local.database_port, cidr_ipv4 = null
      target_sg         = aws_security_group.db.id, description = "Postgres replica to primary"
    }
    lb-https-out = {
      security_group_id = aws_security_group.lb.id, port = 443, cidr_ipv4 = "0.0.0.0/0"
      target_sg         = null, description = "Packages and SSM over HTTPS"
    }
    lb-http-out = {
      security_group_id = aws_security_group.lb.id, port = 80, cidr_ipv4 = "0.0.0.0/0"
      target_sg         = null, description = "Debian/Ubuntu package mirrors"
    }
    app-https-out = {
      security_group_id = aws_security_group.app.id, port = 443, cidr_ipv4 = "0.0.0.0/0"
      target_sg         = null, description = "Packages, S3, SSM and Secrets Manager over HTTPS"
    }
    app-http-out = {
      security_group_id = aws_security_group.app.id, port = 80, cidr_ipv4 = "0.0.0.0/0"
      target_sg         = null, description = "Debian/Ubuntu package mirrors"
    }
    cache-https-out = {
      security_group_id = aws_security_group.cache.id, port = 443, cidr_ipv4 = "0.0.0.0/0"
      target_sg         = null, description = "Packages and SSM over HTTPS"
    }
    cache-http-out = {
      security_group_id = aws_security_group.cache.id, port = 80, cidr_ipv4 = "0.0.0.0/0"
      target_sg         = null, description = "Debian/Ubuntu package mirrors"
    }
    db-https-out = {
      security_group_id = aws_security_group.db.id, port = 443, cidr_ipv4 = "0.0.0.0/0"
      target_sg         = null, description = "Packages, SSM and Secrets Manager over HTTPS"
    }
    db-http-out = {
      security_group_id = aws_security_group.db.id, port = 80, cidr_ipv4 = "0.0.0.0/0"
      target_sg         = null, description = "Debian/Ubuntu package mirrors"
    }
  }
}

resource "aws_vpc_security_group_ingress_rule" "rule" {
  for_each = local.ingress_rules

  security_group_id            = each.value.security_group_id
  description                  = each.value.description
  ip_protocol                  = "tcp"
  from_port                    = each.value.port
  to_port                      = each.value.port
  cidr_ipv4                    = each.value.cidr_ipv4
  referenced_security_group_id = each.value.source_sg

  tags = { Name = "${var.name_prefix}-${each.key}" }
}

resource "aws_vpc_security_group_egress_rule" "rule" {
  for_each = local.egress_rules

  security_group_id            = each.value.security_group_id
  description                  = each.value.description
  ip_protocol                  = "tcp"
  from_port                    = each.value.port
  to_port                      = each.value.port
  cidr_ipv4                    = each.value.cidr_ipv4
  referenced_security_group_id = each.value.target_sg

  tags = { Name = "${var.name_prefix}-${each.key}" }
}
