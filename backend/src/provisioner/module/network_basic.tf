# basic mode: the account's default VPC, looked up rather than created. An account without a
# default VPC still gets a node, only without EFS mount targets (has_vpc = false).

data "aws_vpcs" "default" {
  count = var.deployment_mode == "basic" ? 1 : 0

  filter {
    name   = "is-default"
    values = ["true"]
  }
}

data "aws_vpc" "default" {
  count = var.deployment_mode == "basic" && length(try(data.aws_vpcs.default[0].ids, [])) > 0 ? 1 : 0
  id    = data.aws_vpcs.default[0].ids[0]
}

data "aws_subnets" "default" {
  count = var.deployment_mode == "basic" ? 1 : 0

  filter {
    name   = "vpc-id"
    values = coalescelist(data.aws_vpcs.default[0].ids, ["vpc-none"])
  }
}
