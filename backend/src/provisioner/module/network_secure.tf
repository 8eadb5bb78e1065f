# secure mode: a dedicated VPC with public subnets (NAT only), private subnets for the node's
# workloads, one NAT gateway and a VPC flow log into the retained workflow-log bucket.

data "aws_availability_zones" "available" {
  count = var.deployment_mode == "basic" ? 0 : 1
  state = "available"
}

resource "aws_vpc" "secure" {
  count                = var.deployment_mode == "secure" ? 1 : 0
  cidr_block           = "10.42.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
  tags                 = merge(local.tags, { Name = "${local.prefix}-secure" })
}

resource "aws_subnet" "secure_public" {
  count                   = var.deployment_mode == "secure" ? 2 : 0
  vpc_id                  = aws_vpc.secure[0].id
  cidr_block              = cidrsubnet("10.42.0.0/16", 8, count.index)
  availability_zone       = data.aws_availability_zones.available[0].names[count.index]
  map_public_ip_on_launch = false
  tags                    = merge(local.tags, { Name = "${local.prefix}-public-${count.index}" })
}

resource "aws_subnet" "secure_private" {
  count             = var.deployment_mode == "secure" ? 2 : 0
  vpc_id            = aws_vpc.secure[0].id
  cidr_block        = cidrsubnet("10.42.0.0/16", 8, count.index + 10)
  availability_zone = data.aws_availability_zones.available[0].names[count.index]
  tags              = merge(local.tags, { Name = "${local.prefix}-private-${count.index}" })
}

resource "aws_internet_gateway" "secure" {
  count  = var.deployment_mode == "secure" ? 1 : 0
  vpc_id = aws_vpc.secure[0].id
  tags   = merge(local.tags, { Name = "${local.prefix}-igw" })
}

resource "aws_eip" "secure_nat" {
  count  = var.deployment_mode == "secure" ? 1 : 0
  domain = "vpc"
  tags   = merge(local.tags, { Name = "${local.prefix}-nat" })
}

resource "aws_nat_gateway" "secure" {
  count         = var.deployment_mode == "secure" ? 1 : 0
  allocation_id = aws_eip.secure_nat[0].id
  subnet_id     = aws_subnet.secure_public[0].id
  tags          = merge(local.tags, { Name = "${local.prefix}-nat" })
  depends_on    = [aws_internet_gateway.secure]
}

resource "aws_route_table" "secure_public" {
  count  = var.deployment_mode == "secure" ? 1 : 0
  vpc_id = aws_vpc.secure[0].id
  tags   = merge(local.tags, { Name = "${local.prefix}-public" })

  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.secure[0].id
  }
}

resource "aws_route_table" "secure_private" {
  count  = var.deployment_mode == "secure" ? 1 : 0
  vpc_id = aws_vpc.secure[0].id
  tags   = merge(local.tags, { Name = "${local.prefix}-private" })

  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.secure[0].id
  }
}

resource "aws_route_table_association" "secure_public" {
  count          = var.deployment_mode == "secure" ? 2 : 0
  subnet_id      = aws_subnet.secure_public[count.index].id
  route_table_id = aws_route_table.secure_public[0].id
}

resource "aws_route_table_association" "secure_private" {
  count          = var.deployment_mode == "secure" ? 2 : 0
  subnet_id      = aws_subnet.secure_private[count.index].id
  route_table_id = aws_route_table.secure_private[0].id
}

resource "aws_flow_log" "secure" {
  count                = var.deployment_mode == "secure" ? 1 : 0
  vpc_id               = aws_vpc.secure[0].id
  traffic_type         = "ALL"
  log_destination_type = "s3"
  log_destination      = aws_s3_bucket.workflow_logs.arn
  tags                 = local.tags
  depends_on           = [aws_s3_bucket_policy.workflow_logs]
}
