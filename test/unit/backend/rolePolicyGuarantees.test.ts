// The sandbox's /role-policy template must come out of the guarantee engine with zero findings,
// and each of its deny guarantees must be load-bearing: removing one makes the engine object.

import { strict as assert } from 'node:assert';
import { roleTemplate, type RoleTemplate } from '../../../backend/src/provisioner/rolePolicy';
import { createEngine } from '../../../server/src/engine/createEngine';
import { loadProfile } from '../../../server/src/engine/loadProfile';

const engine = createEngine();
const profile = loadProfile('pennsieve', process.cwd());

function check(template: RoleTemplate) {
  const path = '/virtual/role-template.json';
  const { findings } = engine.check([{ id: path, path, text: JSON.stringify(template, null, 2) }], profile);
  return findings.map((f) => `${f.ruleId} ${f.severity} ${f.message}`);
}

function without(template: RoleTemplate, sidPattern: RegExp): RoleTemplate {
  const statements = template.policyDocument.Statement.filter((s) => !sidPattern.test(s.Sid));
  assert.ok(statements.length < template.policyDocument.Statement.length, `no statement matches ${sidPattern}`);
  return { ...template, policyDocument: { ...template.policyDocument, Statement: statements } };
}

describe('sandbox /role-policy template against the guarantee engine', () => {
  const template = roleTemplate({ environment: 'sandbox', provisionerAccountId: '123456789012' });

  it('has zero findings of any severity', () => {
    assert.deepEqual(check(template), []);
  });

  it("forces the boundary twice: by the allow's condition and by a deny; PG301 fires only without both", () => {
    const denySids = template.policyDocument.Statement.filter(
      (s) => s.Effect === 'Deny' && [s.Action].flat().includes('iam:CreateRole'),
    ).map((s) => s.Sid);
    assert.ok(denySids.length > 0, 'the template denies unbounded CreateRole');
    const noDeny = without(template, new RegExp(`^(${denySids.join('|')})$`));
    assert.deepEqual(
      check(noDeny).filter((f) => f.startsWith('PG301')),
      [],
      'the allow alone still forces the boundary',
    );
    const unconditioned = {
      ...noDeny,
      policyDocument: {
        ...noDeny.policyDocument,
        Statement: noDeny.policyDocument.Statement.map((s) =>
          [s.Action].flat().includes('iam:CreateRole') && s.Effect === 'Allow' ? { ...s, Condition: undefined } : s,
        ),
      },
    };
    const ids = check(unconditioned as RoleTemplate);
    assert.ok(
      ids.some((f) => f.startsWith('PG301 error')),
      ids.join('\n'),
    );
  });

  it('fires PG302 without the boundary-removal deny', () => {
    const sids = template.policyDocument.Statement.filter(
      (s) => s.Effect === 'Deny' && [s.Action].flat().includes('iam:DeleteRolePermissionsBoundary'),
    ).map((s) => s.Sid);
    assert.ok(sids.length > 0, 'the template denies boundary removal');
    const ids = check(without(template, new RegExp(`^(${sids.join('|')})$`)));
    assert.ok(
      ids.some((f) => f.startsWith('PG302 error')),
      ids.join('\n'),
    );
  });

  it('fires PG303 without the self-modification deny', () => {
    const sids = template.policyDocument.Statement.filter(
      (s) => s.Effect === 'Deny' && [s.Resource].flat().some((r) => String(r).includes('Pennsieve-Compute-')),
    ).map((s) => s.Sid);
    assert.ok(sids.length > 0, 'the template denies self-modification');
    const ids = check(without(template, new RegExp(`^(${sids.join('|')})$`)));
    assert.ok(
      ids.some((f) => f.startsWith('PG303 error')),
      ids.join('\n'),
    );
  });

  it('fires PG102 when the external ID condition is dropped', () => {
    const trust = {
      ...template.trustPolicyDocument,
      Statement: template.trustPolicyDocument.Statement.map(({ Condition: _c, ...s }) => s),
    };
    const ids = check({ ...template, trustPolicyDocument: trust as RoleTemplate['trustPolicyDocument'] });
    assert.ok(
      ids.some((f) => f.startsWith('PG102 error')),
      ids.join('\n'),
    );
  });
});
