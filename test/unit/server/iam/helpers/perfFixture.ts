// Test-only: a 10-statement policy and rotating requests for timing the evaluator.

import { evaluatePolicies } from '../../../../../server/src/iam/evaluate';
import type { EvalRequest } from '../../../../../server/src/iam/types';
import { catalog } from './catalog';
import { policyDoc } from './policyJson';

export const tenStatements = policyDoc({
  Statement: [
    {
      Effect: 'Allow',
      Action: ['s3:Get*', 's3:List*'],
      Resource: ['arn:aws:s3:::pennsieve-*', 'arn:aws:s3:::pennsieve-*/*'],
    },
    {
      Effect: 'Allow',
      Action: 'logs:*',
      Resource: '*',
      Condition: { StringEquals: { 'aws:RequestedRegion': ['us-east-1', 'us-west-2'] } },
    },
    { Effect: 'Allow', Action: ['iam:CreateRole', 'iam:PutRolePolicy'], Resource: 'arn:aws:iam::*:role/app-*' },
    {
      Effect: 'Deny',
      Action: 'iam:CreateRole',
      Resource: '*',
      Condition: { StringNotLike: { 'iam:PermissionsBoundary': 'arn:aws:iam::*:policy/pennsieve-boundary-*' } },
    },
    { Effect: 'Deny', Action: 'iam:DeleteRolePermissionsBoundary', Resource: '*' },
    {
      Effect: 'Deny',
      Action: ['iam:PutRolePolicy', 'iam:AttachRolePolicy'],
      Resource: 'arn:aws:iam::*:role/Pennsieve-Compute-*',
    },
    { Effect: 'Allow', Action: 'ec2:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } },
    { Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: 'arn:aws:lambda:*:*:function:llm-governor*' },
    { Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::*:role/${aws:PrincipalTag/team}-*' },
    { Effect: 'Deny', NotAction: ['s3:*', 'iam:*', 'ec2:*', 'logs:*', 'lambda:*'], Resource: '*' },
  ],
});

const requests: EvalRequest[] = [
  {
    action: 'iam:CreateRole',
    resource: 'arn:aws:iam::000000000000:role/app-x',
    context: { 'iam:PermissionsBoundary': 'arn:aws:iam::000000000000:policy/pennsieve-boundary-1' },
  },
  { action: 's3:GetObject', resource: 'arn:aws:s3:::pennsieve-data/k' },
  {
    action: 'iam:PassRole',
    resource: 'arn:aws:iam::000000000000:role/red-x',
    context: { 'aws:PrincipalTag/team': 'red' },
  },
  { action: 'rds:CreateDBInstance', resource: 'arn:aws:rds:us-east-1:000000000000:db:x' },
];

/** Mean microseconds per evaluation over `n` rotating requests. */
export function measureEvaluation(n: number): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) evaluatePolicies(catalog, [tenStatements], requests[i % requests.length]);
  return Number(process.hrtime.bigint() - start) / 1000 / n;
}
