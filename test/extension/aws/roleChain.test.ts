// Role chaining across two emulated accounts on moto (identity account -> target account): an AWS
// profile with source_profile + role_arn + external_id (+ mfa_serial) is read through fromIni as
// the extension does. The chained credentials act in the target account (moto links assumed-role
// credentials to the role's account), where a role is created, checked by the language server,
// registered with the sandbox, verified and audited.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateRoleCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { AuditRoleRequest } from '../../../shared/protocol';
import { CheckExistingRoleRequest } from '../../../shared/roleProtocol';
import { liveRoleDocument } from '../../../extension/src/audit/roleDocuments';
import { createIamClient, createStsClient, credentialsFor, targetFor } from '../../../extension/src/aws/awsClients';
import { fetchLiveRole } from '../../../extension/src/aws/crossAccountRole';
import { fetchCallerIdentity, roleArnOf, verifyCrossAccountRole } from '../../../extension/src/aws/identity';
import { inlinePolicyName } from '../../../extension/src/aws/roleSpec';
import { generateExternalId, withExternalId } from '../../../extension/src/aws/trustPolicy';
import { existingRoleParams } from '../../../extension/src/roles/existingRole';
import type { MotoServer } from '../../../backend/src/sandbox/moto';
import { startTestBackend, type TestBackend } from '../../../scripts/harness/backend/backend';
import { tokenOf } from '../../../scripts/harness/backend/identities';
import { startTestMoto } from '../../backend/support/moto';
import { LspClient } from '../../../scripts/harness/lspClient';
import { apiFor } from '../support/sandboxClient';

const IDENTITY_ACCOUNT = '123456789012';
const TARGET_ACCOUNT = '210987654321';
const TEAM_ROLE = `arn:aws:iam::${TARGET_ACCOUNT}:role/acme-plat-gbl-prod-terraform`;

/** Throwaway AWS config files with an identity profile and two chained profiles into the target account. */
function chainProfiles(): { dir: string; restore(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'aws-chain-'));
  writeFileSync(
    join(dir, 'credentials'),
    '[identity]\naws_access_key_id = AKIAIDENTITYCHAIN001\naws_secret_access_key = moto-secret\n',
  );
  writeFileSync(
    join(dir, 'config'),
    [
      '[profile identity]',
      'region = us-east-1',
      '',
      '[profile target]',
      `role_arn = ${TEAM_ROLE}`,
      'source_profile = identity',
      'external_id = chain-external-id',
      'region = us-east-1',
      '',
      '[profile target-mfa]',
      `role_arn = ${TEAM_ROLE}`,
      'source_profile = identity',
      `mfa_serial = arn:aws:iam::${IDENTITY_ACCOUNT}:mfa/alice`,
      'region = us-east-1',
      '',
    ].join('\n'),
  );
  const saved = { c: process.env.AWS_CONFIG_FILE, s: process.env.AWS_SHARED_CREDENTIALS_FILE };
  process.env.AWS_CONFIG_FILE = join(dir, 'config');
  process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'credentials');
  return {
    dir,
    restore() {
      for (const [k, v] of [
        ['AWS_CONFIG_FILE', saved.c],
        ['AWS_SHARED_CREDENTIALS_FILE', saved.s],
      ] as const) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe('role chaining across two moto accounts (identity -> target)', () => {
  let moto: MotoServer;
  let backend: TestBackend;
  let lsp: LspClient;
  let files: { restore(): void };
  const settingsOf = (profile: string) => ({ profile, region: 'us-east-1', endpoint: moto.endpoint });
  const targetOf = (profile: string, mfa?: (serial: string) => Promise<string>) =>
    targetFor(settingsOf(profile), credentialsFor(settingsOf(profile), mfa));

  before(async () => {
    lsp = LspClient.start();
    await lsp.initialize(null);
    moto = await startTestMoto();
    backend = await startTestBackend();
    files = chainProfiles();
  });
  after(async () => {
    assert.equal(await lsp?.stop(), 0, lsp?.stderr.join(''));
    files?.restore();
    await backend?.close();
    await moto?.stop();
  });

  it('the identity profile is in the identity account; the chained one becomes the team role in the target account', async () => {
    const identity = await fetchCallerIdentity(createStsClient(targetOf('identity')));
    assert.equal(identity.account, IDENTITY_ACCOUNT);
    const chained = await fetchCallerIdentity(createStsClient(targetOf('target')));
    assert.equal(chained.account, TARGET_ACCOUNT);
    assert.match(chained.arn, /^arn:aws:sts::210987654321:assumed-role\/acme-plat-gbl-prod-terraform\//);
  });

  it('asks for the MFA code of a profile with mfa_serial, naming the device', async () => {
    const asked: string[] = [];
    const who = await fetchCallerIdentity(
      createStsClient(targetOf('target-mfa', async (serial) => (asked.push(serial), '123456'))),
    );
    assert.deepEqual(asked, [`arn:aws:iam::${IDENTITY_ACCOUNT}:mfa/alice`]);
    assert.equal(who.account, TARGET_ACCOUNT);
  });

  it('registers, verifies and audits a role in the target account through the chain', async () => {
    const t = targetOf('target');
    const iam = createIamClient(t);
    const sts = createStsClient(t);
    const api = apiFor(backend.url, tokenOf('acctOwner'));
    const policy = await api.accounts.fetchRolePolicy();
    const externalId = generateExternalId();
    await iam.send(
      new CreateRoleCommand({
        RoleName: policy.roleName,
        AssumeRolePolicyDocument: JSON.stringify(withExternalId(policy.trustPolicyDocument, externalId)),
        MaxSessionDuration: 7200,
      }),
    );
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: policy.roleName,
        PolicyName: inlinePolicyName(policy.roleName),
        PolicyDocument: JSON.stringify(policy.policyDocument),
      }),
    );
    const live = await fetchLiveRole(iam, policy.roleName);
    assert.equal(live.arn, roleArnOf(TARGET_ACCOUNT, policy.roleName), 'the role was created in the target account');

    const uri = `pennsieve-live:/${TARGET_ACCOUNT}/${policy.roleName}.json`;
    const checked = await lsp.connection.sendRequest(
      CheckExistingRoleRequest.type,
      existingRoleParams(uri, live, policy, externalId),
    );
    assert.deepEqual(checked.reasons, []);
    await api.accounts.createAccount({ accountId: TARGET_ACCOUNT, roleName: policy.roleName, externalId });
    const verified = await verifyCrossAccountRole(
      sts,
      (c) => createStsClient(targetFor(settingsOf(''), c)),
      live.arn,
      externalId,
    );
    assert.match(verified.identity.arn, new RegExp(`^arn:aws:sts::${TARGET_ACCOUNT}:assumed-role/${policy.roleName}/`));
    const audit = await lsp.connection.sendRequest(AuditRoleRequest.type, { uri, text: liveRoleDocument(live) });
    assert.deepEqual(
      audit.live.findings.map((f) => f.ruleId),
      [],
    );
  });
});
