// The cross-account role in an emulated AWS account (moto): register (role + inline policy +
// POST /accounts against the sandbox), verify by AssumeRole with the external ID, audit the live
// role through the real language server (pennsieve/auditRole) before and after changing it in
// moto, and revoke (DELETE /accounts, then the role with everything attached).

import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AttachRolePolicyCommand,
  CreatePolicyCommand,
  DeleteRolePolicyCommand,
  GetRoleCommand,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { AuditRoleRequest, type AuditRoleResult } from '../../../shared/protocol';
import type { Account } from '../../../extension/src/api/accounts';
import { liveRoleDocument, registeredTemplateDocument } from '../../../extension/src/audit/roleDocuments';
import { createIamClient, createStsClient, credentialsFor, targetFor } from '../../../extension/src/aws/awsClients';
import { describeAwsError, isNoSuchEntity } from '../../../extension/src/aws/awsErrors';
import {
  createCrossAccountRole,
  deleteCrossAccountRole,
  fetchLiveRole,
} from '../../../extension/src/aws/crossAccountRole';
import { fetchCallerIdentity, roleArnOf, verifyCrossAccountRole } from '../../../extension/src/aws/identity';
import { externalIdOf, generateExternalId, withExternalId } from '../../../extension/src/aws/trustPolicy';
import type { MotoServer } from '../../../backend/src/sandbox/moto';
import { startTestBackend, type TestBackend } from '../../../scripts/harness/backend/backend';
import { tokenOf } from '../../../scripts/harness/backend/identities';
import { startTestMoto } from '../../backend/support/moto';
import { LspClient } from '../../../scripts/harness/lspClient';
import { apiFor } from '../support/sandboxClient';

/** A profile in throwaway AWS config files, read through fromIni as the extension does. */
function withProfileFiles(): { restore(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'aws-profile-'));
  writeFileSync(
    join(dir, 'credentials'),
    '[moto-user]\naws_access_key_id = AKIAMOTOMOTOMOTO1234\naws_secret_access_key = moto-secret\n',
  );
  writeFileSync(join(dir, 'config'), '[profile moto-user]\nregion = us-east-1\n');
  const saved = { c: process.env.AWS_CONFIG_FILE, s: process.env.AWS_SHARED_CREDENTIALS_FILE };
  process.env.AWS_CONFIG_FILE = join(dir, 'config');
  process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'credentials');
  return {
    restore() {
      for (const [k, v] of [
        ['AWS_CONFIG_FILE', saved.c],
        ['AWS_SHARED_CREDENTIALS_FILE', saved.s],
      ] as const) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    },
  };
}

