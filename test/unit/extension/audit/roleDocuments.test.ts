import assert from 'node:assert/strict';
import { roleTemplate } from '../../../../backend/src/provisioner/rolePolicy';
import { liveRoleDocument, registeredTemplateDocument } from '../../../../extension/src/audit/roleDocuments';
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

describe('extension audit/roleDocuments', () => {
  it('renders the live role as a role template with every identity policy merged', () => {
    const live = liveFromTemplate();
    const admin = {
      name: 'AdministratorAccess',
      arn: 'arn:aws:iam::aws:policy/AdministratorAccess',
      document: { Statement: { Effect: 'Allow', Action: '*', Resource: '*' } },
    };
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

  it('writes the template as the account registered it: its role name and its external ID, masked', () => {
    const t = roleTemplate({ environment: 'sandbox', provisionerAccountId: '123456789012' });
    const policy = JSON.parse(JSON.stringify(t));
    const externalId = 'abcdef0123456789abcdef0123456789';
    const text = registeredTemplateDocument(policy, { roleName: 'Pennsieve-Compute-sandbox-registered', externalId });
    const parsed = JSON.parse(text);
    assert.equal(parsed.roleName, 'Pennsieve-Compute-sandbox-registered');
    assert.equal(parsed.maxSessionDuration, 7200);
    assert.ok(!text.includes(externalId));
    assert.match(JSON.stringify(parsed.trustPolicyDocument), /"sts:ExternalId":"abcd…6789"/);
    assert.deepEqual(parsed.policyDocument, policy.policyDocument);
  });
});
