// The cross-account role a customer creates for the provisioner (GET /role-policy): its name, trust
// policy and permission policy. The permissions are what the compute-node module (./module) needs,
// scoped to the names and tags it uses, plus the denies the guarantee rules check (PG301–PG304, PG401,
// PG702: docs/rules/README.md).

import { randomBytes } from 'node:crypto';

export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?: Readonly<Record<string, string | readonly string[]>>;
  readonly Action: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly PolicyStatement[];
}

export interface RoleTemplate {
  readonly roleName: string;
  readonly policyDocument: PolicyDocument;
  readonly trustPolicyDocument: PolicyDocument;
  readonly externalId: string;
  readonly maxSessionDuration: number;
}

/** The only services the role may touch (the boundary's documented list, minus what the module never uses). */
export const ROLE_SERVICES = [
  'ecs',
  'lambda',
  'states',
  'elasticfilesystem',
  's3',
  'ec2',
  'logs',
  'iam',
  'kms',
  'secretsmanager',
  'ssm',
];
export const BOUNDARY_POLICY_ARN = 'arn:aws:iam::*:policy/pennsieve-boundary-*';
export const CROSS_ACCOUNT_ROLE_ARN = 'arn:aws:iam::*:role/Pennsieve-Compute-*';
/** Every role the module creates is named `pennsieve-<node>-…`. */
export const NODE_ROLE_ARN = 'arn:aws:iam::*:role/pennsieve-*';
export const MAX_SESSION_DURATION = 7200;
/** The tag the module puts on every resource it creates; actions on unnamed resources require it. */
export const MANAGED_TAG = { key: 'pennsieve:managed-by', value: 'pennsieve' } as const;

const boundaryCondition = { StringLike: { 'iam:PermissionsBoundary': BOUNDARY_POLICY_ARN } };
const managedResource = { StringEquals: { [`aws:ResourceTag/${MANAGED_TAG.key}`]: MANAGED_TAG.value } };
const managedRequest = { StringEquals: { [`aws:RequestTag/${MANAGED_TAG.key}`]: MANAGED_TAG.value } };

/** Creating and changing the node's roles: only roles that carry a pennsieve boundary. */
const iamStatements: PolicyStatement[] = [
  {
    Sid: 'ManageBoundedNodeRoles',
    Effect: 'Allow',
    Action: [
      'iam:CreateRole',
      'iam:DeleteRole',
      'iam:UpdateRole',
      'iam:UpdateRoleDescription',
      'iam:UpdateAssumeRolePolicy',
      'iam:PutRolePolicy',
      'iam:DeleteRolePolicy',
      'iam:AttachRolePolicy',
      'iam:DetachRolePolicy',
      'iam:PutRolePermissionsBoundary',
    ],
    Resource: NODE_ROLE_ARN,
    Condition: boundaryCondition,
  },
  {
    // iam:TagRole and iam:UntagRole do not support iam:PermissionsBoundary; the name scopes them.
    Sid: 'TagNodeRoles',
    Effect: 'Allow',
    Action: ['iam:TagRole', 'iam:UntagRole'],
    Resource: NODE_ROLE_ARN,
  },
  {
    Sid: 'ReadNodeRoles',
    Effect: 'Allow',
    Action: [
      'iam:GetRole',
      'iam:GetRolePolicy',
      'iam:ListRolePolicies',
      'iam:ListAttachedRolePolicies',
      'iam:ListInstanceProfilesForRole',
      'iam:ListRoleTags',
    ],
    Resource: NODE_ROLE_ARN,
  },
  {
    Sid: 'PassNodeRolesToNodeServices',
    Effect: 'Allow',
    Action: 'iam:PassRole',
    Resource: NODE_ROLE_ARN,
    Condition: {
      StringEquals: {
        'iam:PassedToService': ['ecs-tasks.amazonaws.com', 'lambda.amazonaws.com', 'states.amazonaws.com'],
      },
    },
  },
  {
    // Create and read the boundary; changing or deleting it is denied below.
    Sid: 'CreateNodeBoundary',
    Effect: 'Allow',
    Action: [
      'iam:CreatePolicy',
      'iam:GetPolicy',
      'iam:GetPolicyVersion',
      'iam:ListPolicyVersions',
      'iam:ListPolicyTags',
      'iam:TagPolicy',
    ],
    Resource: BOUNDARY_POLICY_ARN,
  },
  {
    Sid: 'CreateServiceLinkedRolesForNodeServices',
    Effect: 'Allow',
    Action: 'iam:CreateServiceLinkedRole',
    Resource: 'arn:aws:iam::*:role/aws-service-role/*',
    Condition: { StringEquals: { 'iam:AWSServiceName': ['ecs.amazonaws.com', 'elasticfilesystem.amazonaws.com'] } },
  },
];

