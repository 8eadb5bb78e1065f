// The five rows of Pennsieve's "What this means in practice" table, as evaluator tests. (What a
// caller could choose for keys a request leaves open is the decision procedure's: prove.test.ts.)

import { strict as assert } from 'node:assert';
import { evaluateEffective, evaluatePolicies } from '../../../../server/src/iam/evaluate';
import { selfIamArn } from '../../../../server/src/iam/standIns';
import type { EvalRequest } from '../../../../server/src/iam/types';
import { catalog } from './helpers/catalog';
import { boundary, crossAccount } from './helpers/pennsievePolicies';
import { policyDoc, pstr } from './helpers/policyJson';

const NODE_BOUNDARY = selfIamArn('policy', 'pennsieve-boundary-ab12cd34');
const CROSS_ACCOUNT_ROLE = selfIamArn('role', 'Pennsieve-Compute-dev-ab12cd34');
const CHILD_ROLE = selfIamArn('role', 'pennsieve-processor-ab12cd34');

function req(action: string, resource: string, context: EvalRequest['context'] = {}): EvalRequest {
  return { action, resource, context };
}

describe('Pennsieve guarantees (What this means in practice)', () => {
  it('1. the cross-account role can create a role that carries the boundary', () => {
    const d = evaluatePolicies(
      catalog,
      [crossAccount],
      req('iam:CreateRole', CHILD_ROLE, { 'iam:PermissionsBoundary': NODE_BOUNDARY }),
    );
    assert.equal(d.outcome, 'Allowed');
    assert.equal(d.allows[0].statement.sid, 'AllowIAMRoleManagement');
    assert.equal(d.allows[0].actionItem && d.allows[0].actionItem.value.parts[0], 'iam:CreateRole');
  });

  it('1b. ... also when the boundary ARN is only known up to the deploying account and a node id', () => {
    const boundaryArn = pstr(
      'arn:{{partition}}:iam::{{account}}:policy/pennsieve-boundary-{{?var.node_id has no default}}',
    );
    const d = evaluatePolicies(
      catalog,
      [crossAccount],
      req('iam:CreateRole', CHILD_ROLE, { 'iam:PermissionsBoundary': boundaryArn }),
    );
    assert.equal(d.outcome, 'Allowed');
  });

  it('2. a child role (carrying the boundary) cannot create roles, even with iam:* in its own policy', () => {
    const child = policyDoc({ Statement: { Effect: 'Allow', Action: ['iam:*', 's3:GetObject'], Resource: '*' } });
    const d = evaluateEffective(
      catalog,
      [child],
      [boundary],
      req('iam:CreateRole', selfIamArn('role', 'escape'), { 'iam:PermissionsBoundary': NODE_BOUNDARY }),
    );
    assert.equal(d.outcome, 'ImplicitlyDenied');
    assert.equal(
      evaluateEffective(catalog, [child], [boundary], req('s3:GetObject', 'arn:aws:s3:::pennsieve-x/k')).outcome,
      'Allowed',
    );
  });

  it('3. creating a role without the boundary (or with another one) is blocked', () => {
    for (const pb of [null, selfIamArn('policy', 'AdministratorAccess'), 'arn:aws:iam::aws:policy/PowerUserAccess']) {
      const d = evaluatePolicies(
        catalog,
        [crossAccount],
        req('iam:CreateRole', CHILD_ROLE, { 'iam:PermissionsBoundary': pb }),
      );
      assert.equal(d.outcome, 'ExplicitlyDenied', String(pb));
      assert.equal(d.denies[0].statement.sid, 'DenyCreateRoleWithoutBoundary');
    }
    // A key the request does not list is absent in a normal request.
    assert.equal(
      evaluatePolicies(catalog, [crossAccount], req('iam:CreateRole', CHILD_ROLE)).outcome,
      'ExplicitlyDenied',
    );
  });

  it('4. removing a boundary is blocked, for the cross-account role and for child roles', () => {
    const d = evaluatePolicies(catalog, [crossAccount], req('iam:DeleteRolePermissionsBoundary', CHILD_ROLE));
    assert.equal(d.outcome, 'ExplicitlyDenied');
    assert.equal(d.denies[0].statement.sid, 'DenyBoundaryStripping');
    const child = policyDoc({ Statement: { Effect: 'Allow', Action: '*', Resource: '*' } });
    assert.equal(
      evaluateEffective(catalog, [child], [boundary], req('iam:DeleteRolePermissionsBoundary', CHILD_ROLE)).outcome,
      'ImplicitlyDenied',
    );
  });

  it('5. the cross-account role cannot modify itself, but can manage other roles', () => {
    for (const action of [
      'iam:PutRolePolicy',
      'iam:AttachRolePolicy',
      'iam:DetachRolePolicy',
      'iam:DeleteRolePolicy',
      'iam:UpdateAssumeRolePolicy',
      'iam:UpdateRole',
      'iam:PutRolePermissionsBoundary',
    ]) {
      const d = evaluatePolicies(catalog, [crossAccount], req(action, CROSS_ACCOUNT_ROLE));
      assert.equal(d.outcome, 'ExplicitlyDenied', action);
    }
    assert.equal(evaluatePolicies(catalog, [crossAccount], req('iam:PutRolePolicy', CHILD_ROLE)).outcome, 'Allowed');
    // The role's own ARN built from symbols binds to the same stand-ins.
    const own = pstr('arn:{{partition}}:iam::{{account}}:role/Pennsieve-Compute-{{?env}}-{{?suffix}}');
    assert.equal(
      evaluatePolicies(catalog, [crossAccount], { action: 'iam:AttachRolePolicy', resource: own }).outcome,
      'ExplicitlyDenied',
    );
  });
});
