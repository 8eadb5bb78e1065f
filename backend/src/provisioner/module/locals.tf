# Names, tags and mode switches shared by every file of the module.

data "aws_region" "current" {}

locals {
  prefix          = "pennsieve-${var.node_identifier}"
  region          = data.aws_region.current.name
  workflow_bucket = "pennsieve-${var.node_identifier}-workflow-logs"

  tags = merge(var.tags, {
    "pennsieve:compute-node" = var.node_identifier
    "pennsieve:managed-by"   = "pennsieve"
  })

  # ARNs built from names, so that policies need no lookups and a reviewer can read them.
  log_group_arn_prefix = "arn:aws:logs:${local.region}:${var.account_id}:log-group"
  role_arn_prefix      = "arn:aws:iam::${var.account_id}:role"
  llm_governor_name    = "${local.prefix}-llm-governor"
  llm_governor_arn     = "arn:aws:lambda:${local.region}:${var.account_id}:function:${local.prefix}-llm-governor"
  orchestrator_name    = "${local.prefix}-workflow-orchestrator"

  processors_log_group   = "/pennsieve/${var.node_identifier}/processors"
  workflows_log_group    = "/pennsieve/${var.node_identifier}/workflows"
  orchestrator_log_group = "/aws/lambda/${local.prefix}-workflow-orchestrator"
  governor_log_group     = "/aws/lambda/${local.prefix}-llm-governor"

  # The customer-managed key exists only in compliant mode; null elsewhere means "AWS-managed".
  kms_key_arn = var.deployment_mode == "compliant" ? aws_kms_key.node[0].arn : null

  # Networking, whatever the mode: the VPC, its CIDR and the (at most two) private subnets that
  # carry EFS mount targets, the orchestrator and processor tasks.
  vpc_id = (
    var.deployment_mode == "secure" ? aws_vpc.secure[0].id :
    var.deployment_mode == "compliant" ? aws_vpc.compliant[0].id :
    one(data.aws_vpcs.default[0].ids)
  )
  vpc_cidr = (
    var.deployment_mode == "secure" ? aws_vpc.secure[0].cidr_block :
    var.deployment_mode == "compliant" ? aws_vpc.compliant[0].cidr_block :
    one(data.aws_vpc.default[*].cidr_block)
  )
  subnet_ids = (
    var.deployment_mode == "secure" ? aws_subnet.secure_private[*].id :
    var.deployment_mode == "compliant" ? aws_subnet.compliant_private[*].id :
    slice(sort(data.aws_subnets.default[0].ids), 0, min(2, length(data.aws_subnets.default[0].ids)))
  )
  has_vpc = var.deployment_mode != "basic" || length(try(data.aws_vpcs.default[0].ids, [])) > 0

  # Processors and orchestrators may reach anything in basic and secure mode; in compliant mode
  # only the VPC itself (the VPC endpoints live there).
  egress_cidrs = var.deployment_mode == "compliant" ? [local.compliant_cidr] : ["0.0.0.0/0"]
}
