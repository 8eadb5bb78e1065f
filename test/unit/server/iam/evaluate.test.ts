// The evaluator: Action/NotAction, Resource/NotResource, policy variables, principals, unknowns.

import { strict as assert } from 'node:assert';
import { evaluateEffective, evaluatePolicies } from '../../../../server/src/iam/evaluate';
import type { EvalRequest } from '../../../../server/src/iam/types';
import { catalog } from './helpers/catalog';
import { policyDoc, pstr } from './helpers/policyJson';
import { allowed, decide } from './helpers/verdict';

const allowAll = { Effect: 'Allow', Action: '*', Resource: '*' };

describe('evaluatePolicies: actions', () => {
  it('matches actions case-insensitively with IAM wildcards', () => {
    assert.equal(allowed({ Statement: { Effect: 'Allow', Action: 'S3:get*', Resource: '*' } }), 'yes');
    assert.equal(allowed({ Statement: { Effect: 'Allow', Action: 's3:Get?bject', Resource: '*' } }), 'yes');
    assert.equal(allowed({ Statement: { Effect: 'Allow', Action: 's3:Put*', Resource: '*' } }), 'no');
  });

  it('a typo matches nothing', () => {
    assert.equal(allowed({ Statement: { Effect: 'Allow', Action: 's3:GetObjcet', Resource: '*' } }), 'no');
  });

  it('NotAction allows everything else; NotAction in a Deny denies everything else', () => {
    assert.equal(allowed({ Statement: { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' } }), 'yes');
    assert.equal(allowed({ Statement: { Effect: 'Allow', NotAction: 's3:*', Resource: '*' } }), 'no');
    const d = decide(
      { Statement: [allowAll, { Effect: 'Deny', NotAction: ['iam:Get*', 'iam:List*'], Resource: '*' }] },
      { action: 'iam:CreateRole', resource: '*' },
    );
    assert.equal(d.outcome, 'ExplicitlyDenied');
  });

  it('a hole in an action makes it unknown unless the literal part decides', () => {
    assert.equal(
      allowed(
        { Statement: { Effect: 'Allow', Action: 'iam:{{?var.action}}', Resource: '*' } },
        { action: 'iam:CreateRole' },
      ),
      'unknown',
    );
    assert.equal(
      allowed(
        { Statement: { Effect: 'Allow', Action: 's3:Get{{?var.x}}', Resource: '*' } },
        { action: 'iam:CreateRole' },
      ),
      'no',
    );
    const d = decide(
      { Statement: { Effect: 'Allow', Action: ['iam:{{?var.action has no default}}', 's3:*'], Resource: '*' } },
      { action: 's3:GetObject' },
    );
    assert.equal(d.outcome, 'Allowed');
    assert.equal(d.allows[0].actionItem?.value.parts[0], 's3:*');
  });

  it('reports the covering Action entry', () => {
    const d = decide(
      { Statement: { Effect: 'Allow', Action: ['ec2:*', 'iam:Create*', 'iam:CreateRole'], Resource: '*' } },
      { action: 'iam:CreateRole', resource: '*' },
    );
    assert.equal(d.allows[0].actionItem?.value.parts[0], 'iam:Create*');
  });
});

describe('evaluatePolicies: resources and variables', () => {
  it('NotResource matches every other resource', () => {
    assert.equal(
      allowed({ Statement: { Effect: 'Allow', Action: 's3:*', NotResource: 'arn:aws:s3:::secret/*' } }),
      'yes',
    );
    assert.equal(
      allowed({ Statement: { Effect: 'Allow', Action: 's3:*', NotResource: 'arn:aws:s3:::bucket/*' } }),
      'no',
    );
  });

  it('substitutes policy variables from the request context (Version 2012-10-17)', () => {
    const json = {
      Version: '2012-10-17',
      Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/${aws:username}/*' },
    };
    assert.equal(allowed(json, { resource: 'arn:aws:s3:::bucket/bob/x', context: { 'aws:username': 'bob' } }), 'yes');
    assert.equal(allowed(json, { resource: 'arn:aws:s3:::bucket/alice/x', context: { 'AWS:UserName': 'bob' } }), 'no');
    assert.equal(allowed(json, { resource: 'arn:aws:s3:::bucket/bob/x' }), 'no');
    // A variable's value is literal text, never a wildcard.
    assert.equal(allowed(json, { resource: 'arn:aws:s3:::bucket/alice/x', context: { 'aws:username': '*' } }), 'no');
    // Multivalued keys cannot be variables.
    assert.equal(allowed(json, { resource: 'arn:aws:s3:::bucket/bob/x', context: { 'aws:username': ['bob'] } }), 'no');
  });

  it('reads ${…} as literal text under Version 2008-10-17 or without a Version (AWS: variables need 2012-10-17)', () => {
    for (const Version of ['2008-10-17', undefined]) {
      const json = {
        Version,
        Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/${aws:username}/*' },
      };
      assert.equal(allowed(json, { resource: 'arn:aws:s3:::bucket/bob/x', context: { 'aws:username': 'bob' } }), 'no');
      assert.equal(allowed(json, { resource: 'arn:aws:s3:::bucket/${aws:username}/x' }), 'yes');
    }
  });

  it('uses defaults and the ${*} ${?} ${$} escapes', () => {
    const withDefault = {
      Version: '2012-10-17',
      Statement: {
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: "arn:aws:s3:::bucket/${aws:PrincipalTag/team, 'shared'}/*",
      },
    };
    assert.equal(allowed(withDefault, { resource: 'arn:aws:s3:::bucket/shared/x' }), 'yes');
    assert.equal(
      allowed(withDefault, { resource: 'arn:aws:s3:::bucket/red/x', context: { 'aws:PrincipalTag/team': 'red' } }),
      'yes',
    );
    const escaped = {
      Version: '2012-10-17',
      Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/${*}${?}${$}' },
    };
    assert.equal(allowed(escaped, { resource: 'arn:aws:s3:::b/*?$' }), 'yes');
    assert.equal(allowed(escaped, { resource: 'arn:aws:s3:::b/xy$' }), 'no');
  });

  it('substitutes variables in string conditions; an unresolvable one makes even a negated operator false', () => {
    const json = (op: string) => ({
      Version: '2012-10-17',
      Statement: {
        Effect: 'Allow',
        Action: 's3:ListBucket',
        Resource: '*',
        Condition: { [op]: { 's3:prefix': '${aws:username}/*' } },
      },
    });
    assert.equal(
      allowed(json('StringLike'), {
        action: 's3:ListBucket',
        context: { 's3:prefix': 'bob/docs', 'aws:username': 'bob' },
      }),
      'yes',
    );
    assert.equal(
      allowed(json('StringLike'), {
        action: 's3:ListBucket',
        context: { 's3:prefix': 'eve/docs', 'aws:username': 'bob' },
      }),
      'no',
    );
    assert.equal(
      allowed(json('StringNotLike'), { action: 's3:ListBucket', context: { 's3:prefix': 'eve/docs' } }),
      'no',
    );
  });

  it('resources with holes: definite when every substitution agrees', () => {
    const json = { Statement: { Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::*:role/app-*' } };
    assert.equal(
      allowed(json, { action: 'iam:PassRole', resource: pstr('arn:aws:iam::{{account}}:role/app-{{?var.name}}') }),
      'yes',
    );
    assert.equal(
      allowed(json, { action: 'iam:PassRole', resource: pstr('arn:aws:iam::{{account}}:role/{{?var.name}}') }),
      'unknown',
    );
    assert.equal(
      allowed(json, { action: 'iam:PassRole', resource: pstr('arn:aws:iam::{{account}}:policy/{{?var.name}}') }),
      'no',
    );
    const holeInPolicy = {
      Statement: {
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: 'arn:aws:iam::{{account}}:role/{{?var.prefix}}-*',
      },
    };
    assert.equal(
      allowed(holeInPolicy, { action: 'iam:PassRole', resource: 'arn:aws:iam::000000000000:role/app-x' }),
      'unknown',
    );
    assert.equal(
      allowed(holeInPolicy, { action: 'iam:PassRole', resource: 'arn:aws:iam::111122223333:role/app-x' }),
      'no',
    );
  });
});

describe('evaluatePolicies: unknowns and effects', () => {
  it('a possible deny makes the outcome Unknown, with the reason and location', () => {
    const doc = policyDoc({
      Statement: [allowAll, { Effect: 'Deny', Action: 's3:*', Resource: 'arn:aws:s3:::{{?var.bucket}}/*' }],
    });
    const d = evaluatePolicies(catalog, [doc], { action: 's3:GetObject', resource: 'arn:aws:s3:::data/k' });
    assert.equal(d.outcome, 'Unknown');
    assert.equal(d.unknownReasons[0].reason, 'var.bucket');
    assert.deepEqual(d.unknownReasons[0].loc, doc.statements[1].resource!.items[0].loc);
    assert.equal(d.denies[0].verdict, 'unknown');
  });

  it('a definite deny wins over unknowns', () => {
    const d = decide({
      Statement: [
        { Effect: 'Allow', Action: 's3:{{?x}}', Resource: '*' },
        { Effect: 'Deny', Action: 's3:*', Resource: '*' },
      ],
    });
    assert.equal(d.outcome, 'ExplicitlyDenied');
    assert.deepEqual(d.unknownReasons, []);
  });

  it('statements without a valid Effect are ignored; an unknown Effect may allow or deny', () => {
    assert.equal(allowed({ Statement: { Effect: 'Alow', Action: '*', Resource: '*' } }), 'no');
    const d = decide({ Statement: [allowAll, { Effect: '{{?var.effect}}', Action: 's3:*', Resource: '*' }] });
    assert.equal(d.outcome, 'Unknown');
    assert.equal(d.unknownReasons[0].reason, 'var.effect');
  });

  it('unresolved list parts and unreadable statements count as unknown', () => {
    const doc = policyDoc({ Statement: allowAll });
    const partial = { ...doc, unknownStatements: 'dynamic "statement" over var.extra' };
    const d = evaluatePolicies(catalog, [partial], { action: 's3:GetObject', resource: '*' });
    assert.equal(d.outcome, 'Unknown');
    const listDoc = policyDoc({ Statement: { Effect: 'Allow', Action: 's3:PutObject', Resource: '*' } });
    const st = listDoc.statements[0];
    const withUnknown = { ...listDoc, statements: [{ ...st, action: { ...st.action!, unknown: 'concat(var.more)' } }] };
    assert.equal(
      evaluatePolicies(catalog, [withUnknown], { action: 's3:GetObject', resource: '*' }).outcome,
      'Unknown',
    );
    assert.equal(
      evaluatePolicies(catalog, [withUnknown], { action: 's3:PutObject', resource: '*' }).outcome,
      'Allowed',
    );
  });
});

describe('evaluateEffective: identity ∩ boundary', () => {
  const req: EvalRequest = { action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' };
  const s3 = policyDoc({ Statement: { Effect: 'Allow', Action: 's3:*', Resource: '*' } });
  const ec2 = policyDoc({ Statement: { Effect: 'Allow', Action: 'ec2:*', Resource: '*' } });
  const denyS3 = policyDoc({ Statement: { Effect: 'Deny', Action: 's3:GetObject', Resource: '*' } });

  it('needs an allow in both; a deny in either wins', () => {
    assert.equal(evaluateEffective(catalog, [s3], undefined, req).outcome, 'Allowed');
    assert.equal(evaluateEffective(catalog, [s3], [s3], req).outcome, 'Allowed');
    assert.equal(evaluateEffective(catalog, [s3], [ec2], req).outcome, 'ImplicitlyDenied');
    assert.equal(evaluateEffective(catalog, [ec2], [s3], req).outcome, 'ImplicitlyDenied');
    assert.equal(evaluateEffective(catalog, [s3], [s3, denyS3], req).outcome, 'ExplicitlyDenied');
    assert.equal(evaluateEffective(catalog, [s3, denyS3], [s3], req).outcome, 'ExplicitlyDenied');
    assert.equal(evaluateEffective(catalog, [s3], [], req).outcome, 'ImplicitlyDenied');
  });
});

describe('trust policies: principals', () => {
  const trust = (principal: object, extra: object = {}) => ({
    Statement: { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: principal as never, ...extra },
  });
  const assume = (type: 'AWS' | 'Service', value: string) => ({
    action: 'sts:AssumeRole',
    resource: 'arn:aws:iam::000000000000:role/r',
    principal: { type, value },
  });

  it('"*" and {"AWS": "*"} trust everyone', () => {
    assert.equal(allowed(trust('*' as never), assume('AWS', 'arn:aws:iam::999999999999:role/x')), 'yes');
    assert.equal(allowed(trust({ AWS: '*' }), assume('AWS', 'arn:aws:iam::999999999999:user/u')), 'yes');
  });

  it('an account id equals its root ARN and delegates to every principal in the account', () => {
    for (const p of ['123456789012', 'arn:aws:iam::123456789012:root']) {
      assert.equal(allowed(trust({ AWS: p }), assume('AWS', 'arn:aws:iam::123456789012:role/deployer')), 'yes', p);
      assert.equal(
        allowed(trust({ AWS: p }), assume('AWS', 'arn:aws:sts::123456789012:assumed-role/deployer/s1')),
        'yes',
        p,
      );
      assert.equal(allowed(trust({ AWS: p }), assume('AWS', '123456789012')), 'yes', p);
      assert.equal(allowed(trust({ AWS: p }), assume('AWS', 'arn:aws:iam::210987654321:role/deployer')), 'no', p);
    }
  });

  it('a role ARN names that role and its sessions only', () => {
    const t = trust({ AWS: 'arn:aws:iam::123456789012:role/deployer' });
    assert.equal(allowed(t, assume('AWS', 'arn:aws:iam::123456789012:role/deployer')), 'yes');
    assert.equal(allowed(t, assume('AWS', 'arn:aws:sts::123456789012:assumed-role/deployer/session')), 'yes');
    assert.equal(allowed(t, assume('AWS', 'arn:aws:iam::123456789012:role/other')), 'no');
    assert.equal(allowed(t, assume('AWS', 'arn:aws:iam::123456789012:root')), 'no');
  });

  it('service principals compare case-insensitively and only to services', () => {
    const t = trust({ Service: 'ecs-tasks.amazonaws.com' });
    assert.equal(allowed(t, assume('Service', 'ECS-tasks.amazonaws.com')), 'yes');
    assert.equal(allowed(t, assume('Service', 'lambda.amazonaws.com')), 'no');
    assert.equal(allowed(t, assume('AWS', 'ecs-tasks.amazonaws.com')), 'no');
  });

  it('NotPrincipal with Deny: a session is exempt only by its session ARN, with its role and account named too (AWS IAM User Guide, NotPrincipal)', () => {
    const session = 'arn:aws:sts::444455556666:assumed-role/audit-role/audit-app';
    const role = 'arn:aws:iam::444455556666:role/audit-role';
    const account = 'arn:aws:iam::444455556666:root';
    const policy = (names: string[]) => ({
      Statement: [
        { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: '*' } },
        { Effect: 'Deny', Action: 'sts:AssumeRole', NotPrincipal: { AWS: names } },
      ],
    });
    assert.equal(allowed(policy([session, role, account]), assume('AWS', session)), 'yes');
    // The role's ARN alone does not name its sessions: the Deny applies.
    assert.equal(allowed(policy([role, account]), assume('AWS', session)), 'no');
    // Named without its role or account: AWS "might" deny it anyway.
    assert.equal(allowed(policy([session]), assume('AWS', session)), 'unknown');
    assert.equal(
      allowed(
        policy([session, role, account]),
        assume('AWS', 'arn:aws:sts::444455556666:assumed-role/audit-role/other'),
      ),
      'no',
    );
  });

  it('NotPrincipal, holes and conditions', () => {
    const notP = { Statement: { Effect: 'Allow', Action: 'sts:AssumeRole', NotPrincipal: { AWS: '111122223333' } } };
    assert.equal(allowed(notP, assume('AWS', 'arn:aws:iam::999999999999:role/x')), 'yes');
    assert.equal(allowed(notP, assume('AWS', 'arn:aws:iam::111122223333:root')), 'no');
    // NotPrincipal names a principal only by its own ARN: naming the account does not name its roles.
    assert.equal(allowed(notP, assume('AWS', 'arn:aws:iam::111122223333:role/x')), 'yes');
    const hole = trust({ AWS: 'arn:aws:iam::{{?var.pennsieve_account}}:root' });
    assert.equal(allowed(hole, assume('AWS', 'arn:aws:iam::111122223333:role/x')), 'unknown');
    assert.equal(allowed(hole, assume('Service', 'ec2.amazonaws.com')), 'no');
    const ext = trust({ AWS: '111122223333' }, { Condition: { StringEquals: { 'sts:ExternalId': 'secret' } } });
    assert.equal(
      allowed(ext, { ...assume('AWS', 'arn:aws:iam::111122223333:role/x'), context: { 'sts:ExternalId': 'secret' } }),
      'yes',
    );
    assert.equal(allowed(ext, assume('AWS', 'arn:aws:iam::111122223333:role/x')), 'no');
  });
});
