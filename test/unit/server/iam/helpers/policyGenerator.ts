// Test-only: random identity policies, boundaries and requests for the differential test, from a
// seeded PRNG so every run is the same. Pools are small so that statements often apply.

import type { PolicyJson } from './policyJson';
import { prng } from '../../../../support/prng';
export { prng };

export const ACCOUNT = '111122223333';

const REQUESTS: readonly (readonly [string, string])[] = [
  ['iam:CreateRole', `arn:aws:iam::${ACCOUNT}:role/app-x`],
  ['iam:CreateRole', `arn:aws:iam::${ACCOUNT}:role/web-y`],
  ['iam:PutRolePolicy', `arn:aws:iam::${ACCOUNT}:role/Pennsieve-Compute-dev`],
  ['iam:PutRolePolicy', `arn:aws:iam::${ACCOUNT}:role/app-x`],
  ['iam:DeleteRolePermissionsBoundary', `arn:aws:iam::${ACCOUNT}:role/app-x`],
  ['iam:PassRole', `arn:aws:iam::${ACCOUNT}:role/app-x`],
  ['s3:GetObject', 'arn:aws:s3:::bucket-a/key1'],
  ['s3:GetObject', 'arn:aws:s3:::bucket-b/docs/x'],
  ['s3:PutObject', 'arn:aws:s3:::bucket-a/app-1'],
  ['ec2:RunInstances', `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-123`],
];

const ACTIONS = [
  'iam:CreateRole',
  'iam:*',
  'iam:Create*',
  'iam:*Role*',
  'iam:Put*',
  'iam:*Boundary*',
  'iam:Delete*',
  'iam:PassRole',
  's3:Get*',
  's3:*Object',
  's3:*',
  's3:GetObject',
  '*',
  'ec2:Run?nstances',
  'ec2:*',
];

const RESOURCES = [
  '*',
  `arn:aws:iam::${ACCOUNT}:role/*`,
  'arn:aws:iam::*:role/app-*',
  'arn:aws:iam::*:role/Pennsieve-Compute-*',
  'arn:aws:s3:::bucket-a/*',
  'arn:aws:s3:::bucket-?/*',
  'arn:aws:s3:::*/docs/*',
  'arn:aws:ec2:*:*:instance/*',
  `arn:aws:ec2:us-*-1:${ACCOUNT}:instance/i-*`,
  `arn:aws:iam::${ACCOUNT}:role/\${aws:PrincipalTag/team}-*`,
  "arn:aws:s3:::bucket-a/${aws:PrincipalTag/team, 'key'}*",
  'arn:aws:s3:::bucket-a/key?',
  'arn:aws:iam::*:role/*-?',
];

type Cond = readonly [operator: string, key: string, values: string | string[]];
const CONDITIONS: readonly Cond[] = [
  ['StringEquals', 'aws:RequestedRegion', 'us-east-1'],
  ['StringEquals', 'aws:RequestedRegion', ['eu-west-1', 'us-east-1']],
  ['StringNotEquals', 'aws:RequestedRegion', 'eu-west-1'],
  ['StringEqualsIgnoreCase', 'aws:RequestedRegion', 'US-EAST-1'],
  ['StringEqualsIfExists', 'aws:RequestedRegion', 'us-east-1'],
  ['StringLike', 'aws:PrincipalTag/team', 'ap*'],
  ['StringNotLike', 'aws:PrincipalTag/team', ['w?b', 'x*']],
  ['StringLike', 'aws:RequestedRegion', '${aws:PrincipalTag/team}*'],
  ['StringLike', 'iam:PermissionsBoundary', 'arn:aws:iam::*:policy/pb-*'],
  ['StringNotLike', 'iam:PermissionsBoundary', 'arn:aws:iam::*:policy/pb-*'],
  ['ArnLike', 'iam:PermissionsBoundary', `arn:aws:iam::${ACCOUNT}:policy/pb-*`],
  ['ArnNotEquals', 'iam:PermissionsBoundary', `arn:aws:iam::${ACCOUNT}:policy/other`],
  ['Null', 'iam:PermissionsBoundary', 'false'],
  ['Bool', 'aws:SecureTransport', 'true'],
  ['BoolIfExists', 'aws:MultiFactorAuthPresent', 'true'],
  ['NumericLessThan', 'aws:MultiFactorAuthAge', '3600'],
  ['NumericGreaterThanEquals', 'aws:MultiFactorAuthAge', '600'],
  ['NumericNotEquals', 'aws:MultiFactorAuthAge', '30'],
  ['DateGreaterThan', 'aws:CurrentTime', '2024-01-01T00:00:00Z'],
  ['DateLessThanEquals', 'aws:CurrentTime', '2025-06-01T00:00:00Z'],
  ['IpAddress', 'aws:SourceIp', ['10.0.0.0/8', '203.0.113.0/24']],
  ['NotIpAddress', 'aws:SourceIp', '192.168.0.0/16'],
  ['ForAllValues:StringEquals', 'aws:TagKeys', ['env', 'team']],
  ['ForAnyValue:StringLike', 'aws:TagKeys', 'env*'],
  ['Null', 'aws:TagKeys', 'true'],
  ['ForAllValues:StringNotLike', 'aws:TagKeys', 'sec*'],
  ['ForAnyValue:StringNotEquals', 'aws:TagKeys', 'env'],
  ['StringNotEqualsIgnoreCase', 'aws:RequestedRegion', 'EU-WEST-1'],
  ['DateNotEquals', 'aws:CurrentTime', '2025-06-01T00:00:00Z'],
  ['NumericLessThanEqualsIfExists', 'aws:MultiFactorAuthAge', '600'],
  ['NotIpAddress', 'aws:SourceIp', ['2001:db8::/32', '10.0.0.0/8']],
  ['IpAddressIfExists', 'aws:SourceIp', '203.0.113.0/24'],
  ['StringEquals', 'aws:PrincipalTag/team', '${aws:RequestedRegion}'],
];

