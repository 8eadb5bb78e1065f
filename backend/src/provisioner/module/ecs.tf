# The node's ECS cluster and the processor task definition (Fargate, awsvpc). Processor tasks
# run as the ecs-processor role and mount the node's file system through its access point.

resource "aws_ecs_cluster" "node" {
  name = local.prefix
  tags = local.tags

  setting {
    name  = "containerInsights"
    value = "disabled"
  }
}

# Used by the ECS agent, not by processor code: pulls the (public) image and ships container
# output to the processors log group.
resource "aws_iam_role" "ecs_execution" {
  name                 = "${local.prefix}-ecs-execution"
  description          = "ECS task execution role of compute node ${var.node_identifier}"
  permissions_boundary = aws_iam_policy.boundary.arn
  max_session_duration = 3600
  tags                 = local.tags

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { Service = "ecs-tasks.amazonaws.com" }
        Action    = "sts:AssumeRole"
        Condition = { StringEquals = { "aws:SourceAccount" = var.account_id } }
      },
    ]
  })
}

resource "aws_iam_role_policy" "ecs_execution" {
  name = "${local.prefix}-ecs-execution"
  role = aws_iam_role.ecs_execution.id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "ShipContainerLogs"
        Effect   = "Allow"
        Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
        Resource = "${aws_cloudwatch_log_group.processors.arn}:*"
      },
    ]
  })
}

resource "aws_ecs_task_definition" "processor" {
  family                   = "${local.prefix}-processor"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = "1024"
  memory                   = "2048"
  task_role_arn            = aws_iam_role.ecs_processor.arn
  execution_role_arn       = aws_iam_role.ecs_execution.arn
  tags                     = local.tags

  container_definitions = jsonencode([
    {
      name      = "processor"
      image     = var.processor_image
      essential = true
      environment = [
        { name = "COMPUTE_NODE_ID", value = var.compute_node_id },
        { name = "NODE_IDENTIFIER", value = var.node_identifier },
        { name = "LLM_GOVERNOR_FUNCTION", value = var.enable_llm_access ? local.llm_governor_name : "" },
      ]
      mountPoints = [{ sourceVolume = "node-efs", containerPath = "/mnt/efs", readOnly = false }]
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          "awslogs-group"         = aws_cloudwatch_log_group.processors.name
          "awslogs-region"        = local.region
          "awslogs-stream-prefix" = "processor"
        }
      }
    },
  ])

  volume {
    name = "node-efs"

    efs_volume_configuration {
      file_system_id     = aws_efs_file_system.node.id
      transit_encryption = "ENABLED"

      authorization_config {
        access_point_id = aws_efs_access_point.node.id
        iam             = "ENABLED"
      }
    }
  }
}
