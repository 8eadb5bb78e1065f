# The permissions boundary every role of this node carries.
resource "aws_iam_policy" "boundary" {
  name = "pennsieve-boundary-node1"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "logs:CreateLogStream", "logs:PutLogEvents"]
        Resource = "*"
      },
    ]
  })
  tags = {
    "pennsieve:compute-node" = "node1"
  }
}
