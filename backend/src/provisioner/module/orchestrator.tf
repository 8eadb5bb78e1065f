# The workflow orchestrator: a Lambda function that the node's state machine invokes for each
# workflow run; it starts processor tasks on the node's ECS cluster and archives run logs in the
# workflow-log bucket. The runner builds the function package at run time.

locals {
  state_machine_name = "${local.prefix}-workflow"
  state_machine_arn  = "arn:aws:states:${local.region}:${var.account_id}:stateMachine:${local.prefix}-workflow"
  orchestrator_arn   = "arn:aws:lambda:${local.region}:${var.account_id}:function:${local.prefix}-workflow-orchestrator"
  in_vpc             = var.deployment_mode != "basic"

  lambda_trust_policy = jsonencode({
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

resource "aws_iam_role" "orchestrator" {
  name                 = "${local.prefix}-orchestrator"
  description          = "Execution role of the compute node ${var.node_identifier} workflow orchestrator"
  permissions_boundary = aws_iam_policy.boundary.arn
  max_session_duration = 3600
  assume_role_policy   = local.lambda_trust_policy
  tags                 = local.tags
}

resource "aws_iam_role_policy" "orchestrator" {
  name = "${local.prefix}-orchestrator"
  role = aws_iam_role.orchestrator.id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "WriteOwnLogs"
        Effect   = "Allow"
        Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
        Resource = "${aws_cloudwatch_log_group.orchestrator.arn}:*"
      },
      {
        Sid      = "RunNodeWorkflows"
        Effect   = "Allow"
        Action   = ["states:StartExecution", "states:DescribeStateMachine"]
        Resource = local.state_machine_arn
      },
      {
        Sid      = "FollowNodeWorkflowRuns"
        Effect   = "Allow"
        Action   = ["states:DescribeExecution", "states:StopExecution"]
        Resource = "arn:aws:states:${local.region}:${var.account_id}:execution:${local.state_machine_name}:*"
      },
      {
        Sid      = "RunProcessorTasks"
        Effect   = "Allow"
        Action   = "ecs:RunTask"
        Resource = "arn:aws:ecs:${local.region}:${var.account_id}:task-definition/${local.prefix}-processor:*"
        Condition = {
          ArnEquals = { "ecs:cluster" = "arn:aws:ecs:${local.region}:${var.account_id}:cluster/${local.prefix}" }
        }
      },
      {
        Sid      = "FollowProcessorTasks"
        Effect   = "Allow"
        Action   = ["ecs:DescribeTasks", "ecs:StopTask"]
        Resource = "arn:aws:ecs:${local.region}:${var.account_id}:task/${local.prefix}/*"
      },
      {
        Sid      = "PassProcessorRoles"
        Effect   = "Allow"
        Action   = "iam:PassRole"
        Resource = [aws_iam_role.ecs_processor.arn, aws_iam_role.ecs_execution.arn]
        Condition = {
          StringEquals = { "iam:PassedToService" = "ecs-tasks.amazonaws.com" }
        }
      },
      {
        Sid      = "ArchiveWorkflowLogs"
        Effect   = "Allow"
        Action   = ["s3:PutObject", "s3:GetObject"]
        Resource = "arn:aws:s3:::${local.workflow_bucket}/workflows/*"
      },
      {
        Sid      = "ListWorkflowLogs"
        Effect   = "Allow"
        Action   = "s3:ListBucket"
        Resource = "arn:aws:s3:::${local.workflow_bucket}"
      },
      {
        Sid      = "ReadNodeSecrets"
        Effect   = "Allow"
        Action   = "secretsmanager:GetSecretValue"
        Resource = aws_secretsmanager_secret.node.arn
      },
      {
        Sid      = "ReadNodeConfig"
        Effect   = "Allow"
        Action   = ["ssm:GetParameter", "ssm:GetParameters"]
        Resource = "arn:aws:ssm:${local.region}:${var.account_id}:parameter/pennsieve/${var.node_identifier}/*"
      },
    ]
  })
}

# Lambda functions attached to a VPC manage their own network interfaces.
resource "aws_iam_role_policy" "orchestrator_vpc" {
  count = var.deployment_mode != "basic" ? 1 : 0
  name  = "${local.prefix}-orchestrator-vpc"
  role  = aws_iam_role.orchestrator.id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "ManageFunctionNetworkInterfaces"
        Effect = "Allow"
        Action = [
          "ec2:CreateNetworkInterface",
          "ec2:DescribeNetworkInterfaces",
          "ec2:DeleteNetworkInterface",
          "ec2:AssignPrivateIpAddresses",
          "ec2:UnassignPrivateIpAddresses",
        ]
        Resource = "*"
      },
    ]
  })
}

resource "aws_iam_role_policy" "orchestrator_kms" {
  count = var.deployment_mode == "compliant" ? 1 : 0
  name  = "${local.prefix}-orchestrator-kms"
  role  = aws_iam_role.orchestrator.id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "UseNodeKey"
        Effect   = "Allow"
        Action   = ["kms:Decrypt", "kms:GenerateDataKey"]
        Resource = aws_kms_key.node[0].arn
      },
    ]
  })
}

resource "aws_lambda_function" "orchestrator" {
  function_name    = local.orchestrator_name
  description      = "Workflow orchestrator of compute node ${var.node_identifier}"
  role             = aws_iam_role.orchestrator.arn
  runtime          = "nodejs20.x"
  handler          = "index.handler"
  filename         = var.orchestrator_package
  source_code_hash = filebase64sha256(var.orchestrator_package)
  timeout          = 60
  memory_size      = 256
  tags             = local.tags

  environment {
    variables = {
      COMPUTE_NODE_ID     = var.compute_node_id
      NODE_IDENTIFIER     = var.node_identifier
      ECS_CLUSTER         = local.prefix
      TASK_DEFINITION     = "${local.prefix}-processor"
      WORKFLOW_LOG_BUCKET = local.workflow_bucket
      NODE_SECRET_ARN     = aws_secretsmanager_secret.node.arn
      SUBNET_IDS          = join(",", local.subnet_ids)
      SECURITY_GROUP_ID   = local.has_vpc ? aws_security_group.workloads[0].id : ""
    }
  }

  dynamic "vpc_config" {
    for_each = local.in_vpc ? [1] : []
    content {
      subnet_ids         = local.subnet_ids
      security_group_ids = [aws_security_group.workloads[0].id]
    }
  }

  depends_on = [aws_cloudwatch_log_group.orchestrator, aws_iam_role_policy.orchestrator]
}