/** Named resources: everything the module creates is called `pennsieve-<node>…` or lives under `/pennsieve/`. */
const namedStatements: PolicyStatement[] = [
  {
    Sid: 'NodeBucketsNoObjects',
    Effect: 'Allow',
    Action: [
      's3:CreateBucket',
      's3:ListBucket',
      's3:GetBucket*',
      's3:GetEncryptionConfiguration',
      's3:GetLifecycleConfiguration',
      's3:GetReplicationConfiguration',
      's3:GetAccelerateConfiguration',
      's3:PutBucket*',
      's3:PutEncryptionConfiguration',
    ],
    Resource: 'arn:aws:s3:::pennsieve-*',
  },
  {
    Sid: 'NodeFunctions',
    Effect: 'Allow',
    Action: [
      'lambda:CreateFunction',
      'lambda:DeleteFunction',
      'lambda:UpdateFunctionCode',
      'lambda:UpdateFunctionConfiguration',
      'lambda:PublishVersion',
      'lambda:TagResource',
      'lambda:UntagResource',
      'lambda:Get*',
      'lambda:List*',
    ],
    Resource: ['arn:aws:lambda:*:*:function:pennsieve-*'],
  },
  {
    Sid: 'NodeStateMachines',
    Effect: 'Allow',
    Action: [
      'states:CreateStateMachine',
      'states:DeleteStateMachine',
      'states:UpdateStateMachine',
      'states:DescribeStateMachine',
      'states:ListStateMachineVersions',
      'states:TagResource',
      'states:UntagResource',
      'states:ListTagsForResource',
    ],
    Resource: 'arn:aws:states:*:*:stateMachine:pennsieve-*',
  },
  {
    Sid: 'NodeClusters',
    Effect: 'Allow',
    Action: [
      'ecs:CreateCluster',
      'ecs:DeleteCluster',
      'ecs:DescribeClusters',
      'ecs:UpdateCluster',
      'ecs:UpdateClusterSettings',
      'ecs:TagResource',
      'ecs:UntagResource',
      'ecs:ListTagsForResource',
    ],
    Resource: 'arn:aws:ecs:*:*:cluster/pennsieve-*',
  },
  {
    Sid: 'NodeTaskDefinitions',
    Effect: 'Allow',
    Action: ['ecs:RegisterTaskDefinition', 'ecs:TagResource', 'ecs:ListTagsForResource'],
    Resource: 'arn:aws:ecs:*:*:task-definition/pennsieve-*:*',
  },
  {
    Sid: 'NodeLogGroups',
    Effect: 'Allow',
    Action: [
      'logs:CreateLogGroup',
      'logs:DeleteLogGroup',
      'logs:PutRetentionPolicy',
      'logs:DeleteRetentionPolicy',
      'logs:AssociateKmsKey',
      'logs:DisassociateKmsKey',
      'logs:TagResource',
      'logs:UntagResource',
      'logs:ListTagsForResource',
      'logs:TagLogGroup',
      'logs:UntagLogGroup',
      'logs:ListTagsLogGroup',
    ],
    Resource: ['arn:aws:logs:*:*:log-group:/pennsieve/*', 'arn:aws:logs:*:*:log-group:/aws/lambda/pennsieve-*'],
  },
  {
    // No secretsmanager:GetSecretValue: neither the provisioner nor the emulated gateway (which
    // writes the node's secrets, one secret per key) ever reads a secret's value back.
    Sid: 'NodeSecretsMetadataOnly',
    Effect: 'Allow',
    Action: [
      'secretsmanager:CreateSecret',
      'secretsmanager:PutSecretValue',
      'secretsmanager:DeleteSecret',
      'secretsmanager:DescribeSecret',
      'secretsmanager:UpdateSecret',
      'secretsmanager:GetResourcePolicy',
      'secretsmanager:TagResource',
      'secretsmanager:UntagResource',
    ],
    Resource: 'arn:aws:secretsmanager:*:*:secret:pennsieve-*',
  },
  {
    Sid: 'NodeParameters',
    Effect: 'Allow',
    Action: [
      'ssm:PutParameter',
      'ssm:DeleteParameter',
      'ssm:GetParameter',
      'ssm:GetParameters',
      'ssm:AddTagsToResource',
      'ssm:RemoveTagsFromResource',
      'ssm:ListTagsForResource',
    ],
    Resource: 'arn:aws:ssm:*:*:parameter/pennsieve/*',
  },
];

