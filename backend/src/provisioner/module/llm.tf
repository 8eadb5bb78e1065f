# The LLM governor: deployed only when LLM access is on. Processors reach it by name through
# lambda:InvokeFunction (no public URL, so it works in compliant VPCs). It reads the node's
# budget from SSM. Calling Bedrock is outside the boundary's service list, so this sandbox
# module ships the governor with a placeholder package (see docs/compute-node-module.md).

resource "aws_iam_role" "llm_governor" {
  count                = var.enable_llm_access ? 1 : 0
  name                 = "${local.prefix}-llm-governor"
  description          = "Execution role of the compute node ${var.node_identifier} LLM governor"
  permissions_boundary = aws_iam_policy.boundary.arn
  max_session_duration = 3600
  assume_role_policy   = local.lambda_trust_policy
  tags                 = local.tags
}

resource "aws_iam_role_policy" "llm_governor" {
  count = var.enable_llm_access ? 1 : 0
  name  = "${local.prefix}-llm-governor"
  role  = aws_iam_role.llm_governor[0].id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "WriteOwnLogs"
        Effect   = "Allow"
        Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
        Resource = "${aws_cloudwatch_log_group.llm_governor[0].arn}:*"
      },
      {
        Sid      = "ReadBudget"
        Effect   = "Allow"
        Action   = "ssm:GetParameter"
        Resource = aws_ssm_parameter.llm_budget.arn
      },
    ]
  })
}

resource "aws_lambda_function" "llm_governor" {
  count            = var.enable_llm_access ? 1 : 0
  function_name    = local.llm_governor_name
  description      = "LLM governor of compute node ${var.node_identifier}"
  role             = aws_iam_role.llm_governor[0].arn
  runtime          = "nodejs20.x"
  handler          = "index.handler"
  filename         = var.orchestrator_package
  source_code_hash = filebase64sha256(var.orchestrator_package)
  timeout          = 30
  memory_size      = 256
  tags             = local.tags

  environment {
    variables = {
      NODE_IDENTIFIER  = var.node_identifier
      BUDGET_PARAMETER = aws_ssm_parameter.llm_budget.name
    }
  }

  depends_on = [aws_cloudwatch_log_group.llm_governor, aws_iam_role_policy.llm_governor]
}
