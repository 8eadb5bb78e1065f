# Inputs of the compute-node module. The runner (../terraform.ts) sets every one of them.

variable "node_identifier" {
  description = "Short node identifier: the first 8 hex digits of the compute node's uuid. Names every resource."
  type        = string

  validation {
    condition     = can(regex("^[0-9a-f]{8}$", var.node_identifier))
    error_message = "node_identifier must be 8 lowercase hex digits."
  }
}

variable "node_name" {
  description = "Human-readable node name (tag only)."
  type        = string
}

variable "compute_node_id" {
  description = "The compute node's uuid in the Pennsieve Account Service."
  type        = string
}

variable "account_id" {
  description = "The 12-digit AWS account id the node is deployed into (used to build ARNs)."
  type        = string

  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id))
    error_message = "account_id must be a 12-digit AWS account id."
  }
}

variable "environment" {
  description = "Pennsieve environment name (dev, prod, sandbox)."
  type        = string
}

variable "deployment_mode" {
  description = "basic: the default VPC. secure: a dedicated VPC with NAT and flow logs. compliant: a dedicated VPC without an internet path, VPC endpoints, flow logs and a customer-managed KMS key."
  type        = string
  default     = "basic"

  validation {
    condition     = contains(["basic", "secure", "compliant"], var.deployment_mode)
    error_message = "deployment_mode must be basic, secure or compliant."
  }
}

variable "enable_llm_access" {
  description = "Deploy the LLM-governor function and let processors invoke it."
  type        = bool
  default     = false
}

variable "gpu_tier" {
  description = "GPU tier recorded in the node configuration (none, small, medium, large)."
  type        = string
  default     = "none"
}

variable "max_gpu_instances" {
  description = "Upper bound of GPU instances the node may run (recorded in the node configuration)."
  type        = number
  default     = 0

  validation {
    condition     = var.max_gpu_instances >= 0 && var.max_gpu_instances <= 64
    error_message = "max_gpu_instances must be between 0 and 64."
  }
}

variable "max_interactive_sessions" {
  description = "Upper bound of interactive sessions; compliant nodes allow none."
  type        = number
  default     = 0

  validation {
    condition     = var.max_interactive_sessions >= 0
    error_message = "max_interactive_sessions must not be negative."
  }
}

variable "orchestrator_package" {
  description = "Path of the orchestrator Lambda zip; the runner writes it into its work directory."
  type        = string
}

variable "processor_image" {
  description = "Container image of the ECS processor task."
  type        = string
  default     = "public.ecr.aws/docker/library/busybox:stable"
}

variable "log_retention_days" {
  description = "Retention of the node's CloudWatch log groups."
  type        = number
  default     = 365
}

variable "tags" {
  description = "Extra tags for every taggable resource."
  type        = map(string)
  default     = {}
}
