// Register Existing Role, from ARN to verified connection, on moto (issue #13 target: < 5 s):
// GetCallerIdentity, the live role (GetRole, inline and attached policies) and GET /role-policy,
// the language server's pennsieve/checkExistingRole, POST /accounts, then AssumeRole with the
// external ID and GetCallerIdentity as the role. The security team's CreateRole is not timed.

import { CreateRoleCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { startMoto } from '../backend/src/sandbox/moto';
import { createIamClient, createStsClient, targetFor } from '../extension/src/aws/awsClients';
import { deleteCrossAccountRole, fetchLiveRole } from '../extension/src/aws/crossAccountRole';
import { fetchCallerIdentity, roleArnOf, verifyCrossAccountRole } from '../extension/src/aws/identity';
import { inlinePolicyName } from '../extension/src/aws/roleSpec';
import { generateExternalId, withExternalId } from '../extension/src/aws/trustPolicy';
import { existingRoleParams } from '../extension/src/roles/existingRole';
import { CheckExistingRoleRequest } from '../shared/roleProtocol';
import { ApiClient } from '../extension/src/api/client';
import { createPennsieveApi } from '../extension/src/api/pennsieveApi';
import { StaticTokenSource } from '../extension/src/auth/tokenSource';
import { startTestBackend } from '../scripts/harness/backend/backend';
import { tokenOf } from '../scripts/harness/backend/identities';
import { LspClient } from '../scripts/harness/lspClient';
import { percentile, type BenchSection } from './stats';

const RUNS = 10;

/** p50 / p95 / max of the ARN-to-verified time over RUNS registrations. */
export async function benchExistingRole(): Promise<BenchSection> {
  const moto = await startMoto();
  const backend = await startTestBackend();
  const lsp = LspClient.start();
  try {
    await lsp.initialize(null);
    const settings = { profile: '', region: 'us-east-1', endpoint: moto.endpoint };
    const target = targetFor(settings, { accessKeyId: 'AKIABENCHEXISTING001', secretAccessKey: 'moto-secret' });
    const [iam, sts] = [createIamClient(target), createStsClient(target)];
    const api = createPennsieveApi(
      new ApiClient({
        baseUrl: () => backend.url,
        tokens: new StaticTokenSource(tokenOf('acctOwner')),
        log: { debug: () => undefined, info: () => undefined },
      }),
    );
    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) {
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
      const started = performance.now();
      const who = await fetchCallerIdentity(sts);
      const [live, template] = await Promise.all([fetchLiveRole(iam, policy.roleName), api.accounts.fetchRolePolicy()]);
      const checked = await lsp.connection.sendRequest(
        CheckExistingRoleRequest.type,
        existingRoleParams(`pennsieve-live:/${who.account}/${policy.roleName}.json`, live, template, externalId),
      );
      if (!checked.accepted) throw new Error(`the template's own role was refused: ${checked.reasons.join('; ')}`);
      const uuid = await api.accounts.createAccount({ accountId: who.account, roleName: policy.roleName, externalId });
      await verifyCrossAccountRole(
        sts,
        (c) => createStsClient(targetFor(settings, c)),
        roleArnOf(who.account, policy.roleName),
        externalId,
      );
      times.push(performance.now() - started);
      await api.accounts.deleteAccount(uuid);
      await deleteCrossAccountRole(iam, policy.roleName);
    }
    const ms = (v: number) => `${v.toFixed(0)} ms`;
    return {
      title: 'Register Existing Role on moto (ARN → verified)',
      rows: [
        [
          'ARN → verified, p50',
          ms(percentile(times, 50)),
          `${RUNS} runs; target < 5 s; real language server over LSP, sandbox over HTTP, moto`,
        ],
        [
          'ARN → verified, p95',
          ms(percentile(times, 95)),
          'GetCallerIdentity, GetRole + policies, GET /role-policy, pennsieve/checkExistingRole, POST /accounts, AssumeRole',
        ],
        ['ARN → verified, max', ms(Math.max(...times)), 'machine shared with other engineers: provisional'],
      ],
    };
  } finally {
    await lsp.stop();
    await backend.close();
    await moto.stop();
  }
}
