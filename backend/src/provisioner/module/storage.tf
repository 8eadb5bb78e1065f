# Node storage: the EFS file system processors share, and the workflow-log bucket. The bucket
# is the audit record of the node: force_destroy stays false, and the runner removes it (and its
# sub-resources) from the state before `terraform destroy`, so deleting a node keeps it.

resource "aws_efs_file_system" "node" {
  creation_token   = local.prefix
  encrypted        = true
  kms_key_id       = var.deployment_mode == "compliant" ? aws_kms_key.node[0].arn : null
  performance_mode = "generalPurpose"
  throughput_mode  = "bursting"
  tags             = merge(local.tags, { Name = local.prefix })
}

resource "aws_efs_access_point" "node" {
  file_system_id = aws_efs_file_system.node.id
  tags           = local.tags

  posix_user {
    uid = 1000
    gid = 1000
  }

  root_directory {
    path = "/compute-node"

    creation_info {
      owner_uid   = 1000
      owner_gid   = 1000
      permissions = "0750"
    }
  }
}

resource "aws_efs_mount_target" "node" {
  count           = length(local.subnet_ids)
  file_system_id  = aws_efs_file_system.node.id
  subnet_id       = local.subnet_ids[count.index]
  security_groups = [aws_security_group.efs[0].id]
}

resource "aws_s3_bucket" "workflow_logs" {
  bucket        = local.workflow_bucket
  force_destroy = false
  tags          = local.tags
}

resource "aws_s3_bucket_versioning" "workflow_logs" {
  bucket = aws_s3_bucket.workflow_logs.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "workflow_logs" {
  bucket = aws_s3_bucket.workflow_logs.id

  rule {
    bucket_key_enabled = var.deployment_mode == "compliant"

    apply_server_side_encryption_by_default {
      sse_algorithm     = var.deployment_mode == "compliant" ? "aws:kms" : "AES256"
      kms_master_key_id = var.deployment_mode == "compliant" ? aws_kms_key.node[0].arn : null
    }
  }
}

resource "aws_s3_bucket_public_access_block" "workflow_logs" {
  bucket                  = aws_s3_bucket.workflow_logs.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "workflow_logs" {
  bucket = aws_s3_bucket.workflow_logs.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

# TLS only, plus delivery of VPC flow logs (secure and compliant modes) under AWSLogs/.
resource "aws_s3_bucket_policy" "workflow_logs" {
  bucket     = aws_s3_bucket.workflow_logs.id
  depends_on = [aws_s3_bucket_public_access_block.workflow_logs]

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "DenyInsecureTransport"
        Effect    = "Deny"
        Principal = { AWS = "*" }
        Action    = "s3:*"
        Resource  = [aws_s3_bucket.workflow_logs.arn, "${aws_s3_bucket.workflow_logs.arn}/*"]
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      },
      {
        Sid       = "FlowLogDeliveryWrite"
        Effect    = "Allow"
        Principal = { Service = "delivery.logs.amazonaws.com" }
        Action    = "s3:PutObject"
        Resource  = "${aws_s3_bucket.workflow_logs.arn}/AWSLogs/${var.account_id}/*"
        Condition = {
          StringEquals = { "aws:SourceAccount" = var.account_id, "s3:x-amz-acl" = "bucket-owner-full-control" }
        }
      },
      {
        Sid       = "FlowLogDeliveryAclCheck"
        Effect    = "Allow"
        Principal = { Service = "delivery.logs.amazonaws.com" }
        Action    = "s3:GetBucketAcl"
        Resource  = aws_s3_bucket.workflow_logs.arn
        Condition = { StringEquals = { "aws:SourceAccount" = var.account_id } }
      },
    ]
  })
}
