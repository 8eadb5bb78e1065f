// Resource types that take tags, and the argument holding them (a map in Terraform; a list of
// {Key, Value} or a map in CloudFormation, depending on the type).

export const TAGGABLE: Readonly<Record<string, { readonly prop: string }>> = Object.fromEntries([
  ...[
    'aws_iam_role', 'aws_iam_policy', 'aws_iam_user', 'aws_s3_bucket', 'aws_lambda_function', 'aws_ecs_cluster',
    'aws_ecs_task_definition', 'aws_ecs_service', 'aws_efs_file_system', 'aws_efs_access_point',
    'aws_cloudwatch_log_group', 'aws_sfn_state_machine', 'aws_vpc', 'aws_subnet', 'aws_security_group',
    'aws_internet_gateway', 'aws_nat_gateway', 'aws_eip', 'aws_route_table', 'aws_flow_log', 'aws_vpc_endpoint',
    'aws_kms_key', 'aws_secretsmanager_secret', 'aws_dynamodb_table', 'aws_ssm_parameter', 'aws_instance',
    'aws_launch_template', 'aws_sqs_queue', 'aws_sns_topic', 'aws_db_instance',
  ].map((t) => [t, { prop: 'tags' }]),
  ...[
    'AWS::IAM::Role', 'AWS::IAM::User', 'AWS::S3::Bucket', 'AWS::Lambda::Function', 'AWS::ECS::Cluster',
    'AWS::ECS::TaskDefinition', 'AWS::ECS::Service', 'AWS::Logs::LogGroup', 'AWS::EC2::VPC', 'AWS::EC2::Subnet',
    'AWS::EC2::SecurityGroup', 'AWS::EC2::InternetGateway', 'AWS::EC2::NatGateway', 'AWS::EC2::EIP',
    'AWS::EC2::RouteTable', 'AWS::EC2::FlowLog', 'AWS::KMS::Key', 'AWS::SecretsManager::Secret',
    'AWS::DynamoDB::Table', 'AWS::EC2::Instance', 'AWS::EC2::LaunchTemplate', 'AWS::SQS::Queue', 'AWS::SNS::Topic',
    'AWS::StepFunctions::StateMachine', 'AWS::SSM::Parameter', 'AWS::RDS::DBInstance',
  ].map((t) => [t, { prop: 'Tags' }]),
  ['AWS::EFS::FileSystem', { prop: 'FileSystemTags' }],
  ['AWS::EFS::AccessPoint', { prop: 'AccessPointTags' }],
]);
