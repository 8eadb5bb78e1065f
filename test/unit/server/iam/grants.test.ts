// grantedActions and mayAllowAction: action-level questions over the catalog.

import { strict as assert } from 'node:assert';
import { grantedActions, mayAllowAction } from '../../../../server/src/iam/grants';
import { catalog } from './helpers/catalog';
import { boundary, crossAccount } from './helpers/pennsievePolicies';
import { policyDoc } from './helpers/policyJson';

function statementOf(json: object) {
  return policyDoc({ Statement: json as never }).statements[0];
}

describe('grantedActions', () => {
  it('expands wildcards and attributes each action to the first entry granting it', () => {
    const st = statementOf({
      Effect: 'Allow',
      Action: ['iam:*Boundary*', 'iam:PutRolePermissionsBoundary', 's3:GetObject'],
      Resource: '*',
    });
    const g = grantedActions(catalog, st);
    assert.ok(Array.isArray(g));
    const granted = g as Exclude<typeof g, { unknown: string }>;
    const expected = [...catalog.expandAction('iam:*Boundary*').actions, 's3:GetObject'];
    assert.deepEqual(
      granted.map((x) => x.action),
      expected,
    );
    assert.equal(granted.find((x) => x.action === 'iam:PutRolePermissionsBoundary')?.item, st.action!.items[0]);
    assert.equal(granted.find((x) => x.action === 's3:GetObject')?.item, st.action!.items[2]);
    assert.deepEqual(granted[0].listLoc, st.action!.loc);
  });

  it('NotAction grants the complement, attributed to the NotAction key', () => {
    const st = statementOf({ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' });
    const g = grantedActions(catalog, st) as readonly { action: string; item?: unknown; listLoc: unknown }[];
    const iamCount = catalog.actionsOf('iam').length + catalog.actionsOf('organizations').length;
    assert.equal(g.length, catalog.allActions().length - iamCount);
    assert.ok(g.every((x) => !x.action.startsWith('iam:') && x.item === undefined && x.listLoc === st.notAction!.loc));
  });

  it('typos grant nothing; holes make the result unknown but keep the certain part', () => {
    assert.deepEqual(
      grantedActions(catalog, statementOf({ Effect: 'Allow', Action: 's3:GetObjcet', Resource: '*' })),
      [],
    );
    const st = statementOf({ Effect: 'Allow', Action: ['iam:{{?var.verb}}Role', 's3:GetObject'], Resource: '*' });
    const g = grantedActions(catalog, st);
    assert.ok(!Array.isArray(g) && 'unknown' in g);
    assert.equal(g.unknown, 'var.verb');
    assert.deepEqual(g.loc, st.action!.items[0].loc);
    assert.deepEqual(
      g.granted.map((x) => x.action),
      ['s3:GetObject'],
    );
  });
});

describe('mayAllowAction', () => {
  it('answers at the action level, ignoring resources and conditions', () => {
    assert.equal(mayAllowAction(catalog, [crossAccount], 'iam:CreateRole'), 'yes');
    assert.equal(mayAllowAction(catalog, [boundary], 'iam:CreateRole'), 'no');
    assert.equal(mayAllowAction(catalog, [boundary], 'iam:GetRole'), 'yes');
    assert.equal(mayAllowAction(catalog, [boundary], 'iam:PassRole'), 'yes');
    assert.equal(mayAllowAction(catalog, [boundary], 'rds:CreateDBInstance'), 'no');
  });

  it('subtracts unconditional denies on all resources only', () => {
    // Denied on "*" with no condition.
    assert.equal(mayAllowAction(catalog, [crossAccount], 'iam:DeleteRolePermissionsBoundary'), 'no');
    // The self-modification deny is scoped to one ARN: other roles can still be changed.
    assert.equal(mayAllowAction(catalog, [crossAccount], 'iam:PutRolePolicy'), 'yes');
    const conditional = policyDoc({
      Statement: [
        { Effect: 'Allow', Action: 's3:*', Resource: '*' },
        { Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
      ],
    });
    assert.equal(mayAllowAction(catalog, [conditional], 's3:GetObject'), 'yes');
  });

  it('holes give unknown', () => {
    const doc = policyDoc({ Statement: [{ Effect: 'Allow', Action: 'iam:{{?x}}', Resource: '*' }] });
    assert.equal(mayAllowAction(catalog, [doc], 'iam:CreateRole'), 'unknown');
    assert.equal(mayAllowAction(catalog, [doc], 's3:GetObject'), 'no');
    const denyHole = policyDoc({
      Statement: [
        { Effect: 'Allow', Action: '*', Resource: '*' },
        { Effect: 'Deny', Action: '{{?x}}', Resource: '*' },
      ],
    });
    assert.equal(mayAllowAction(catalog, [denyHole], 's3:GetObject'), 'unknown');
  });
});
