# Node configuration the workloads read at run time: the node secret (values are put there by
# the gateway, never by Terraform) and SSM parameters for the node settings and the LLM budget.

resource "aws_secretsmanager_secret" "node" {
  name                    = "${local.prefix}-node-secrets"
  description             = "Secrets of compute node ${var.node_identifier}; values are set outside Terraform"
  kms_key_id              = local.kms_key_arn
  recovery_window_in_days = 0
  tags                    = local.tags
}

resource "aws_ssm_parameter" "node_config" {
  name        = "/pennsieve/${var.node_identifier}/node-config"
  description = "Settings of compute node ${var.node_identifier}"
  type        = "String"
  tags        = local.tags

  value = jsonencode({
    computeNodeId          = var.compute_node_id
    nodeName               = var.node_name
    environment            = var.environment
    deploymentMode         = var.deployment_mode
    gpuTier                = var.gpu_tier
    maxGpuInstances        = var.max_gpu_instances
    maxInteractiveSessions = var.max_interactive_sessions
    enableLlmAccess        = var.enable_llm_access
  })

  lifecycle {
    precondition {
      condition     = var.deployment_mode != "compliant" || var.max_interactive_sessions == 0
      error_message = "Compliant nodes allow no interactive sessions: set max_interactive_sessions to 0."
    }
  }
}

# The governor enforces this budget; PUT /compute-nodes/{id}/llm-config changes the value, so
# Terraform sets it once and then leaves it alone.
resource "aws_ssm_parameter" "llm_budget" {
  name        = "/pennsieve/${var.node_identifier}/llm-budget"
  description = "LLM budget of compute node ${var.node_identifier} (enforced by the LLM governor)"
  type        = "String"
  value       = jsonencode({ enabled = var.enable_llm_access, monthlyBudgetUsd = 0 })
  tags        = local.tags

  lifecycle {
    ignore_changes = [value]
  }
}
