# The Postgres tier: an RDS primary (+ optional read replica) or EC2 Postgres nodes configured by configure-db.sh.

# ---------------------------------------------------------------- RDS
resource "aws_db_subnet_group" "db" {
  count = local.use_rds ? 1 : 0

  name       = "${var.name_prefix}-db"
  subnet_ids = aws_subnet.private[*].id
}

resource "aws_db_instance" "primary" {
  count = local.use_rds ? 1 : 0

  identifier     = "${var.name_prefix}-db"
  engine         = "postgres"
  engine_version = var.database_engine_version
  instance_class = var.database_instance_class
  db_name        = var.database_name
  username       = var.database_username
  # RDS generates the password and keeps it in Secrets Manager; it never appears in Terraform state or user_data.
  manage_master_user_password   = true
  master_user_secret_kms_key_id = var.kms_key_arn

  allocated_storage      = var.database_storage_gb
  storage_type           = "gp3"
  storage_encrypted      = true
  kms_key_id             = var.kms_key_arn
  db_subnet_group_name   = aws_db_subnet_group.db[0].name
  vpc_security_group_ids = [aws_security_group.db.id]
  publicly_accessible    = false

  # Read replicas need automated backups on the source.
  backup_retention_period   = 7
  copy_tags_to_snapshot     = true
  deletion_protection       = true
  skip_final_snapshot       = false
  final_snapshot_identifier = "${var.name_prefix}-db-final"
}

resource "aws_db_instance" "replica" {
  count = local.use_rds && var.database_read_replica ? 1 : 0

  identifier             = "${var.name_prefix}-db-replica"
  replicate_source_db    = aws_db_instance.primary[0].identifier
  instance_class         = var.database_instance_class
  storage_type           = "gp3"
  storage_encrypted      = true
  kms_key_id             = var.kms_key_arn
  vpc_security_group_ids = [aws_security_group.db.id]
  publicly_accessible    = false
  skip_final_snapshot    = true
}

# ---------------------------------------------------------------- EC2
# The data lives on the root volume, sized for the database; a template change never replaces a database node.
module "db_primary_node" {
  source = "./modules/ec2_node"

  name                        = "${var.name_prefix}-db-primary"
  single_name                 = true
  role                        = "db-primary"
  node_count                  = local.ec2_database_nodes
  ami_id                      = var.ami_id
  instance_type               = var.database_instance_type
  subnet_ids                  = [aws_subnet.private[0].id]
  security_group_ids          = [aws_security_group.db.id]
  instance_profile            = aws_iam_instance_profile.node["db"].name
  user_data                   = module.node_config.db_primary_user_data
  replace_on_user_data_change = false
  volume_size_gb              = var.database_storage_gb
  kms_key_arn                 = var.kms_key_arn
}

module "db_replica_node" {
  source = "./modules/ec2_node"

  name                        = "${var.name_prefix}-db-replica"
  single_name                 = true
  role                        = "db-replica"
  node_count                  = local.ec2_replica_nodes
  ami_id                      = var.ami_id
  instance_type               = var.database_instance_type
  subnet_ids                  = [aws_subnet.private[1].id]
  security_group_ids          = [aws_security_group.db.id]
  instance_profile            = aws_iam_instance_profile.node["db"].name
  user_data                   = module.node_config.db_replica_user_data
  replace_on_user_data_change = false
  volume_size_gb              = var.database_storage_gb
  kms_key_arn                 = var.kms_key_arn
}

locals {
  database_host = local.use_rds ? aws_db_instance.primary[0].address : module.db_primary_node.private_ips[0]
  database_replica_host = (
    local.use_rds ? (var.database_read_replica ? aws_db_instance.replica[0].address : null)
    : (var.database_read_replica ? module.db_replica_node.private_ips[0] : null)
  )
  database_password_secret_arn = local.use_rds ? aws_db_instance.primary[0].master_user_secret[0].secret_arn : var.database_password_secret_arn
}
