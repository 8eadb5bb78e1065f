// Test-only: a Pennsieve-style cross-account role policy and node boundary, modelled on the
// policy production's provisioner grants (the sandbox's copy: backend/src/provisioner/rolePolicy.ts)
// with its gaps closed.

import { policyDoc, type PolicyJson } from './policyJson';

export const BOUNDARY_PATTERN = 'arn:aws:iam::*:policy/pennsieve-boundary-*';

export const crossAccountJson: PolicyJson = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'AllowServices',
      Effect: 'Allow',
      Action: [
        'ec2:*',
        'ecs:*',
        'elasticfilesystem:*',
        'lambda:*',
        's3:*',
        'states:*',
        'kms:*',
        'logs:*',
        'dynamodb:*',
        'ssm:GetParameter',
        'ssm:PutParameter',
        'autoscaling:*',
        'sts:GetCallerIdentity',
        'iam:CreateServiceLinkedRole',
      ],
      Resource: '*',
    },
    {
      Sid: 'AllowIAMRoleManagement',
      Effect: 'Allow',
      Action: [
        'iam:CreateRole',
        'iam:DeleteRole',
        'iam:GetRole',
        'iam:PassRole',
        'iam:TagRole',
        'iam:UntagRole',
        'iam:PutRolePolicy',
        'iam:GetRolePolicy',
        'iam:DeleteRolePolicy',
        'iam:AttachRolePolicy',
        'iam:DetachRolePolicy',
        'iam:ListRolePolicies',
        'iam:ListAttachedRolePolicies',
        'iam:CreatePolicy',
        'iam:DeletePolicy',
        'iam:GetPolicy',
        'iam:GetPolicyVersion',
        'iam:ListPolicyVersions',
        'iam:CreatePolicyVersion',
        'iam:DeletePolicyVersion',
        'iam:PutRolePermissionsBoundary',
      ],
      Resource: '*',
    },
    {
      Sid: 'DenyCreateRoleWithoutBoundary',
      Effect: 'Deny',
      Action: 'iam:CreateRole',
      Resource: '*',
      Condition: { StringNotLike: { 'iam:PermissionsBoundary': BOUNDARY_PATTERN } },
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
        'iam:UpdateRole',
        'iam:UpdateAssumeRolePolicy',
        'iam:PutRolePermissionsBoundary',
        'iam:DeleteRolePermissionsBoundary',
      ],
      Resource: 'arn:aws:iam::*:role/Pennsieve-Compute-*',
    },
  ],
};

export const boundaryJson: PolicyJson = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'NodeServices',
      Effect: 'Allow',
      Action: [
        'ecs:*',
        'lambda:*',
        'states:*',
        'elasticfilesystem:*',
        's3:*',
        'ec2:*',
        'logs:*',
        'kms:*',
        'secretsmanager:*',
        'dynamodb:*',
        'ssm:*',
        'autoscaling:*',
      ],
      Resource: '*',
    },
    { Sid: 'IamReadAndPass', Effect: 'Allow', Action: ['iam:Get*', 'iam:List*', 'iam:PassRole'], Resource: '*' },
  ],
};

export const crossAccount = policyDoc(crossAccountJson, 'cross-account.json');
export const boundary = policyDoc(boundaryJson, 'boundary.json');
