// The cross-account role template, checked against the AWS action catalog and the guarantees.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BOUNDARY_POLICY_ARN,
  CROSS_ACCOUNT_ROLE_ARN,
  MAX_SESSION_DURATION,
  newExternalId,
  newRoleName,
  rolePermissionPolicy,
  roleTemplate,
  type PolicyStatement,
} from '../../../backend/src/provisioner/rolePolicy';

const CATALOG = join(__dirname, '..', '..', '..', 'node_modules', '@cloud-copilot', 'iam-data', 'data');
const DOCUMENTED_SERVICES = [
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
  'dynamodb',
  'ssm',
  'autoscaling',
];

interface CatalogAction {
  readonly name: string;
  readonly conditionKeys?: string[];
  readonly resourceTypes?: { name: string; conditionKeys?: string[] }[];
}

const catalogs = new Map<string, Record<string, CatalogAction>>();
function catalog(service: string): Record<string, CatalogAction> {
  let c = catalogs.get(service);
  if (!c) {
    c = JSON.parse(readFileSync(join(CATALOG, 'actions', `${service}.json`), 'utf8')) as Record<string, CatalogAction>;
    catalogs.set(service, c);
  }
  return c;
}
const resourceKeys = new Map<string, Record<string, { conditionKeys?: string[] }>>();
function resourceTypeKeys(service: string, type: string): string[] {
  let r = resourceKeys.get(service);
  if (!r) {
    r = JSON.parse(readFileSync(join(CATALOG, 'resourceTypes', `${service}.json`), 'utf8')) as Record<
      string,
      { conditionKeys?: string[] }
    >;
    resourceKeys.set(service, r);
  }
  return r[type]?.conditionKeys ?? [];
}

const list = (v: string | readonly string[] | undefined): string[] =>
  v === undefined ? [] : typeof v === 'string' ? [v] : [...v];
const glob = (pattern: string) =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    'i',
  );

/** Every catalog action an action pattern (`svc:Name*`) stands for. */
function expand(pattern: string): CatalogAction[] {
  const [service, name] = pattern.split(':') as [string, string];
  return Object.values(catalog(service)).filter((a) => glob(name).test(a.name));
}

/** The condition keys an action supports, its own and its resource types'. */
function supportedKeys(service: string, action: CatalogAction): Set<string> {
  const keys = new Set(action.conditionKeys ?? []);
  for (const rt of action.resourceTypes ?? []) {
    for (const k of rt.conditionKeys ?? []) keys.add(k);
    for (const k of resourceTypeKeys(service, rt.name)) keys.add(k);
  }
  return keys;
}

const policy = rolePermissionPolicy();
const statements = policy.Statement;
const allows = statements.filter((s) => s.Effect === 'Allow');
const denies = statements.filter((s) => s.Effect === 'Deny');

function deniesOn(action: string, resource: string): PolicyStatement[] {
  return denies.filter(
    (s) => list(s.Action).some((a) => glob(a).test(action)) && list(s.Resource).some((r) => glob(r).test(resource)),
  );
}