/** Networking, EFS and KMS have generated ids: creation requires the managed tag, later changes find it. */
const taggedStatements: PolicyStatement[] = [
  {
    // EFS mount targets need the caller to create (and, on deletion, delete) their network
    // interfaces, which EFS does not tag; an interface still attached cannot be deleted.
    Sid: 'CreateNodeNetworking',
    Effect: 'Allow',
    Action: [
      'ec2:CreateVpc',
      'ec2:CreateSubnet',
      'ec2:CreateRouteTable',
      'ec2:CreateRoute',
      'ec2:CreateInternetGateway',
      'ec2:AllocateAddress',
      'ec2:CreateNatGateway',
      'ec2:CreateSecurityGroup',
      'ec2:CreateVpcEndpoint',
      'ec2:CreateFlowLogs',
      'ec2:CreateNetworkInterface',
      'ec2:DeleteNetworkInterface',
      'ec2:Describe*',
    ],
    Resource: '*',
  },
  {
    // Tags only as part of a create call, so an existing (customer) resource cannot be claimed.
    Sid: 'TagNodeNetworkingOnCreate',
    Effect: 'Allow',
    Action: 'ec2:CreateTags',
    Resource: '*',
    Condition: {
      StringEquals: {
        'ec2:CreateAction': [
          'CreateVpc',
          'CreateSubnet',
          'CreateRouteTable',
          'CreateInternetGateway',
          'AllocateAddress',
          'CreateNatGateway',
          'CreateSecurityGroup',
          'CreateVpcEndpoint',
          'CreateFlowLogs',
        ],
      },
    },
  },
  {
    Sid: 'ChangeManagedNetworking',
    Effect: 'Allow',
    Action: [
      'ec2:CreateTags',
      'ec2:DeleteTags',
      'ec2:ModifyVpcAttribute',
      'ec2:ModifySubnetAttribute',
      'ec2:AssociateRouteTable',
      'ec2:DisassociateRouteTable',
      'ec2:ReplaceRoute',
      'ec2:DeleteRoute',
      'ec2:AttachInternetGateway',
      'ec2:DetachInternetGateway',
      'ec2:AuthorizeSecurityGroupIngress',
      'ec2:AuthorizeSecurityGroupEgress',
      'ec2:RevokeSecurityGroupIngress',
      'ec2:RevokeSecurityGroupEgress',
      'ec2:UpdateSecurityGroupRuleDescriptionsIngress',
      'ec2:UpdateSecurityGroupRuleDescriptionsEgress',
      'ec2:ModifyVpcEndpoint',
      'ec2:DeleteVpcEndpoints',
      'ec2:DeleteFlowLogs',
      'ec2:DeleteNatGateway',
      'ec2:DisassociateAddress',
      'ec2:ReleaseAddress',
      'ec2:DeleteSecurityGroup',
      'ec2:DeleteRouteTable',
      'ec2:DeleteInternetGateway',
      'ec2:DeleteSubnet',
      'ec2:DeleteVpc',
    ],
    Resource: '*',
    Condition: managedResource,
  },
  {
    Sid: 'CreateNodeFileSystemsAndKeys',
    Effect: 'Allow',
    Action: ['elasticfilesystem:CreateFileSystem', 'kms:CreateKey', 'kms:TagResource'],
    Resource: '*',
    Condition: managedRequest,
  },
  {
    // EFS can tell tagging at creation from tagging later: only the former claims a resource.
    Sid: 'TagNodeFileSystemsOnCreate',
    Effect: 'Allow',
    Action: 'elasticfilesystem:TagResource',
    Resource: '*',
    Condition: { StringEquals: { 'elasticfilesystem:CreateAction': ['CreateFileSystem', 'CreateAccessPoint'] } },
  },
  {
    Sid: 'ReadFileSystemsAndKeys',
    Effect: 'Allow',
    Action: [
      'elasticfilesystem:Describe*',
      'elasticfilesystem:ListTagsForResource',
      'kms:DescribeKey',
      'kms:GetKeyPolicy',
      'kms:GetKeyRotationStatus',
      'kms:ListResourceTags',
      'kms:ListAliases',
      'kms:ListKeys',
    ],
    Resource: '*',
  },
  {
    Sid: 'ChangeManagedFileSystems',
    Effect: 'Allow',
    Action: [
      'elasticfilesystem:CreateMountTarget',
      'elasticfilesystem:DeleteMountTarget',
      'elasticfilesystem:ModifyMountTargetSecurityGroups',
      'elasticfilesystem:CreateAccessPoint',
      'elasticfilesystem:DeleteAccessPoint',
      'elasticfilesystem:UpdateFileSystem',
      'elasticfilesystem:PutLifecycleConfiguration',
      'elasticfilesystem:PutBackupPolicy',
      'elasticfilesystem:DeleteFileSystem',
      'elasticfilesystem:TagResource',
      'elasticfilesystem:UntagResource',
    ],
    Resource: '*',
    Condition: managedResource,
  },
  {
    // Only the node's own keys: a customer key's policy and data stay out of reach.
    Sid: 'UseManagedKeys',
    Effect: 'Allow',
    Action: [
      'kms:PutKeyPolicy',
      'kms:EnableKeyRotation',
      'kms:ScheduleKeyDeletion',
      'kms:UntagResource',
      'kms:CreateAlias',
      'kms:DeleteAlias',
      'kms:UpdateAlias',
      'kms:CreateGrant',
      'kms:Encrypt',
      'kms:Decrypt',
      'kms:GenerateDataKey',
      'kms:GenerateDataKeyWithoutPlaintext',
    ],
    Resource: 'arn:aws:kms:*:*:key/*',
    Condition: managedResource,
  },
  {
    Sid: 'NodeKeyAliases',
    Effect: 'Allow',
    Action: ['kms:CreateAlias', 'kms:DeleteAlias', 'kms:UpdateAlias'],
    Resource: 'arn:aws:kms:*:*:alias/pennsieve-*',
  },
];

