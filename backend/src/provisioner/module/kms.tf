# compliant mode: one customer-managed key, rotated yearly, encrypting the node's log groups,
# state machine, file system, secret and workflow-log bucket.

resource "aws_kms_key" "node" {
  count                   = var.deployment_mode == "compliant" ? 1 : 0
  description             = "Pennsieve compute node ${var.node_identifier}"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  tags                    = local.tags

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AccountAdministers"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::${var.account_id}:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "CloudWatchLogsEncrypts"
        Effect    = "Allow"
        Principal = { Service = "logs.${local.region}.amazonaws.com" }
        Action    = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
        Resource  = "*"
        Condition = {
          ArnLike = { "kms:EncryptionContext:aws:logs:arn" = "${local.log_group_arn_prefix}:*${var.node_identifier}*" }
        }
      },
      {
        Sid       = "FlowLogDeliveryEncrypts"
        Effect    = "Allow"
        Principal = { Service = "delivery.logs.amazonaws.com" }
        Action    = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"]
        Resource  = "*"
        Condition = {
          StringEquals = { "aws:SourceAccount" = var.account_id }
        }
      },
    ]
  })
}

resource "aws_kms_alias" "node" {
  count         = var.deployment_mode == "compliant" ? 1 : 0
  name          = "alias/${local.prefix}"
  target_key_id = aws_kms_key.node[0].key_id
}