describe('role policy template (GET /role-policy)', () => {
  it('uses only actions that exist in the AWS catalog (every wildcard matches at least one)', () => {
    for (const s of statements) {
      for (const a of list(s.Action)) assert.ok(expand(a).length > 0, `${s.Sid}: ${a} names no AWS action`);
    }
  });

  it('allows only services from the documented list, and none of ecr, route53, acm, events, bedrock, elasticloadbalancing, sts', () => {
    const services = new Set(allows.flatMap((s) => list(s.Action).map((a) => a.split(':')[0])));
    for (const svc of services)
      assert.ok(DOCUMENTED_SERVICES.includes(svc as string), `service outside the list: ${svc}`);
    for (const banned of ['ecr', 'route53', 'acm', 'events', 'bedrock', 'elasticloadbalancing', 'sts'])
      assert.ok(!services.has(banned), banned);
    assert.ok(
      allows.every((s) => list(s.Action).every((a) => a !== '*' && !a.endsWith(':*'))),
      'no service-wide wildcard',
    );
  });

  it('conditions only on keys the conditioned actions support', () => {
    for (const s of statements) {
      for (const entries of Object.values(s.Condition ?? {})) {
        for (const key of Object.keys(entries)) {
          for (const pattern of list(s.Action)) {
            const service = pattern.split(':')[0] as string;
            for (const action of expand(pattern)) {
              const supported = supportedKeys(service, action);
              const ok =
                supported.has(key) ||
                [...supported].some((k) => k.includes('${') && key.startsWith(k.split('${')[0] as string));
              assert.ok(ok, `${s.Sid}: ${service}:${action.name} does not support ${key}`);
            }
          }
        }
      }
    }
  });

  it('conditions every role-changing allow on a pennsieve boundary', () => {
    const mutating = [
      'iam:CreateRole',
      'iam:PutRolePolicy',
      'iam:AttachRolePolicy',
      'iam:DetachRolePolicy',
      'iam:DeleteRolePolicy',
      'iam:DeleteRole',
      'iam:UpdateRole',
      'iam:UpdateAssumeRolePolicy',
      'iam:PutRolePermissionsBoundary',
    ];
    for (const action of mutating) {
      const granting = allows.filter((s) => list(s.Action).some((a) => glob(a).test(action)));
      assert.ok(granting.length > 0, `${action} is needed by the module`);
      for (const s of granting)
        assert.deepEqual(
          s.Condition,
          { StringLike: { 'iam:PermissionsBoundary': BOUNDARY_POLICY_ARN } },
          `${s.Sid} / ${action}`,
        );
    }
    // iam:TagRole and iam:UntagRole support no boundary key; the role name pattern scopes them.
    for (const s of allows.filter((x) => list(x.Action).some((a) => /^iam:(Un)?TagRole$/.test(a)))) {
      assert.deepEqual(list(s.Resource), ['arn:aws:iam::*:role/pennsieve-*']);
    }
  });

  it('carries the three deny guarantees', () => {
    const createRole = denies.find((s) => list(s.Action).includes('iam:CreateRole'));
    assert.deepEqual(createRole?.Condition, {
      StringNotLike: { 'iam:PermissionsBoundary': 'arn:aws:iam::*:policy/pennsieve-boundary-*' },
    });
    assert.deepEqual(list(createRole?.Resource), ['*']);
    assert.ok(
      denies.some(
        (s) =>
          list(s.Action).includes('iam:DeleteRolePermissionsBoundary') &&
          list(s.Resource).includes('*') &&
          !s.Condition,
      ),
    );
    const swap = denies.find(
      (s) => list(s.Action).includes('iam:PutRolePermissionsBoundary') && list(s.Resource).includes('*'),
    );
    assert.deepEqual(swap?.Condition, { StringNotLike: { 'iam:PermissionsBoundary': BOUNDARY_POLICY_ARN } });
    for (const action of [
      'iam:PutRolePolicy',
      'iam:DeleteRolePolicy',
      'iam:AttachRolePolicy',
      'iam:DetachRolePolicy',
      'iam:UpdateAssumeRolePolicy',
      'iam:UpdateRole',
    ]) {
      const hit = deniesOn(action, 'arn:aws:iam::123456789012:role/Pennsieve-Compute-prod-a1b2c3d4');
      assert.ok(
        hit.some((s) => !s.Condition && list(s.Resource).includes(CROSS_ACCOUNT_ROLE_ARN)),
        `self-modification deny misses ${action}`,
      );
    }
  });

  it('cannot rewrite or delete the boundary policy, and never allows those actions on it', () => {
    const boundary = 'arn:aws:iam::123456789012:policy/pennsieve-boundary-0a1b2c3d';
    for (const action of [
      'iam:CreatePolicyVersion',
      'iam:SetDefaultPolicyVersion',
      'iam:DeletePolicy',
      'iam:DeletePolicyVersion',
    ]) {
      assert.ok(
        deniesOn(action, boundary).some((s) => !s.Condition),
        `${action} is not denied on the boundary`,
      );
      const allowed = allows.filter((s) => list(s.Action).some((a) => glob(a).test(action)));
      assert.deepEqual(
        allowed.map((s) => s.Sid),
        [],
        `${action} is allowed somewhere`,
      );
    }
  });

  it("passes only the node's roles, only to ECS tasks, Lambda and Step Functions", () => {
    const passing = allows.filter((s) => list(s.Action).some((a) => glob(a).test('iam:PassRole')));
    assert.equal(passing.length, 1);
    assert.deepEqual(list(passing[0]?.Resource), ['arn:aws:iam::*:role/pennsieve-*']);
    assert.deepEqual(passing[0]?.Condition, {
      StringEquals: {
        'iam:PassedToService': ['ecs-tasks.amazonaws.com', 'lambda.amazonaws.com', 'states.amazonaws.com'],
      },
    });
  });

  it('touches S3 only on pennsieve-* buckets, never objects, and cannot delete workflow logs', () => {
    for (const s of allows.filter((x) => list(x.Action).some((a) => a.startsWith('s3:')))) {
      assert.deepEqual(list(s.Resource), ['arn:aws:s3:::pennsieve-*'], s.Sid);
    }
    for (const action of ['s3:DeleteBucket', 's3:DeleteObject', 's3:PutLifecycleConfiguration']) {
      assert.ok(
        deniesOn(action, 'arn:aws:s3:::pennsieve-0a1b2c3d-workflow-logs').length +
          deniesOn(action, 'arn:aws:s3:::pennsieve-0a1b2c3d-workflow-logs/x').length >
          0,
        action,
      );
    }
  });

  it('grants no IAM user or access key creation and no secret values', () => {
    for (const action of ['iam:CreateUser', 'iam:CreateAccessKey', 'secretsmanager:GetSecretValue', 'kms:Decrypt']) {
      const allowedOnStar = allows.filter(
        (s) => list(s.Action).some((a) => glob(a).test(action)) && list(s.Resource).includes('*') && !s.Condition,
      );
      assert.deepEqual(
        allowedOnStar.map((s) => s.Sid),
        [],
        action,
      );
    }
    assert.ok(!allows.some((s) => list(s.Action).some((a) => glob(a).test('secretsmanager:GetSecretValue'))));
  });

  it('builds the template: name, trust with external ID, session limit', () => {
    assert.match(newRoleName('Prod'), /^Pennsieve-Compute-prod-[0-9a-f]{8}$/);
    assert.ok(newExternalId().length >= 32);
    const t = roleTemplate({ environment: 'dev', provisionerAccountId: '123456789012' });
    assert.equal(t.maxSessionDuration, MAX_SESSION_DURATION);
    assert.equal(MAX_SESSION_DURATION, 7200);
    assert.deepEqual(t.trustPolicyDocument, {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'PennsieveProvisioner',
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::123456789012:root' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'sts:ExternalId': t.externalId } },
        },
      ],
    });
    assert.equal(
      roleTemplate({ environment: 'dev', provisionerAccountId: '1', externalId: 'given-id' }).externalId,
      'given-id',
    );
    assert.equal(policy.Version, '2012-10-17');
    assert.equal(new Set(statements.map((s) => s.Sid)).size, statements.length, 'statement ids are unique');
  });
});
