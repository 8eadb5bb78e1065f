# What the backend records about a provisioned node (the runner returns these as `outputs`).

output "node_identifier" {
  value = var.node_identifier
}

output "deployment_mode" {
  value = var.deployment_mode
}

output "boundary_policy_arn" {
  value = aws_iam_policy.boundary.arn
}

output "ecs_processor_role_arn" {
  value = aws_iam_role.ecs_processor.arn
}

output "lambda_processor_role_arn" {
  value = aws_iam_role.lambda_processor.arn
}

output "role_names" {
  description = "Every IAM role of the node; each carries the boundary."
  value = concat(
    [
      aws_iam_role.ecs_processor.name,
      aws_iam_role.lambda_processor.name,
      aws_iam_role.ecs_execution.name,
      aws_iam_role.orchestrator.name,
      aws_iam_role.workflow_states.name,
    ],
    aws_iam_role.llm_governor[*].name,
  )
}

output "efs_id" {
  value = aws_efs_file_system.node.id
}

output "efs_access_point_id" {
  value = aws_efs_access_point.node.id
}

output "workflow_log_bucket" {
  value = aws_s3_bucket.workflow_logs.bucket
}

output "state_machine_arn" {
  value = aws_sfn_state_machine.workflow.arn
}

output "orchestrator_function_name" {
  value = aws_lambda_function.orchestrator.function_name
}

output "llm_governor_function_name" {
  value = one(aws_lambda_function.llm_governor[*].function_name)
}

output "ecs_cluster_arn" {
  value = aws_ecs_cluster.node.arn
}

output "processor_task_definition_arn" {
  value = aws_ecs_task_definition.processor.arn
}

output "node_secret_arn" {
  value = aws_secretsmanager_secret.node.arn
}

output "vpc_id" {
  value = local.vpc_id
}

output "subnet_ids" {
  value = local.subnet_ids
}

output "kms_key_arn" {
  value = local.kms_key_arn
}

output "log_group_names" {
  value = concat(
    [
      aws_cloudwatch_log_group.processors.name,
      aws_cloudwatch_log_group.workflows.name,
      aws_cloudwatch_log_group.orchestrator.name,
    ],
    aws_cloudwatch_log_group.llm_governor[*].name,
  )
}

output "compute_node_gateway_url" {
  description = "Placeholder: the sandbox deploys no gateway."
  value       = "https://${var.node_identifier}.gateway.sandbox.invalid"
}
