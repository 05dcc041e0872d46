# One IAM role per node tier: SSM Session Manager (instead of SSH) plus only the reads that tier's configure step needs.
locals {
  package_s3_object_arn = startswith(var.app_package_url, "s3://") ? "arn:aws:s3:::${trimprefix(var.app_package_url, "s3://")}" : null
  secret_read_actions   = strcontains(local.database_password_secret_arn, ":ssm:") ? ["ssm:GetParameter"] : ["secretsmanager:GetSecretValue"]

  # Policy statements per tier beyond SSM: app and db read the password secret, app also fetches the .deb.
  tier_statements = {
    lb    = []
    cache = []
    app = concat(
      [{ Effect = "Allow", Action = local.secret_read_actions, Resource = [local.database_password_secret_arn] }],
      local.package_s3_object_arn == null ? [] : [{ Effect = "Allow", Action = ["s3:GetObject"], Resource = [local.package_s3_object_arn] }],
      var.kms_key_arn == null ? [] : [{ Effect = "Allow", Action = ["kms:Decrypt"], Resource = [var.kms_key_arn] }],
    )
    db = concat(
      [{ Effect = "Allow", Action = local.secret_read_actions, Resource = [local.database_password_secret_arn] }],
      var.kms_key_arn == null ? [] : [{ Effect = "Allow", Action = ["kms:Decrypt"], Resource = [var.kms_key_arn] }],
    )
  }
}

resource "aws_iam_role" "node" {
  for_each = local.tier_statements

  name        = "${var.name_prefix}-${each.key}-node"
  description = "Atelier ${each.key} EC2 nodes: SSM-managed, no SSH"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ec2.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy_attachment" "ssm_core" {
  for_each = aws_iam_role.node

  role       = each.value.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"
}

resource "aws_iam_role_policy" "tier" {
  for_each = { for tier, statements in local.tier_statements : tier => statements if length(statements) > 0 }

  name   = "${var.name_prefix}-${each.key}-configure"
  role   = aws_iam_role.node[each.key].id
  policy = jsonencode({ Version = "2012-10-17", Statement = each.value })
}

resource "aws_iam_instance_profile" "node" {
  for_each = aws_iam_role.node

  name = "${var.name_prefix}-${each.key}-node"
  role = each.value.name
}
