import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { roleTemplate } from '../../../../backend/src/provisioner/rolePolicy';
import { createEngine } from '../../../../server/src/engine/createEngine';
import { loadProfile } from '../../../../server/src/engine/loadProfile';
import { parseHcl } from '../../../../server/src/parse/hcl/parser';
import type { RolePolicy } from '../../../../extension/src/api/accounts';
import { hclString, toHcl } from '../../../../extension/src/templates/hcl';
import { toCloudFormation, toTerraform } from '../../../../extension/src/templates/roleTemplate';
import { toYaml } from '../../../../extension/src/templates/yaml';

/** The sandbox's /role-policy answer: it carries a real external ID that must never be exported. */
function sandboxTemplate(): RolePolicy {
  return roleTemplate({ environment: 'sandbox', provisionerAccountId: '123456789012' }) as unknown as RolePolicy;
}

function check(file: string, text: string) {
  const dir = mkdtempSync(join(tmpdir(), 'export-'));
  const path = join(dir, file);
  return createEngine().check([{ id: path, path, text }], loadProfile('pennsieve', dir));
}

describe('extension templates', () => {
  it('writes YAML that parses back to the same data, quoting every string', () => {
    const data = {
      a: 'yes',
      b: ['1', 2, true, null],
      'c:d': { e: [], f: {}, g: [{ h: 'x', i: ['y'] }] },
      'Fn::GetAtt': ['R', 'Arn'],
    };
    assert.deepEqual(parse(toYaml(data)), data);
    assert.match(toYaml({ k: 'yes' }), /k: "yes"/);
  });

  it('writes HCL strings that interpolate nothing', () => {
    assert.equal(hclString('a"b\\c ${x} %{y}\n'), '"a\\"b\\\\c $${x} %%{y}\\n"');
    assert.equal(
      toHcl({ 'sts:ExternalId': 'x', Version: '1' }),
      '{\n  "sts:ExternalId" = "x"\n  Version          = "1"\n}',
    );
  });

  it('exports CloudFormation with an ExternalId parameter and never the external ID itself', () => {
    const policy = sandboxTemplate();
    const text = toCloudFormation(policy);
    assert.ok(policy.externalId && !text.includes(policy.externalId));
    const t = parse(text);
    const role = t.Resources.PennsieveComputeRole;
    assert.equal(role.Type, 'AWS::IAM::Role');
    assert.equal(role.Properties.RoleName, policy.roleName);
    assert.equal(role.Properties.MaxSessionDuration, 7200);
    assert.deepEqual(role.Properties.AssumeRolePolicyDocument.Statement[0].Condition.StringEquals['sts:ExternalId'], {
      Ref: 'ExternalId',
    });
    assert.equal(role.Properties.Policies[0].PolicyName, `POLICY-${policy.roleName}`);
    assert.deepEqual(role.Properties.Policies[0].PolicyDocument, policy.policyDocument);
    assert.equal(t.Parameters.ExternalId.NoEcho, true);
  });

  it('exports Terraform with a sensitive external_id variable and never the external ID itself', () => {
    const policy = sandboxTemplate();
    const text = toTerraform(policy);
    assert.ok(!text.includes(policy.externalId!));
    assert.match(text, /"sts:ExternalId" = var\.external_id/);
    assert.match(text, /sensitive\s+= true/);
    assert.deepEqual(parseHcl(text).problems, []);
  });

  it('exports templates that keep every guarantee of the pennsieve profile', () => {
    const policy = sandboxTemplate();
    for (const [file, text] of [
      ['role.yaml', toCloudFormation(policy)],
      ['main.tf', toTerraform(policy)],
    ] as const) {
      const result = check(file, text);
      assert.deepEqual(result.failures, []);
      assert.deepEqual(
        result.findings.map((f) => `${f.ruleId}: ${f.message}`),
        [],
        `${file} has findings`,
      );
    }
  });

  it('the guarantee engine does flag the production template without an external ID condition', () => {
    const policy = sandboxTemplate();
    const trust = structuredClone(policy.trustPolicyDocument) as { Statement: Record<string, unknown>[] };
    delete trust.Statement[0]!.Condition;
    const json = JSON.stringify({
      roleName: policy.roleName,
      trustPolicyDocument: trust,
      policyDocument: policy.policyDocument,
    });
    assert.ok(check('role-template.json', json).findings.some((f) => f.ruleId === 'PG102'));
  });
});