/** APIs that accept no narrower resource than `*`. */
const accountLevelStatement: PolicyStatement = {
  Sid: 'AccountLevelReadsAndLogDelivery',
  Effect: 'Allow',
  Action: [
    'ecs:DescribeTaskDefinition',
    'ecs:DeregisterTaskDefinition',
    'states:ValidateStateMachineDefinition',
    'logs:DescribeLogGroups',
    'logs:CreateLogDelivery',
    'logs:GetLogDelivery',
    'logs:UpdateLogDelivery',
    'logs:DeleteLogDelivery',
    'logs:ListLogDeliveries',
    'logs:PutResourcePolicy',
    'logs:DescribeResourcePolicies',
    'ssm:DescribeParameters',
    'secretsmanager:ListSecrets',
  ],
  Resource: '*',
};

/** The guarantees: explicit denies no allow above (or added later) can override. */
const denyStatements: PolicyStatement[] = [
  {
    Sid: 'DenyCreateRoleWithoutBoundary',
    Effect: 'Deny',
    Action: 'iam:CreateRole',
    Resource: '*',
    Condition: { StringNotLike: { 'iam:PermissionsBoundary': BOUNDARY_POLICY_ARN } },
  },
  {
    Sid: 'DenyBoundarySwap',
    Effect: 'Deny',
    Action: 'iam:PutRolePermissionsBoundary',
    Resource: '*',
    Condition: { StringNotLike: { 'iam:PermissionsBoundary': BOUNDARY_POLICY_ARN } },
  },
  { Sid: 'DenyBoundaryStripping', Effect: 'Deny', Action: 'iam:DeleteRolePermissionsBoundary', Resource: '*' },
  {
    Sid: 'DenySelfModification',
    Effect: 'Deny',
    Action: [
      'iam:PutRolePolicy',
      'iam:DeleteRolePolicy',
      'iam:AttachRolePolicy',
      'iam:DetachRolePolicy',
      'iam:UpdateAssumeRolePolicy',
      'iam:UpdateRole',
      'iam:UpdateRoleDescription',
      'iam:PutRolePermissionsBoundary',
      'iam:DeleteRolePermissionsBoundary',
      'iam:DeleteRole',
      'iam:TagRole',
      'iam:UntagRole',
    ],
    Resource: CROSS_ACCOUNT_ROLE_ARN,
  },
  {
    // The module names its roles pennsieve-<node>-… at the default path, so a role with a path is
    // never one of them, even when its ARN starts with role/pennsieve- (role/pennsieve-team/admin):
    // without this, NODE_ROLE_ARN would let the role change or pass the customer's own roles (PG305).
    Sid: 'DenyRolesWithPath',
    Effect: 'Deny',
    Action: [
      'iam:PutRolePolicy',
      'iam:DeleteRolePolicy',
      'iam:AttachRolePolicy',
      'iam:DetachRolePolicy',
      'iam:UpdateAssumeRolePolicy',
      'iam:PutRolePermissionsBoundary',
      'iam:DeleteRolePermissionsBoundary',
      'iam:PassRole',
    ],
    Resource: 'arn:aws:iam::*:role/*/*',
  },
  {
    Sid: 'DenyBoundaryRewrite',
    Effect: 'Deny',
    Action: ['iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion', 'iam:DeletePolicy', 'iam:DeletePolicyVersion'],
    Resource: BOUNDARY_POLICY_ARN,
  },
  {
    Sid: 'DenyUsersAndKeys',
    Effect: 'Deny',
    Action: ['iam:CreateUser', 'iam:CreateAccessKey', 'iam:CreateLoginProfile'],
    Resource: '*',
  },
  {
    // The workflow-log bucket is the audit record: it outlives the node and keeps its history.
    Sid: 'DenyWorkflowLogDeletion',
    Effect: 'Deny',
    Action: ['s3:DeleteBucket', 's3:PutLifecycleConfiguration', 's3:DeleteObject', 's3:DeleteObjectVersion'],
    Resource: ['arn:aws:s3:::pennsieve-*workflow-logs*', 'arn:aws:s3:::pennsieve-*workflow-logs*/*'],
  },
];

