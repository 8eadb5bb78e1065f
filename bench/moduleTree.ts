// A bench tree whose stacks call local modules, the way module-driven Terraform is written: a
// shared boundary module and a processor-role module under modules/, called from every stack
// with the stack's own arguments (and one call with for_each). Deterministic.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cloudFormationTemplate } from './generate';

const BOUNDARY = `variable "node_identifier" {
  type = string
}

resource "aws_iam_policy" "this" {
  name = "pennsieve-boundary-\${var.node_identifier}"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["ecs:*", "lambda:*", "states:*", "elasticfilesystem:*", "logs:*", "kms:Decrypt"]
      Resource = "*"
    }, {
      Effect   = "Allow"
      Action   = ["iam:Get*", "iam:List*", "iam:PassRole"]
      Resource = "*"
    }]
  })
  tags = var.tags
}

variable "tags" {
  type = map(string)
}

output "arn" {
  value = aws_iam_policy.this.arn
}
`;

const PROCESSOR = `variable "name" {
  type = string
}

variable "boundary_arn" {
  type = string
}

variable "tags" {
  type = map(string)
}

resource "aws_iam_role" "this" {
  name                 = var.name
  permissions_boundary = var.boundary_arn
  max_session_duration = 3600
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "ecs-tasks.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
  tags = var.tags
}

resource "aws_efs_file_system" "fs" {
  encrypted = true
  tags      = var.tags
}

resource "aws_cloudwatch_log_group" "lg" {
  name              = "/pennsieve/\${var.name}"
  retention_in_days = 30
  tags              = var.tags
}

resource "aws_iam_role_policy" "this" {
  name = "processor"
  role = aws_iam_role.this.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"]
      Resource = aws_efs_file_system.fs.arn
    }, {
      Effect   = "Allow"
      Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
      Resource = "\${aws_cloudwatch_log_group.lg.arn}:*"
    }]
  })
}

output "role_name" {
  value = aws_iam_role.this.name
}
`;

function stackMain(m: number): string {
  return `variable "node_identifier" {
  type    = string
  default = "n${m}"
}

locals {
  prefix = "pennsieve-\${var.node_identifier}"
  tags   = { "pennsieve:compute-node" = var.node_identifier }
}

module "boundary" {
  source         = "../../modules/boundary"
  node_identifier = var.node_identifier
  tags           = local.tags
}
`;
}

function stackPart(f: number): string {
  const forEach = f === 4 ? `  for_each = toset(["a", "b"])\n` : '';
  const name = f === 4 ? `"\${local.prefix}-processor-${f}-\${each.key}"` : `"\${local.prefix}-processor-${f}"`;
  return `module "processor${f}" {
  source = "../../modules/processor"
${forEach}
  name         = ${name}
  boundary_arn = module.boundary.arn
  tags         = local.tags
}
`;
}

/** `stacks` stack folders of 5 files each (every one calling the two modules), plus `templates` templates. */
export function writeModuleTree(root: string, stacks: number, templates: number): void {
  for (const [name, text] of [
    ['boundary', BOUNDARY],
    ['processor', PROCESSOR],
  ] as const) {
    mkdirSync(join(root, 'modules', name), { recursive: true });
    writeFileSync(join(root, 'modules', name, 'main.tf'), text);
  }
  for (let m = 0; m < stacks; m++) {
    const dir = join(root, 'stacks', `node${m}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'main.tf'), stackMain(m));
    for (let f = 1; f < 5; f++) writeFileSync(join(dir, `part${f}.tf`), stackPart(f));
  }
  const cfn = join(root, 'templates');
  mkdirSync(cfn, { recursive: true });
  for (let i = 0; i < templates; i++) writeFileSync(join(cfn, `node${i}.yaml`), cloudFormationTemplate(i));
}
