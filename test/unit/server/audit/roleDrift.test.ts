import assert from 'node:assert/strict';
import { Catalog } from '../../../../server/src/catalog/catalog';
import { actionsWith, roleDrift, trustedPrincipals } from '../../../../server/src/audit/roleDrift';

const catalog = new Catalog();
const policy = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });
const trust = (aws: string | string[]) =>
  policy({ Effect: 'Allow', Principal: { AWS: aws }, Action: 'sts:AssumeRole' });

describe('server audit/roleDrift', () => {
  it('expands Action patterns with the catalog, case-insensitively', () => {
    const actions = actionsWith(
      catalog,
      policy({ Effect: 'Allow', Action: ['S3:GetObject*', 'iam:passrole'], Resource: '*' }),
      'Allow',
    );
    assert.ok(actions.has('s3:GetObject') && actions.has('s3:GetObjectTagging') && actions.has('iam:PassRole'));
    assert.ok(!actions.has('s3:PutObject'));
  });

  it('takes NotAction as every action outside it', () => {
    const actions = actionsWith(catalog, policy({ Effect: 'Deny', NotAction: 's3:*', Resource: '*' }), 'Deny');
    assert.ok(actions.has('iam:CreateUser'));
    assert.ok(![...actions].some((a) => a.startsWith('s3:')));
  });

  it('reads one statement given as an object and ignores other effects', () => {
    assert.deepEqual(
      [
        ...actionsWith(
          catalog,
          { Statement: { Effect: 'Allow', Action: 'sts:GetCallerIdentity', Resource: '*' } },
          'Allow',
        ),
      ],
      ['sts:GetCallerIdentity'],
    );
    assert.equal(actionsWith(catalog, policy({ Effect: 'Allow', Action: 'iam:*', Resource: '*' }), 'Deny').size, 0);
  });

  it('reports allows and denies gained and lost per service, sorted', () => {
    const template = {
      policyDocument: policy(
        { Effect: 'Allow', Action: ['s3:GetObject', 'logs:PutLogEvents'], Resource: '*' },
        { Effect: 'Deny', Action: 'iam:DeleteRolePermissionsBoundary', Resource: '*' },
      ),
      trustPolicyDocument: trust('111122223333'),
    };
    const live = {
      policyDocument: policy({ Effect: 'Allow', Action: ['s3:GetObject', 'iam:PassRole'], Resource: '*' }),
      trustPolicyDocument: trust(['111122223333', '444455556666']),
    };
    const drift = roleDrift(catalog, live, template);
    assert.deepEqual(drift.services, [
      {
        service: 'iam',
        allowsAdded: ['iam:PassRole'],
        allowsRemoved: [],
        deniesAdded: [],
        deniesRemoved: ['iam:DeleteRolePermissionsBoundary'],
      },
      { service: 'logs', allowsAdded: [], allowsRemoved: ['logs:PutLogEvents'], deniesAdded: [], deniesRemoved: [] },
    ]);
    assert.deepEqual([drift.trustedAdded, drift.trustedRemoved], [['AWS:444455556666'], []]);
  });

  it('finds no drift between a document and itself, and none in malformed parts', () => {
    const doc = {
      policyDocument: policy({ Effect: 'Allow', Action: 'ec2:*', Resource: '*' }),
      trustPolicyDocument: trust('111122223333'),
    };
    assert.deepEqual(roleDrift(catalog, doc, doc), { services: [], trustedAdded: [], trustedRemoved: [] });
    assert.deepEqual(roleDrift(catalog, { policyDocument: 'nonsense' }, { policyDocument: [1, 2] }).services, []);
  });

  it('lists trusted principals of Allow statements only, `*` included', () => {
    const t = policy(
      { Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' },
      { Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' },
      { Effect: 'Deny', Principal: { AWS: '999' }, Action: 'sts:AssumeRole' },
    );
    assert.deepEqual([...trustedPrincipals(t)], ['*', 'Service:ecs-tasks.amazonaws.com']);
  });
});