/** The inline permission policy of the cross-account role. */
export function rolePermissionPolicy(): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [...iamStatements, ...namedStatements, ...taggedStatements, accountLevelStatement, ...denyStatements],
  };
}

/** Trusts only the provisioner account's root, and only with the account's external ID. */
export function roleTrustPolicy(provisionerAccountId: string, externalId: string): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'PennsieveProvisioner',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${provisionerAccountId}:root` },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'sts:ExternalId': externalId } },
      },
    ],
  };
}

/** `Pennsieve-Compute-<env>-<8 hex>`, new on every call. */
export function newRoleName(environment: string): string {
  return `Pennsieve-Compute-${environment.toLowerCase()}-${randomBytes(4).toString('hex')}`;
}

/** A fresh external ID: 48 characters of URL-safe randomness. */
export function newExternalId(): string {
  return randomBytes(36).toString('base64url');
}

export function roleTemplate(opts: {
  environment: string;
  provisionerAccountId: string;
  externalId?: string;
}): RoleTemplate {
  const externalId = opts.externalId || newExternalId();
  return {
    roleName: newRoleName(opts.environment),
    policyDocument: rolePermissionPolicy(),
    trustPolicyDocument: roleTrustPolicy(opts.provisionerAccountId, externalId),
    externalId,
    maxSessionDuration: MAX_SESSION_DURATION,
  };
}
