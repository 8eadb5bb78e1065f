import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { roleTemplate } from '../../../../backend/src/provisioner/rolePolicy';
import { auditRoleDocument, liveRoleDocument, type GuardEngine } from '../../../../extension/src/audit/roleAudit';
import { createEngine } from '../../../../server/src/engine/createEngine';
import { loadProfile } from '../../../../server/src/engine/loadProfile';
import type { LiveRole } from '../../../../extension/src/aws/crossAccountRole';

function liveFromTemplate(): LiveRole {
  const t = roleTemplate({ environment: 'sandbox', provisionerAccountId: '123456789012' });
  return {
    roleName: t.roleName,
    arn: `arn:aws:iam::111122223333:role/${t.roleName}`,
    maxSessionDuration: 7200,
    trustPolicy: t.trustPolicyDocument as unknown as Record<string, unknown>,
    inline: [{ name: `POLICY-${t.roleName}`, document: t.policyDocument as unknown as Record<string, unknown> }],
    attached: [],
  };
}

const engine: GuardEngine = { createEngine, loadProfile };
const doc = (text: string) => ({ id: 'pennsieve-live:/111122223333/role.json', path: '/pennsieve-live/111122223333/role.json', text });

describe('extension audit/roleAudit', () => {
  it('renders the live role as a role template with every identity policy merged', () => {
    const live = liveFromTemplate();
    const admin = { name: 'AdministratorAccess', arn: 'arn:aws:iam::aws:policy/AdministratorAccess', document: { Statement: { Effect: 'Allow', Action: '*', Resource: '*' } } };
    const parsed = JSON.parse(liveRoleDocument({ ...live, attached: [admin] }));
    assert.equal(parsed.roleName, live.roleName);
    assert.equal(parsed.policyDocument.Statement.at(-1).Action, '*');
    assert.equal(parsed.policyDocument.Statement.length, (live.inline[0]!.document.Statement as unknown[]).length + 1);
    assert.deepEqual(parsed.sources, { inlinePolicies: [`POLICY-${live.roleName}`], attachedPolicies: [admin.arn] });
  });

  it('shows the external ID masked, never in full', () => {
    const live = liveFromTemplate();
    const id = JSON.stringify(live.trustPolicy).match(/"sts:ExternalId":"([^"]+)"/)![1]!;
    const text = liveRoleDocument(live);
    assert.ok(!text.includes(id));
    assert.ok(text.includes(`"sts:ExternalId": "${id.slice(0, 4)}…${id.slice(-4)}"`));
  });

  it('finds nothing wrong with a role deployed as the template says', async () => {
    const result = auditRoleDocument(engine, doc(liveRoleDocument(liveFromTemplate())), 'pennsieve', tmpdir());
    assert.deepEqual(result.findings.map((f) => `${f.ruleId}: ${f.message}`), []);
    assert.equal(result.profile, 'builtin:pennsieve');
  });

  it('flags a role weakened after deployment, at the offending text', async () => {
    const live = liveFromTemplate();
    const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '444455556666' }, Action: 'sts:AssumeRole' }] };
    const admin = { name: 'AdministratorAccess', arn: 'arn:aws:iam::aws:policy/AdministratorAccess', document: { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } };
    const text = liveRoleDocument({ ...live, trustPolicy: trust, maxSessionDuration: 43200, attached: [admin] });
    const result = auditRoleDocument(engine, doc(text), 'pennsieve', tmpdir());
    const ids = new Set(result.findings.map((f) => f.ruleId));
    for (const id of ['PG102', 'PG104', 'PG402']) assert.ok(ids.has(id), `expected ${id} in ${[...ids].join(', ')}`);
    const session = result.findings.find((f) => f.ruleId === 'PG104')!;
    assert.equal(text.slice(session.start, session.end), '43200');
  });
});