describe('extension AWS calls against moto', () => {
  let moto: MotoServer;
  let backend: TestBackend;
  let profileFiles: { restore(): void };
  let target: ReturnType<typeof targetFor>;
  let lsp: LspClient;

  before(async () => {
    lsp = LspClient.start();
    await lsp.initialize(null);
    moto = await startTestMoto();
    backend = await startTestBackend();
    profileFiles = withProfileFiles();
    const settings = { profile: 'moto-user', region: 'us-east-1', endpoint: moto.endpoint };
    target = targetFor(settings, credentialsFor(settings));
  });
  after(async () => {
    assert.equal(await lsp?.stop(), 0, lsp?.stderr.join(''));
    profileFiles?.restore();
    await backend?.close();
    await moto?.stop();
  });

  const iam = () => createIamClient(target);
  const sts = () => createStsClient(target);

  it('registers: role from /role-policy with a fresh external ID, then POST /accounts with the caller’s account id', async () => {
    const api = apiFor(backend.url, tokenOf('acctOwner'));
    const policy = await api.accounts.fetchRolePolicy();
    const externalId = policy.externalId ?? generateExternalId();
    const trust = withExternalId(policy.trustPolicyDocument, externalId);
    const who = await fetchCallerIdentity(sts());
    assert.match(who.account, /^\d{12}$/);
    const created = await createCrossAccountRole(iam(), {
      roleName: policy.roleName,
      trustPolicy: trust,
      permissionPolicy: policy.policyDocument,
    });
    assert.equal(created.roleArn, roleArnOf(who.account, policy.roleName));
    const uuid = await api.accounts.createAccount({ accountId: who.account, roleName: policy.roleName, externalId });
    const [account] = await api.accounts.fetchAccounts();
    assert.deepEqual([account!.uuid, account!.roleName, account!.externalId], [uuid, policy.roleName, externalId]);

    const live = await fetchLiveRole(iam(), policy.roleName);
    assert.equal(live.maxSessionDuration, 7200);
    assert.equal(externalIdOf(live.trustPolicy), externalId);
    assert.deepEqual(
      live.inline.map((p) => p.name),
      [`POLICY-${policy.roleName}`],
    );
    assert.deepEqual(live.inline[0]!.document, policy.policyDocument);
  });

  it('verifies: AssumeRole with the external ID, then GetCallerIdentity as the role', async () => {
    const [account] = await apiFor(backend.url, tokenOf('acctOwner')).accounts.fetchAccounts();
    const arn = roleArnOf(account!.accountId, account!.roleName!);
    const result = await verifyCrossAccountRole(
      sts(),
      (c) => createStsClient(targetFor({ profile: '', region: 'us-east-1', endpoint: moto.endpoint }, c)),
      arn,
      account!.externalId,
    );
    assert.match(result.identity.arn, new RegExp(`:assumed-role/${account!.roleName}/pennsieve-vscode-verify-`));
    assert.ok(result.expiresAt && result.expiresAt.getTime() > Date.now());
  });

  // Mocha runs a suite's own tests before nested ones, and revoking comes after these: no nesting.
  {
    const WIDENING = 'widening';

    /** One audit as the command runs it: read the role from moto, send both documents, time the server. */
    async function audit(
      account: Account,
    ): Promise<{ result: AuditRoleResult; uri: string; text: string; ms: number }> {
      const api = apiFor(backend.url, tokenOf('acctOwner'));
      const [live, policy] = await Promise.all([
        fetchLiveRole(iam(), account.roleName!),
        api.accounts.fetchRolePolicy(),
      ]);
      const uri = `pennsieve-live:/${account.accountId}/${account.roleName}.json`;
      const text = liveRoleDocument(live);
      const published = lsp.waitForDiagnostics(uri);
      const started = performance.now();
      const result = await lsp.connection.sendRequest(AuditRoleRequest.type, {
        uri,
        text,
        template: registeredTemplateDocument(policy, account),
      });
      const ms = performance.now() - started;
      const diagnostics = (await published).diagnostics;
      assert.deepEqual(
        diagnostics.map((d) => d.code),
        result.live.findings.map((f) => f.ruleId),
        "the published diagnostics are this run's findings",
      );
      return { result, uri, text, ms };
    }

    it('finds nothing wrong with the role as registered, and no drift from the template', async () => {
      const [account] = await apiFor(backend.url, tokenOf('acctOwner')).accounts.fetchAccounts();
      const { result } = await audit(account!);
      assert.deepEqual(
        result.live.findings.map((f) => `${f.ruleId}: ${f.message}`),
        [],
      );
      assert.deepEqual(result.template?.findings, []);
      assert.deepEqual(result.drift, { services: [], trustedAdded: [], trustedRemoved: [] });
      assert.deepEqual(result.failedRules, []);
      assert.equal(result.profile, 'builtin:pennsieve');
      const verdicts = result.live.guarantees.flatMap((s) => s.guarantees);
      assert.ok(verdicts.length > 5, `the role's guarantees: ${JSON.stringify(result.live.guarantees)}`);
      assert.deepEqual(
        verdicts.filter((g) => g.verdict !== 'proved').map((g) => `${g.ruleId} ${g.verdict}: ${g.reason}`),
        [],
        'every guarantee proved',
      );
      assert.equal(result.live.guarantees[0]!.kind, 'crossAccount');
    });

    it('shows each run’s own verdict: PassRole and s3:* on * added, then removed', async () => {
      const [account] = await apiFor(backend.url, tokenOf('acctOwner')).accounts.fetchAccounts();
      const roleName = account!.roleName!;
      const widening = {
        Version: '2012-10-17',
        Statement: [{ Sid: 'Wide', Effect: 'Allow', Action: ['iam:PassRole', 's3:*'], Resource: '*' }],
      };
      await iam().send(
        new PutRolePolicyCommand({
          RoleName: roleName,
          PolicyName: WIDENING,
          PolicyDocument: JSON.stringify(widening),
        }),
      );
      const widened = await audit(account!);
      const ids = new Set(widened.result.live.findings.map((f) => f.ruleId));
      for (const id of ['PG502', 'PG503']) assert.ok(ids.has(id), `expected ${id} in ${[...ids].join(', ')}`);
      const passRole = widened.result.live.findings.find((f) => f.ruleId === 'PG503')!;
      const wideLine = widened.text.split('\n').findIndex((l) => l.includes('"Sid": "Wide"'));
      assert.ok(
        passRole.range.start.line >= wideLine - 1,
        `PG503 points into the added statement (line ${passRole.range.start.line + 1}, statement at ${wideLine + 1})`,
      );
      const passRoleVerdict = widened.result.live.guarantees
        .flatMap((s) => s.guarantees)
        .find((g) => g.ruleId === 'PG503')!;
      assert.equal(passRoleVerdict.verdict, 'counterexample');
      assert.equal(passRoleVerdict.counterexample?.action, 'iam:PassRole');
      assert.ok(
        widened.result.template!.guarantees.flatMap((s) => s.guarantees).every((g) => g.verdict === 'proved'),
        'the template side keeps its proofs',
      );
      const s3 = widened.result.drift!.services.find((s) => s.service === 's3')!;
      assert.ok(s3.allowsAdded.includes('s3:DeleteBucket'), 's3:* adds actions beyond the template');
      assert.deepEqual(widened.result.template?.findings, []);
      console.log(
        `      audit of a live role with 2 inline policies: ${widened.ms.toFixed(0)} ms in the language server`,
      );

      await iam().send(new DeleteRolePolicyCommand({ RoleName: roleName, PolicyName: WIDENING }));
      const narrowed = await audit(account!);
      assert.deepEqual(
        narrowed.result.live.findings.map((f) => f.ruleId),
        [],
        'the second run shows the role as it is now',
      );
      assert.ok(narrowed.result.live.guarantees.flatMap((s) => s.guarantees).every((g) => g.verdict === 'proved'));
      assert.deepEqual(narrowed.result.drift?.services, []);
    });
  }

  it('revokes: DELETE /accounts, then deletes inline and attached policies and the role, reporting each', async () => {
    const api = apiFor(backend.url, tokenOf('acctOwner'));
    const [account] = await api.accounts.fetchAccounts();
    const roleName = account!.roleName!;
    const extra = await iam().send(
      new CreatePolicyCommand({
        PolicyName: 'extra-read',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' }],
        }),
      }),
    );
    await iam().send(new AttachRolePolicyCommand({ RoleName: roleName, PolicyArn: extra.Policy!.Arn }));

    const deleted = await api.accounts.deleteAccount(account!.uuid);
    assert.equal(deleted.roleName, roleName);
    const removal = await deleteCrossAccountRole(iam(), roleName);
    assert.deepEqual(removal, {
      roleName,
      roleExisted: true,
      inlinePolicies: [`POLICY-${roleName}`],
      detachedPolicies: [extra.Policy!.Arn],
      instanceProfiles: [],
    });
    await assert.rejects(iam().send(new GetRoleCommand({ RoleName: roleName })), (err: unknown) => isNoSuchEntity(err));
    assert.deepEqual(await api.accounts.fetchAccounts(), []);
  });

  it('reports a role that is already gone instead of failing', async () => {
    const removal = await deleteCrossAccountRole(iam(), 'Pennsieve-Compute-sandbox-00000000');
    assert.equal(removal.roleExisted, false);
  });

  it('removes the role again when its inline policy cannot be written', async () => {
    const roleName = `Pennsieve-Compute-sandbox-${generateExternalId().slice(0, 8)}`;
    const trust = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: '123456789012' }, Action: 'sts:AssumeRole' }],
    };
    await assert.rejects(
      createCrossAccountRole(iam(), { roleName, trustPolicy: trust, permissionPolicy: { not: 'a policy' } }),
    );
    await assert.rejects(iam().send(new GetRoleCommand({ RoleName: roleName })), (err: unknown) => isNoSuchEntity(err));
  });

  it('names the profile when its credentials cannot be found', async () => {
    const settings = { profile: 'no-such-profile', region: 'us-east-1', endpoint: moto.endpoint };
    const err = await fetchCallerIdentity(createStsClient(targetFor(settings, credentialsFor(settings)))).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(err, 'a missing profile must fail');
    assert.match(describeAwsError(err, 'no-such-profile'), /profile "no-such-profile"/);
  });
});
