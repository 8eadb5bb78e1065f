// Register Existing Role and Update Role to Latest Template against moto, the sandbox and the real
// language server: a role a "security team" created from the template is read back, checked
// (pennsieve/checkExistingRole), registered (POST /accounts) and verified; a widened role and a
// wrong external ID are refused; a stale role shows its delta (pennsieve/roleUpdate), is brought
// to the template with IAM calls and then matches it.

import assert from 'node:assert/strict';
import { CreateRoleCommand, DeleteRolePolicyCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { CheckExistingRoleRequest, RoleUpdateRequest } from '../../../shared/roleProtocol';
import type { RolePolicy } from '../../../extension/src/api/accounts';
import { createIamClient, createStsClient, targetFor } from '../../../extension/src/aws/awsClients';
import { deleteCrossAccountRole, fetchLiveRole } from '../../../extension/src/aws/crossAccountRole';
import { fetchCallerIdentity, roleArnOf, verifyCrossAccountRole } from '../../../extension/src/aws/identity';
import { applyRoleUpdate, plannedSteps } from '../../../extension/src/aws/roleUpdate';
import { inlinePolicyName } from '../../../extension/src/aws/roleSpec';
import { generateExternalId, withExternalId } from '../../../extension/src/aws/trustPolicy';
import {
  existingRoleParams,
  firstCounterexample,
  parseRoleArn,
  type RoleArn,
} from '../../../extension/src/roles/existingRole';
import { describeUpdate, roleUpdateParams } from '../../../extension/src/roles/roleUpdate';
import type { MotoServer } from '../../../backend/src/sandbox/moto';
import { startTestBackend, type TestBackend } from '../../../scripts/harness/backend/backend';
import { tokenOf } from '../../../scripts/harness/backend/identities';
import { startTestMoto } from '../../backend/support/moto';
import { LspClient } from '../../../scripts/harness/lspClient';
import { apiFor } from '../support/sandboxClient';

describe('existing and stale roles against moto, the sandbox and the language server', () => {
  let moto: MotoServer;
  let backend: TestBackend;
  let lsp: LspClient;
  let target: ReturnType<typeof targetFor>;
  const iam = () => createIamClient(target);
  const sts = () => createStsClient(target);
  const api = () => apiFor(backend.url, tokenOf('acctOwner'));

  before(async () => {
    lsp = LspClient.start();
    await lsp.initialize(null);
    moto = await startTestMoto();
    backend = await startTestBackend();
    target = targetFor(
      { profile: '', region: 'us-east-1', endpoint: moto.endpoint },
      { accessKeyId: 'AKIAMOTOEXISTING0001', secretAccessKey: 'moto-secret' },
    );
  });
  after(async () => {
    assert.equal(await lsp?.stop(), 0, lsp?.stderr.join(''));
    await backend?.close();
    await moto?.stop();
  });

  /** What a security team does with the exported template: the role, its inline policy, their own external ID. */
  async function applyTemplate(
    policy: RolePolicy,
    roleName: string,
    externalId: string,
    extra?: object,
  ): Promise<RoleArn> {
    const res = await iam().send(
      new CreateRoleCommand({
        RoleName: roleName,
        AssumeRolePolicyDocument: JSON.stringify(withExternalId(policy.trustPolicyDocument, externalId)),
        MaxSessionDuration: 7200,
      }),
    );
    await iam().send(
      new PutRolePolicyCommand({
        RoleName: roleName,
        PolicyName: inlinePolicyName(roleName),
        PolicyDocument: JSON.stringify(policy.policyDocument),
      }),
    );
    if (extra)
      await iam().send(
        new PutRolePolicyCommand({ RoleName: roleName, PolicyName: 'extra', PolicyDocument: JSON.stringify(extra) }),
      );
    return parseRoleArn(res.Role!.Arn!) as RoleArn;
  }

  async function check(arn: RoleArn, policy: RolePolicy, entered: string) {
    const live = await fetchLiveRole(iam(), arn.roleName);
    return lsp.connection.sendRequest(
      CheckExistingRoleRequest.type,
      existingRoleParams(`pennsieve-live:/${arn.accountId}/${arn.roleName}.json`, live, policy, entered),
    );
  }

  it('refuses a role that allows more than the template, with the counterexample', async () => {
    const policy = await api().accounts.fetchRolePolicy();
    const wide = {
      Version: '2012-10-17',
      Statement: [{ Sid: 'Wide', Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }],
    };
    const arn = await applyTemplate(policy, `${policy.roleName}-wide`, 'team-chosen-id-0001', wide);
    const result = await check(arn, policy, 'team-chosen-id-0001');
    assert.equal(result.accepted, false);
    assert.equal(result.principal.ok, true, result.principal.detail);
    assert.equal(result.externalId.ok, true, result.externalId.detail);
    assert.match(
      firstCounterexample(result) ?? '',
      /^PG\d{3} .*: arn:aws:iam::\d{12}:role\/\S+-wide can call iam:PassRole on arn:aws:iam::/,
    );
    await deleteCrossAccountRole(iam(), arn.roleName);
  });

  it('refuses an external ID other than the one entered, and never sends the ID', async () => {
    const policy = await api().accounts.fetchRolePolicy();
    const arn = await applyTemplate(policy, `${policy.roleName}-other`, 'team-chosen-id-0002');
    const live = await fetchLiveRole(iam(), arn.roleName);
    const params = existingRoleParams('pennsieve-live:/x/y.json', live, policy, 'a-different-id');
    assert.equal(
      `${params.text}${params.template}`.includes('team-chosen-id-0002'),
      false,
      'the external ID stays in the extension',
    );
    const result = await check(arn, policy, 'a-different-id');
    assert.equal(result.accepted, false);
    assert.deepEqual(result.externalId.ok, false);
    assert.ok(result.reasons.includes(result.externalId.detail));
    await deleteCrossAccountRole(iam(), arn.roleName);
  });

  it('accepts the role as the template made it, registers it and verifies it (ARN to verified timed)', async () => {
    const policy = await api().accounts.fetchRolePolicy();
    const externalId = generateExternalId();
    const arn = await applyTemplate(policy, policy.roleName, externalId);
    const started = performance.now();
    const who = await fetchCallerIdentity(sts());
    assert.equal(who.account, arn.accountId);
    const result = await check(arn, policy, externalId);
    assert.deepEqual(result.reasons, []);
    assert.equal(result.accepted, true);
    assert.ok(result.audit.live.guarantees.flatMap((s) => s.guarantees).length > 5);
    const uuid = await api().accounts.createAccount({ accountId: arn.accountId, roleName: arn.roleName, externalId });
    const verified = await verifyCrossAccountRole(
      sts(),
      (c) => createStsClient(targetFor({ profile: '', region: 'us-east-1', endpoint: moto.endpoint }, c)),
      roleArnOf(arn.accountId, arn.roleName),
      externalId,
    );
    const ms = performance.now() - started;
    assert.match(verified.identity.arn, new RegExp(`:assumed-role/${arn.roleName}/`));
    const [account] = await api().accounts.fetchAccounts();
    assert.deepEqual([account!.uuid, account!.roleName, account!.externalId], [uuid, arn.roleName, externalId]);
    console.log(
      `      Register Existing Role, ARN to verified: ${ms.toFixed(0)} ms (see npm run bench for the figure)`,
    );
  });

  it('shows a stale role’s delta per service with verdicts before and after, applies it, then matches', async () => {
    const policy = await api().accounts.fetchRolePolicy();
    const [account] = await api().accounts.fetchAccounts();
    const roleName = account!.roleName!;
    const stale = {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'Old',
          Effect: 'Allow',
          Action: ['s3:GetObject', 'iam:PassRole'],
          Resource: ['arn:aws:s3:::legacy-bucket/*', '*'],
        },
      ],
    };
    await iam().send(
      new PutRolePolicyCommand({
        RoleName: roleName,
        PolicyName: inlinePolicyName(roleName),
        PolicyDocument: JSON.stringify(stale),
      }),
    );
    const ask = async () =>
      lsp.connection.sendRequest(
        RoleUpdateRequest.type,
        roleUpdateParams(
          `pennsieve-live:/${account!.accountId}/${roleName}.json`,
          await fetchLiveRole(iam(), roleName),
          policy,
          account!,
        ),
      );
    const before = await ask();
    assert.equal(before.differs, true);
    const iamDelta = before.services.find((s) => s.service === 'iam')!;
    assert.ok(iamDelta.added.includes('iam:CreateRole') && iamDelta.removed.length === 0, JSON.stringify(iamDelta));
    assert.ok(
      before.resources.some((r) => r.service === 's3' && r.resourcesRemoved.includes('arn:aws:s3:::legacy-bucket/*')),
    );
    assert.ok(
      before.before.guarantees.flatMap((s) => s.guarantees).some((g) => g.verdict === 'counterexample'),
      'the stale role breaks a guarantee',
    );
    assert.ok(
      before.after.guarantees.flatMap((s) => s.guarantees).every((g) => g.verdict === 'proved'),
      'the template keeps every guarantee',
    );
    assert.match(
      describeUpdate(roleName, before),
      /## Permissions per service[\s\S]*### iam\n- added: .*`iam:CreateRole`/,
    );

    const live = await fetchLiveRole(iam(), roleName);
    const steps = plannedSteps(live, { ...policy, externalId: account!.externalId });
    assert.deepEqual(
      steps.map((s) => s.label),
      [`write inline policy ${inlinePolicyName(roleName)}`],
    );
    assert.deepEqual(
      await applyRoleUpdate(iam(), steps),
      steps.map((s) => s.label),
    );
    const after = await ask();
    assert.equal(
      after.differs,
      false,
      JSON.stringify({ services: after.services, resources: after.resources, trust: after.trustChanged }),
    );
    assert.deepEqual(
      plannedSteps(await fetchLiveRole(iam(), roleName), { ...policy, externalId: account!.externalId }),
      [],
    );
    await verifyCrossAccountRole(
      sts(),
      (c) => createStsClient(targetFor({ profile: '', region: 'us-east-1', endpoint: moto.endpoint }, c)),
      roleArnOf(account!.accountId, roleName),
      account!.externalId,
    );
    await iam()
      .send(new DeleteRolePolicyCommand({ RoleName: roleName, PolicyName: inlinePolicyName(roleName) }))
      .catch(() => undefined);
  });
});
