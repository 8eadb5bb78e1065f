// Policy fixtures in every input syntax, each breaking the guarantees the quick fixes repair.

/** CloudFormation YAML: a processor role and the cross-account role, both broken. */
export const CFN_YAML = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Boundary:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      ManagedPolicyName: pennsieve-boundary-node1
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action: ['s3:GetObject', 'logs:PutLogEvents']
            Resource: '*'
  Worker:
    Type: AWS::IAM::Role
    Properties:
      RoleName: node1-worker
      MaxSessionDuration: 43200
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal:
              AWS: arn:aws:iam::123456789012:root
            Action: sts:AssumeRole
            Condition:
              ForAllValues:StringEquals:
                sts:ExternalId: abc
      Policies:
        - PolicyName: worker
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action: ['s3:GetObjcet']
                Resource: '*'
  CrossAccount:
    Type: AWS::IAM::Role
    Properties:
      RoleName: Pennsieve-Compute-dev
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal:
              AWS: arn:aws:iam::123456789012:root
            Action: sts:AssumeRole
            Condition:
              StringEquals:
                sts:ExternalId: pennsieve-external-id
      Policies:
        - PolicyName: cross-account
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action:
                  - iam:CreateRole
                  - iam:PassRole
                Resource: '*'
`;

/** The same shape as a CloudFormation JSON template. */
export const CFN_JSON = `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Boundary": {
      "Type": "AWS::IAM::ManagedPolicy",
      "Properties": {
        "ManagedPolicyName": "pennsieve-boundary-node1",
        "PolicyDocument": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" }] }
      }
    },
    "Worker": {
      "Type": "AWS::IAM::Role",
      "Properties": {
        "RoleName": "node1-worker",
        "MaxSessionDuration": 43200,
        "AssumeRolePolicyDocument": {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Effect": "Allow",
              "Principal": { "AWS": "arn:aws:iam::123456789012:root" },
              "Action": "sts:AssumeRole",
              "Condition": { "ForAllValues:StringEquals": { "sts:ExternalId": "abc" } }
            }
          ]
        },
        "Policies": [
          { "PolicyName": "worker", "PolicyDocument": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": ["s3:GetObjcet"], "Resource": "*" }] } }
        ]
      }
    },
    "CrossAccount": {
      "Type": "AWS::IAM::Role",
      "Properties": {
        "RoleName": "Pennsieve-Compute-dev",
        "AssumeRolePolicyDocument": {
          "Version": "2012-10-17",
          "Statement": [{ "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::123456789012:root" }, "Action": "sts:AssumeRole" }]
        },
        "Policies": [
          {
            "PolicyName": "cross-account",
            "PolicyDocument": {
              "Version": "2012-10-17",
              "Statement": [
                { "Effect": "Allow", "Action": ["iam:CreateRole", "iam:PassRole"], "Resource": "*" }
              ]
            }
          }
        ]
      }
    }
  }
}
`;

/** A standalone trust policy of the cross-account role (by its file name). */
export const IAM_TRUST_JSON = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": { "AWS": "arn:aws:iam::123456789012:root" },
      "Action": "sts:AssumeRole",
      "Condition": {
        "ForAnyValue:StringEquals": { "aws:SourceAccount": "123456789012" }
      }
    }
  ]
}
`;
export const IAM_TRUST_NAME = 'TRUST_POLICY_Pennsieve-Compute-dev.json';

/** A standalone permission policy of the cross-account role. */
export const IAM_PERMISSION_JSON = `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": ["iam:CreateRole", "iam:PassRole", "ec2:DescribeInstancs"],
            "Resource": "*"
        }
    ]
}
`;
export const IAM_PERMISSION_NAME = 'PERMISSION_POLICY_Pennsieve-Compute-dev.json';

/** A Terraform module: jsonencode, a heredoc and an aws_iam_policy_document, across two files. */
export const TF_MAIN = `resource "aws_iam_role" "cross_account" {
  name                 = "Pennsieve-Compute-dev"
  max_session_duration = 43200
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::123456789012:root" }
        Action    = "sts:AssumeRole"
        Condition = {
          "ForAllValues:StringEquals" = { "sts:ExternalId" = "abc" }
        }
      }
    ]
  })
}

resource "aws_iam_role_policy" "cross_account" {
  name = "cross-account"
  role = aws_iam_role.cross_account.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["iam:CreateRole", "iam:PassRole", "s3:GetObjcet"]
        Resource = "*"
      },
    ]
  })
}

resource "aws_iam_role" "worker" {
  name               = "node1-worker"
  assume_role_policy = data.aws_iam_policy_document.worker_trust.json
}

data "aws_iam_policy_document" "worker_trust" {
  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::123456789012:root"]
    }
  }
}

resource "aws_iam_role" "heredoc" {
  name               = "node1-heredoc"
  assume_role_policy = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Principal": { "AWS": "arn:aws:iam::123456789012:root" },
          "Action": "sts:AssumeRole"
        }
      ]
    }
  EOF
}
`;

export const TF_BOUNDARY = `variable "node_id" {
  type    = string
  default = "node1"
}

resource "aws_iam_policy" "boundary" {
  name = "pennsieve-boundary-\${var.node_id}"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["s3:GetObject", "logs:PutLogEvents"], Resource = "*" }]
  })
}
`;

/** A bounded role (main.tf) whose boundary policy lives in boundary.tf of the same module. */
export const TF_BOUNDED_ROLE = `resource "aws_iam_role" "worker" {
  name                 = "node1-worker"
  max_session_duration = 3600
  permissions_boundary = aws_iam_policy.boundary.arn
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "ecs-tasks.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}
`;

export const TF_BOUNDARY_POLICY = `resource "aws_iam_policy" "boundary" {
  name = "pennsieve-boundary-node1"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["s3:GetObject"], Resource = "*" }]
  })
}
`;
