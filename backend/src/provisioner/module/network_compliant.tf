# compliant mode: a dedicated VPC with private subnets only. No internet gateway, no NAT, no
# public IPs and no 0.0.0.0/0 route or egress: AWS APIs are reached through VPC endpoints.

locals {
  compliant_cidr = "10.43.0.0/16"
  # Interface endpoints for the APIs the node's roles use at run time (all in the boundary's list).
  compliant_interface_endpoints = toset(["logs", "secretsmanager", "ssm", "kms", "states", "lambda", "elasticfilesystem", "ecs"])
  compliant_gateway_endpoints   = toset(["s3", "dynamodb"])
}

resource "aws_vpc" "compliant" {
  count                = var.deployment_mode == "compliant" ? 1 : 0
  cidr_block           = local.compliant_cidr
  enable_dns_support   = true
  enable_dns_hostnames = true
  tags                 = merge(local.tags, { Name = "${local.prefix}-compliant" })
}

resource "aws_subnet" "compliant_private" {
  count                   = var.deployment_mode == "compliant" ? 2 : 0
  vpc_id                  = aws_vpc.compliant[0].id
  cidr_block              = cidrsubnet(local.compliant_cidr, 8, count.index + 10)
  availability_zone       = data.aws_availability_zones.available[0].names[count.index]
  map_public_ip_on_launch = false
  tags                    = merge(local.tags, { Name = "${local.prefix}-private-${count.index}" })
}

# Only the implicit local route: there is deliberately no default route.
resource "aws_route_table" "compliant_private" {
  count  = var.deployment_mode == "compliant" ? 1 : 0
  vpc_id = aws_vpc.compliant[0].id
  tags   = merge(local.tags, { Name = "${local.prefix}-private" })
}

resource "aws_route_table_association" "compliant_private" {
  count          = var.deployment_mode == "compliant" ? 2 : 0
  subnet_id      = aws_subnet.compliant_private[count.index].id
  route_table_id = aws_route_table.compliant_private[0].id
}

resource "aws_security_group" "endpoints" {
  count       = var.deployment_mode == "compliant" ? 1 : 0
  name        = "${local.prefix}-endpoints"
  description = "HTTPS from inside the node VPC to the VPC interface endpoints"
  vpc_id      = aws_vpc.compliant[0].id
  tags        = local.tags

  ingress {
    description = "HTTPS from the VPC"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = [local.compliant_cidr]
  }

  egress {
    description = "Replies inside the VPC only"
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = [local.compliant_cidr]
  }
}

resource "aws_vpc_endpoint" "compliant_interface" {
  for_each            = var.deployment_mode == "compliant" ? local.compliant_interface_endpoints : toset([])
  vpc_id              = aws_vpc.compliant[0].id
  service_name        = "com.amazonaws.${local.region}.${each.key}"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
  subnet_ids          = aws_subnet.compliant_private[*].id
  security_group_ids  = [aws_security_group.endpoints[0].id]
  tags                = merge(local.tags, { Name = "${local.prefix}-${each.key}" })
}

resource "aws_vpc_endpoint" "compliant_gateway" {
  for_each          = var.deployment_mode == "compliant" ? local.compliant_gateway_endpoints : toset([])
  vpc_id            = aws_vpc.compliant[0].id
  service_name      = "com.amazonaws.${local.region}.${each.key}"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = [aws_route_table.compliant_private[0].id]
  tags              = merge(local.tags, { Name = "${local.prefix}-${each.key}" })
}

resource "aws_flow_log" "compliant" {
  count                = var.deployment_mode == "compliant" ? 1 : 0
  vpc_id               = aws_vpc.compliant[0].id
  traffic_type         = "ALL"
  log_destination_type = "s3"
  log_destination      = aws_s3_bucket.workflow_logs.arn
  tags                 = local.tags
  depends_on           = [aws_s3_bucket_policy.workflow_logs]
}
