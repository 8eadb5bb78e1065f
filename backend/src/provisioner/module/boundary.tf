# The permissions boundary pennsieve-boundary-<node_identifier>. Every role of this module
# carries it, so no identity policy here (or added later) can reach beyond the services the
# node uses. It allows no IAM mutation: only IAM reads and iam:PassRole of the node's own roles.
#
# The cross-account role may not delete this policy (nor rewrite it), so `terraform destroy`
# through the runner retains it; see docs/compute-node-module.md.

resource "aws_iam_policy" "boundary" {
  name        = "pennsieve-boundary-${var.node_identifier}"
  description = "Permissions boundary of Pennsieve compute node ${var.node_identifier}"
  tags        = local.tags

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "NodeServices"
        Effect = "Allow"
        Action = [
          "ecs:*",
          "lambda:*",
          "states:*",
          "elasticfilesystem:*",
          "ec2:*",
          "logs:*",
          "kms:*",
          "secretsmanager:*",
          "dynamodb:*",
          "ssm:*",
          "autoscaling:*",
        ]
        Resource = "*"
      },
      {
        Sid      = "PennsieveBucketsOnly"
        Effect   = "Allow"
        Action   = "s3:*"
        Resource = ["arn:aws:s3:::pennsieve-*", "arn:aws:s3:::pennsieve-*/*"]
      },
      {
        Sid    = "IamReadOnly"
        Effect = "Allow"
        Action = [
          "iam:GetRole",
          "iam:GetRolePolicy",
          "iam:GetPolicy",
          "iam:GetPolicyVersion",
          "iam:ListRoles",
          "iam:ListRolePolicies",
          "iam:ListAttachedRolePolicies",
        ]
        Resource = "*"
      },
      {
        Sid      = "PassNodeRolesOnly"
        Effect   = "Allow"
        Action   = "iam:PassRole"
        Resource = "${local.role_arn_prefix}/${local.prefix}-*"
        Condition = {
          StringEquals = {
            "iam:PassedToService" = ["ecs-tasks.amazonaws.com", "lambda.amazonaws.com", "states.amazonaws.com"]
          }
        }
      },
    ]
  })
}
