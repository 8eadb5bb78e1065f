# CloudWatch log groups of the node, created up front so that retention and (in compliant mode)
# KMS encryption apply from the first line written.

resource "aws_cloudwatch_log_group" "processors" {
  name              = local.processors_log_group
  retention_in_days = var.log_retention_days
  kms_key_id        = var.deployment_mode == "compliant" ? aws_kms_key.node[0].arn : null
  tags              = local.tags
}

resource "aws_cloudwatch_log_group" "workflows" {
  name              = local.workflows_log_group
  retention_in_days = var.log_retention_days
  kms_key_id        = var.deployment_mode == "compliant" ? aws_kms_key.node[0].arn : null
  tags              = local.tags
}

resource "aws_cloudwatch_log_group" "orchestrator" {
  name              = local.orchestrator_log_group
  retention_in_days = var.log_retention_days
  kms_key_id        = var.deployment_mode == "compliant" ? aws_kms_key.node[0].arn : null
  tags              = local.tags
}

resource "aws_cloudwatch_log_group" "llm_governor" {
  count             = var.enable_llm_access ? 1 : 0
  name              = local.governor_log_group
  retention_in_days = var.log_retention_days
  kms_key_id        = var.deployment_mode == "compliant" ? aws_kms_key.node[0].arn : null
  tags              = local.tags
}
