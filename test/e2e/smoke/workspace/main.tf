# Smoke-suite workspace: the harness edits a copy of this folder.
resource "aws_iam_role" "node" {
  name = "pennsieve-node"
}
