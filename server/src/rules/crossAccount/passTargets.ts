// Services a role can be passed to, with the actions that create something there that runs with
// the passed role (iam:PassRole is checked with iam:PassedToService = the service principal).

/** Service principal → the actions that make that service run code or tasks with a role. */
export const PASS_TARGETS: Readonly<Record<string, readonly string[]>> = {
  'lambda.amazonaws.com': ['lambda:CreateFunction', 'lambda:UpdateFunctionConfiguration'],
  'ecs-tasks.amazonaws.com': ['ecs:RegisterTaskDefinition', 'ecs:RunTask', 'ecs:StartTask'],
  'states.amazonaws.com': ['states:CreateStateMachine', 'states:UpdateStateMachine'],
  'ec2.amazonaws.com': [
    'ec2:RunInstances',
    'ec2:AssociateIamInstanceProfile',
    'ec2:ReplaceIamInstanceProfileAssociation',
  ],
  'glue.amazonaws.com': ['glue:CreateJob', 'glue:UpdateJob', 'glue:CreateDevEndpoint'],
  'codebuild.amazonaws.com': ['codebuild:CreateProject', 'codebuild:UpdateProject'],
  'cloudformation.amazonaws.com': ['cloudformation:CreateStack', 'cloudformation:UpdateStack'],
  'batch.amazonaws.com': ['batch:CreateComputeEnvironment', 'batch:RegisterJobDefinition'],
  'sagemaker.amazonaws.com': [
    'sagemaker:CreateNotebookInstance',
    'sagemaker:CreateTrainingJob',
    'sagemaker:CreateProcessingJob',
  ],
  'events.amazonaws.com': ['events:PutTargets'],
  'scheduler.amazonaws.com': ['scheduler:CreateSchedule', 'scheduler:UpdateSchedule'],
  'elasticmapreduce.amazonaws.com': ['elasticmapreduce:RunJobFlow'],
  'datapipeline.amazonaws.com': ['datapipeline:CreatePipeline'],
};
