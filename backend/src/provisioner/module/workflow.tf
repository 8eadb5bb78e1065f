# The workflow state machine: one execution per workflow run. It hands each run to the
# orchestrator function (no .sync ECS integration: that needs EventBridge, outside the
# boundary's service list). In compliant mode it is encrypted with the node's key.

resource "aws_iam_role" "workflow_states" {
  name                 = "${local.prefix}-workflow-states"
  description          = "Execution role of the compute node ${var.node_identifier} state machine"
  permissions_boundary = aws_iam_policy.boundary.arn
  max_session_duration = 3600
  tags                 = local.tags

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { Service = "states.amazonaws.com" }
        Action    = "sts:AssumeRole"
        Condition = { StringEquals = { "aws:SourceAccount" = var.account_id } }
      },
    ]
  })
}

resource "aws_iam_role_policy" "workflow_states" {
  name = "${local.prefix}-workflow-states"
  role = aws_iam_role.workflow_states.id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "InvokeOrchestrator"
        Effect   = "Allow"
        Action   = "lambda:InvokeFunction"
        Resource = [local.orchestrator_arn, "${local.orchestrator_arn}:*"]
      },
      {
        # CloudWatch Logs vended-log delivery APIs accept no narrower resource.
        Sid    = "DeliverExecutionLogs"
        Effect = "Allow"
        Action = [
          "logs:CreateLogDelivery",
          "logs:GetLogDelivery",
          "logs:UpdateLogDelivery",
          "logs:DeleteLogDelivery",
          "logs:ListLogDeliveries",
          "logs:PutResourcePolicy",
          "logs:DescribeResourcePolicies",
          "logs:DescribeLogGroups",
        ]
        Resource = "*"
      },
    ]
  })
}

resource "aws_iam_role_policy" "workflow_states_kms" {
  count = var.deployment_mode == "compliant" ? 1 : 0
  name  = "${local.prefix}-workflow-states-kms"
  role  = aws_iam_role.workflow_states.id

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

resource "aws_sfn_state_machine" "workflow" {
  name     = local.state_machine_name
  role_arn = aws_iam_role.workflow_states.arn
  type     = "STANDARD"
  tags     = local.tags

  definition = jsonencode({
    Comment = "Runs one workflow of compute node ${var.node_identifier} through its orchestrator"
    StartAt = "RunWorkflow"
    States = {
      RunWorkflow = {
        Type       = "Task"
        Resource   = "arn:aws:states:::lambda:invoke"
        Parameters = { FunctionName = aws_lambda_function.orchestrator.arn, "Payload.$" = "$" }
        OutputPath = "$.Payload"
        Retry = [{
          ErrorEquals     = ["Lambda.ServiceException", "Lambda.TooManyRequestsException"]
          IntervalSeconds = 2
          MaxAttempts     = 3
          BackoffRate     = 2
        }]
        Catch = [{ ErrorEquals = ["States.ALL"], ResultPath = "$.error", Next = "WorkflowFailed" }]
        Next  = "WorkflowSucceeded"
      }
      WorkflowSucceeded = { Type = "Succeed" }
      WorkflowFailed    = { Type = "Fail", Error = "WorkflowFailed", Cause = "The orchestrator reported an error" }
    }
  })

  logging_configuration {
    log_destination        = "${aws_cloudwatch_log_group.workflows.arn}:*"
    include_execution_data = false
    level                  = "ERROR"
  }

  # A static block (not a dynamic one) keeps the key visible to static checks in every mode.
  encryption_configuration {
    type                              = var.deployment_mode == "compliant" ? "CUSTOMER_MANAGED_KMS_KEY" : "AWS_OWNED_KEY"
    kms_key_id                        = var.deployment_mode == "compliant" ? aws_kms_key.node[0].arn : null
    kms_data_key_reuse_period_seconds = var.deployment_mode == "compliant" ? 300 : null
  }

  depends_on = [aws_iam_role_policy.workflow_states, aws_iam_role_policy.workflow_states_kms]
}
