# Processor roles: the identities user-supplied processors run as. Each carries the node's
# boundary and may only mount and write the node's file system and write the node's logs, plus
# invoke the LLM governor when LLM access is on. Nothing else: no S3, no IAM, no secrets.

locals {
  processor_log_resources = [
    "${aws_cloudwatch_log_group.processors.arn}:*",
    "${local.log_group_arn_prefix}:/aws/lambda/${local.prefix}-processor-*:*",
  ]

  processor_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "MountAndWriteNodeFileSystem"
        Effect   = "Allow"
        Action   = ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"]
        Resource = aws_efs_file_system.node.arn
      },
      {
        Sid      = "WriteNodeLogs"
        Effect   = "Allow"
        Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
        Resource = local.processor_log_resources
      },
    ]
  })

  llm_invoke_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "InvokeLlmGovernor"
        Effect   = "Allow"
        Action   = "lambda:InvokeFunction"
        Resource = local.llm_governor_arn
      },
    ]
  })
}

resource "aws_iam_role" "ecs_processor" {
  name                 = "${local.prefix}-ecs-processor"
  description          = "ECS task role of compute node ${var.node_identifier} processors"
  permissions_boundary = aws_iam_policy.boundary.arn
  max_session_duration = 3600
  tags                 = local.tags

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { Service = "ecs-tasks.amazonaws.com" }
        Action    = "sts:AssumeRole"
        Condition = { StringEquals = { "aws:SourceAccount" = var.account_id } }
      },
    ]
  })
}

resource "aws_iam_role_policy" "ecs_processor" {
  name   = "${local.prefix}-ecs-processor"
  role   = aws_iam_role.ecs_processor.id
  policy = local.processor_policy
}

resource "aws_iam_role_policy" "ecs_processor_llm" {
  count  = var.enable_llm_access ? 1 : 0
  name   = "${local.prefix}-ecs-processor-llm"
  role   = aws_iam_role.ecs_processor.id
  policy = local.llm_invoke_policy
}

resource "aws_iam_role" "lambda_processor" {
  name                 = "${local.prefix}-lambda-processor"
  description          = "Execution role of compute node ${var.node_identifier} Lambda processors"
  permissions_boundary = aws_iam_policy.boundary.arn
  max_session_duration = 3600
  tags                 = local.tags

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { Service = "lambda.amazonaws.com" }
        Action    = "sts:AssumeRole"
        Condition = { StringEquals = { "aws:SourceAccount" = var.account_id } }
      },
    ]
  })
}

resource "aws_iam_role_policy" "lambda_processor" {
  name   = "${local.prefix}-lambda-processor"
  role   = aws_iam_role.lambda_processor.id
  policy = local.processor_policy
}

resource "aws_iam_role_policy" "lambda_processor_llm" {
  count  = var.enable_llm_access ? 1 : 0
  name   = "${local.prefix}-lambda-processor-llm"
  role   = aws_iam_role.lambda_processor.id
  policy = local.llm_invoke_policy
}