const CONTEXT: Readonly<Record<string, readonly (string | string[])[]>> = {
  'aws:RequestedRegion': ['us-east-1', 'eu-west-1', 'us-west-2'],
  'aws:PrincipalTag/team': ['app', 'web', 'us'],
  'iam:PermissionsBoundary': [`arn:aws:iam::${ACCOUNT}:policy/pb-1`, `arn:aws:iam::${ACCOUNT}:policy/other`],
  'aws:SecureTransport': ['true', 'false'],
  'aws:MultiFactorAuthPresent': ['true', 'false'],
  'aws:MultiFactorAuthAge': ['30', '600', '7200'],
  'aws:CurrentTime': ['2023-06-01T00:00:00Z', '2025-06-01T00:00:00Z'],
  'aws:SourceIp': ['10.1.2.3', '192.168.1.1', '203.0.113.9', '2001:db8::1'],
  'aws:TagKeys': [['env'], ['env', 'team'], ['owner'], []],
};

export interface Case {
  readonly identity: PolicyJson;
  readonly boundary?: PolicyJson;
  readonly action: string;
  readonly resource: string;
  readonly context: Record<string, string | string[]>;
}

function pick<T>(rnd: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rnd() * xs.length)];
}

function some<T>(rnd: () => number, xs: readonly T[], min: number, max: number): T[] {
  const n = min + Math.floor(rnd() * (max - min + 1));
  return Array.from({ length: n }, () => pick(rnd, xs));
}

/** Half the statements name the request's action (or its service) and `*` resources, so they apply. */
function statement(rnd: () => number, action: string): Record<string, unknown> {
  const st: Record<string, unknown> = { Effect: rnd() < 0.75 ? 'Allow' : 'Deny' };
  const actions = some(rnd, ACTIONS, 1, 2);
  const resources = some(rnd, RESOURCES, 1, 2);
  if (rnd() < 0.5) actions.push(pick(rnd, [action, `${action.split(':')[0]}:*`]));
  if (rnd() < 0.5) resources.push('*');
  st[rnd() < 0.85 ? 'Action' : 'NotAction'] = actions;
  st[rnd() < 0.85 ? 'Resource' : 'NotResource'] = resources;
  const condition: Record<string, Record<string, string | string[]>> = {};
  for (const [op, key, values] of rnd() < 0.4 ? [] : some(rnd, CONDITIONS, 1, 2)) (condition[op] ??= {})[key] = values;
  if (Object.keys(condition).length > 0) st.Condition = condition;
  return st;
}

function policy(rnd: () => number, min: number, max: number, action: string): PolicyJson {
  return {
    Version: '2012-10-17',
    Statement: Array.from({ length: min + Math.floor(rnd() * (max - min + 1)) }, () => statement(rnd, action)),
  };
}

/** `count` cases from `seed`. */
export function generateCases(seed: number, count: number): Case[] {
  const rnd = prng(seed);
  const cases: Case[] = [];
  for (let i = 0; i < count; i++) {
    const [action, resource] = pick(rnd, REQUESTS);
    const context: Record<string, string | string[]> = {};
    for (const [key, values] of Object.entries(CONTEXT)) if (rnd() < 0.6) context[key] = pick(rnd, values);
    cases.push({
      identity: policy(rnd, 1, 4, action),
      boundary: rnd() < 0.5 ? policy(rnd, 1, 3, action) : undefined,
      action,
      resource,
      context,
    });
  }
  return cases;
}
