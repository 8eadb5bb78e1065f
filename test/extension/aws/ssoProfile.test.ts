// Registering and auditing through an AWS CLI profile that signs in with IAM Identity Center
// (SSO), as the extension reads it (credentialsFor → fromIni): an sso-session profile and a legacy
// one (sso_start_url on the profile), the token cached by `aws sso login` under a temporary HOME,
// and the SSO portal's GetRoleCredentials answered by a loopback stand-in (moto has no `sso`
// service) reached through AWS_ENDPOINT_URL_SSO. The credentials it hands out are moto's, for the
// permission set's role in the target account, where a role is created, checked by the language
// server, registered with the sandbox, verified and audited. An expired sign-in gets a message
// naming `aws sso login --profile …`; nothing is written under HOME.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CreateRoleCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { AuditRoleRequest } from '../../../shared/protocol';
import { CheckExistingRoleRequest } from '../../../shared/roleProtocol';
import { liveRoleDocument } from '../../../extension/src/audit/roleDocuments';
import { createIamClient, createStsClient, credentialsFor, targetFor } from '../../../extension/src/aws/awsClients';
import { describeAwsError } from '../../../extension/src/aws/awsErrors';
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
import { startSsoPortal, writeSsoToken, type SsoPortal } from '../support/ssoPortal';
import { withSsoHome, SSO } from '../support/ssoHome';

describe('an IAM Identity Center (SSO) profile, against moto and a stand-in SSO portal', () => {
  let moto: MotoServer;
  let backend: TestBackend;
  let lsp: LspClient;
  let portal: SsoPortal;
  let home: { dir: string; restore(): void };
  const settingsOf = (profile: string) => ({ profile, region: 'us-east-1', endpoint: moto.endpoint });
  const targetOf = (profile: string) => targetFor(settingsOf(profile), credentialsFor(settingsOf(profile)));
  /** Every file under the temporary HOME, to show that nothing is written there. */
  const filesUnderHome = () =>
    (readdirSync(home.dir, { recursive: true }) as string[])
      .filter((rel) => statSync(join(home.dir, rel)).isFile())
      .map((rel) => `${rel} ${readFileSync(join(home.dir, rel), 'utf8').length}`)
      .sort();

  before(async () => {
    lsp = LspClient.start();
    await lsp.initialize(null);
    moto = await startTestMoto();
    backend = await startTestBackend();
    portal = await startSsoPortal({
      accessToken: SSO.accessToken,
      assignments: [{ accountId: SSO.targetAccount, roleName: SSO.roleName }],
      motoEndpoint: moto.endpoint,
    });
    home = withSsoHome(portal.endpoint);
  });
  after(async () => {
    assert.equal(await lsp?.stop(), 0, lsp?.stderr.join(''));
    home?.restore();
    await portal?.stop();
    await backend?.close();
    await moto?.stop();
  });

  it('an sso-session profile and a legacy one both become the permission set’s role in the target account', async () => {
    for (const profile of [SSO.profile, SSO.legacyProfile]) {
      const who = await fetchCallerIdentity(createStsClient(targetOf(profile)));
      assert.equal(who.account, SSO.targetAccount, profile);
      assert.match(
        who.arn,
        new RegExp(`^arn:aws:sts::${SSO.targetAccount}:assumed-role/AWSReservedSSO_${SSO.roleName}_`),
      );
    }
    assert.deepEqual(
      portal.calls.map((c) => `${c.accountId}/${c.roleName}`),
      [`${SSO.targetAccount}/${SSO.roleName}`, `${SSO.targetAccount}/${SSO.roleName}`],
    );
  });

  it('registers, verifies and audits a role in the target account through the SSO profile', async () => {
    const written = filesUnderHome();
    const t = targetOf(SSO.profile);
    const [iam, sts] = [createIamClient(t), createStsClient(t)];
    const api = apiFor(backend.url, tokenOf('acctOwner'));
    const policy = await api.accounts.fetchRolePolicy();
    const externalId = generateExternalId();
    const trust = withExternalId(policy.trustPolicyDocument, externalId);
    await iam.send(
      new CreateRoleCommand({
        RoleName: policy.roleName,
        AssumeRolePolicyDocument: JSON.stringify(trust),
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
    assert.equal(live.arn, roleArnOf(SSO.targetAccount, policy.roleName), 'the role is in the target account');
    const uri = `pennsieve-live:/${SSO.targetAccount}/${policy.roleName}.json`;
    const checked = await lsp.connection.sendRequest(
      CheckExistingRoleRequest.type,
      existingRoleParams(uri, live, policy, externalId),
    );
    assert.deepEqual(checked.reasons, []);
    await api.accounts.createAccount({ accountId: SSO.targetAccount, roleName: policy.roleName, externalId });
    const verified = await verifyCrossAccountRole(
      sts,
      (c) => createStsClient(targetFor(settingsOf(''), c)),
      live.arn,
      externalId,
    );
    assert.match(
      verified.identity.arn,
      new RegExp(`^arn:aws:sts::${SSO.targetAccount}:assumed-role/${policy.roleName}/`),
    );
    const audit = await lsp.connection.sendRequest(AuditRoleRequest.type, {
      uri,
      text: liveRoleDocument(await fetchLiveRole(iam, policy.roleName)),
    });
    assert.deepEqual(
      audit.live.findings.map((f) => f.ruleId),
      [],
    );
    assert.deepEqual(filesUnderHome(), written, 'no token or credentials written under HOME');
    iam.destroy();
    sts.destroy();
  });

  it('an expired or missing SSO sign-in says to run aws sso login for that profile', async () => {
    for (const profile of [SSO.expiredProfile, SSO.signedOutProfile]) {
      const err = await fetchCallerIdentity(createStsClient(targetOf(profile))).then(
        () => assert.fail(`${profile} got credentials`),
        (e: unknown) => e,
      );
      assert.match(
        describeAwsError(err, profile),
        new RegExp(
          `^The IAM Identity Center \\(SSO\\) sign-in of profile "${profile}" has expired or is missing: run "aws sso login --profile ${profile}", then try again`,
        ),
      );
      assert.ok(!describeAwsError(err, profile).includes(SSO.accessToken), 'the token is not in the message');
    }
  });

  it('a token the portal does not accept is refused there, and names the profile', async () => {
    writeSsoToken(home.dir, SSO.rogueSession, {
      accessToken: 'not-the-portal-token',
      expiresAt: new Date(Date.now() + 3_600_000),
      startUrl: SSO.startUrl,
      region: 'us-east-1',
    });
    const err = await fetchCallerIdentity(createStsClient(targetOf(SSO.rogueProfile))).then(
      () => assert.fail('a token the portal refuses got credentials'),
      (e: unknown) => e,
    );
    assert.match(describeAwsError(err, SSO.rogueProfile), /profile "corp-rogue".*Session token not found or invalid/);
  });
});
