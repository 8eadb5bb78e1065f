# Security groups shared by every mode that has a VPC: workloads (processor tasks, the
# orchestrator) and the EFS mount targets, which accept NFS only from the workloads.

resource "aws_security_group" "workloads" {
  count       = local.has_vpc ? 1 : 0
  name        = "${local.prefix}-workloads"
  description = "Compute node processors and orchestrator; no inbound traffic"
  vpc_id      = local.vpc_id
  tags        = local.tags

  egress {
    description = "Outbound from node workloads (the VPC only in compliant mode)"
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = local.egress_cidrs
  }
}

resource "aws_security_group" "efs" {
  count       = local.has_vpc ? 1 : 0
  name        = "${local.prefix}-efs"
  description = "NFS from the node workloads to the node file system"
  vpc_id      = local.vpc_id
  tags        = local.tags

  ingress {
    description     = "NFS from node workloads"
    from_port       = 2049
    to_port         = 2049
    protocol        = "tcp"
    security_groups = [aws_security_group.workloads[0].id]
  }

  egress {
    description = "Replies inside the VPC only"
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = [local.vpc_cidr]
  }
}
