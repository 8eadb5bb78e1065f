// Generators for benchmark inputs: realistic Terraform modules and CloudFormation templates in
// the shape of a compute node (roles with boundaries, policies as jsonencode, heredoc and
// aws_iam_policy_document, networking, storage). Deterministic: the same call writes the same files.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const TAGS = '  tags = local.tags\n';

function header(): string {
  return `variable "node_identifier" {
  type    = string
  default = "1a2b3c4d"
}

variable "deployment_mode" {
  type    = string
  default = "basic"
}

data "aws_caller_identity" "current" {}
data "aws_region" "current" {}

locals {
  prefix = "pennsieve-\${var.node_identifier}"
  tags   = { "pennsieve:compute-node" = var.node_identifier }
}

resource "aws_iam_policy" "boundary" {
  name = "pennsieve-boundary-\${var.node_identifier}"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "Services"
        Effect   = "Allow"
        Action   = ["ecs:*", "lambda:*", "states:*", "elasticfilesystem:*", "logs:*", "kms:Decrypt", "secretsmanager:GetSecretValue", "dynamodb:GetItem", "ssm:GetParameter"]
        Resource = "*"
      },
      {
        Sid      = "IamRead"
        Effect   = "Allow"
        Action   = ["iam:Get*", "iam:List*", "iam:PassRole"]
        Resource = "*"
      },
    ]
  })
${TAGS}}
`;
}

/** One processor role, its policy in one of three syntaxes, and some storage/network blocks: ~65 lines. */
function block(i: number): string {
  const style = i % 3;
  const policy =
    style === 0
      ? `  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"]
      Resource = aws_efs_file_system.fs${i}.arn
    }, {
      Effect   = "Allow"
      Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
      Resource = "\${aws_cloudwatch_log_group.lg${i}.arn}:*"
    }]
  })`
      : style === 1
        ? `  policy = <<EOT
{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Action": ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"], "Resource": "\${aws_efs_file_system.fs${i}.arn}"},
    {"Effect": "Allow", "Action": ["logs:CreateLogStream", "logs:PutLogEvents"], "Resource": "\${aws_cloudwatch_log_group.lg${i}.arn}:*"}
  ]
}
EOT`
        : `  policy = data.aws_iam_policy_document.p${i}.json`;
  const doc =
    style === 2
      ? `data "aws_iam_policy_document" "p${i}" {
  statement {
    actions   = ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"]
    resources = [aws_efs_file_system.fs${i}.arn]
  }
  statement {
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["\${aws_cloudwatch_log_group.lg${i}.arn}:*"]
  }
}

`
      : '';
  return `${doc}resource "aws_iam_role" "processor${i}" {
  name                 = "\${local.prefix}-processor-${i}"
  permissions_boundary = aws_iam_policy.boundary.arn
  max_session_duration = 3600
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ecs-tasks.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
${TAGS}}

resource "aws_iam_role_policy" "processor${i}" {
  name = "processor-${i}"
  role = aws_iam_role.processor${i}.id
${policy}
}

resource "aws_efs_file_system" "fs${i}" {
  encrypted = true
${TAGS}}

resource "aws_cloudwatch_log_group" "lg${i}" {
  name              = "/pennsieve/\${var.node_identifier}/processor-${i}"
  retention_in_days = 30
${TAGS}}

`;
}

/** A Terraform module of about `lines` lines in one file (main.tf). */
export function terraformModule(lines: number): string {
  let out = header();
  for (let i = 0; out.split('\n').length < lines; i++) out += block(i);
  return out;
}

/** A CloudFormation template with a boundary, a bounded role and its policy: ~60 lines. */
export function cloudFormationTemplate(i: number): string {
  return `AWSTemplateFormatVersion: "2010-09-09"
Description: Processor ${i}
Parameters:
  NodeIdentifier:
    Type: String
    Default: "node${i}"
  MaxDuration:
    Type: Number
    Default: 3600
Resources:
  Boundary:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      ManagedPolicyName: !Sub "pennsieve-boundary-\${NodeIdentifier}"
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: ["ecs:*", "logs:*", "elasticfilesystem:*"]
            Resource: "*"
  ProcessorRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName: !Sub "pennsieve-\${NodeIdentifier}-processor"
      PermissionsBoundary: !Ref Boundary
      MaxSessionDuration: !Ref MaxDuration
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { Service: ecs-tasks.amazonaws.com }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: processor
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"]
                Resource: !GetAtt FileSystem.Arn
              - Effect: Allow
                Action: ["logs:CreateLogStream", "logs:PutLogEvents"]
                Resource: !Sub "arn:aws:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:/pennsieve/\${NodeIdentifier}:*"
      Tags:
        - Key: "pennsieve:compute-node"
          Value: !Ref NodeIdentifier
  FileSystem:
    Type: AWS::EFS::FileSystem
    Properties:
      Encrypted: true
      FileSystemTags:
        - Key: "pennsieve:compute-node"
          Value: !Ref NodeIdentifier
  Logs:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: !Sub "/pennsieve/\${NodeIdentifier}"
      RetentionInDays: 30
      Tags:
        - Key: "pennsieve:compute-node"
          Value: !Ref NodeIdentifier
`;
}

/** A tree of `modules` module folders holding `tfFiles` files in total, plus `templates` templates. */
export function writeTree(root: string, tfFiles: number, templates: number): void {
  const perModule = 5;
  for (let m = 0; m * perModule < tfFiles; m++) {
    const dir = join(root, 'modules', `node${m}`);
    mkdirSync(dir, { recursive: true });
    const base = header().replace(/1a2b3c4d/g, `n${m}`);
    writeFileSync(join(dir, 'main.tf'), base);
    for (let f = 1; f < perModule && m * perModule + f < tfFiles; f++)
      writeFileSync(join(dir, `part${f}.tf`), block(f));
  }
  const cfn = join(root, 'templates');
  mkdirSync(cfn, { recursive: true });
  for (let i = 0; i < templates; i++) writeFileSync(join(cfn, `node${i}.yaml`), cloudFormationTemplate(i));
}
