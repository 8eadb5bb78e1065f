// The extension's node-settings client (extension/src/api/nodeSettings.ts) against the real sandbox
// on moto: budget, quotas with `__default__`, processors, secrets by key; refusals as typed errors;
// the client's log holds paths and statuses, never a secret value.

import assert from 'node:assert/strict';
import type { PennsieveApi } from '../../../extension/src/api/pennsieveApi';
import { DEFAULT_QUOTA_USER } from '../../../extension/src/api/nodeSettings';
import { tokenOf, userOf } from '../../../scripts/harness/backend/identities';
import { startSettingsSandbox, type SettingsSandbox } from '../../backend/settings/setup';
import { apiError, apiFor, logLines, type LogLines } from '../support/sandboxClient';

const VALUE = 'ext-secret-3b1d9e77';

describe('extension API client: node settings against the sandbox', function () {
  this.timeout(120_000);
  let s: SettingsSandbox;
  let nora: PennsieveApi;
  let mia: PennsieveApi;
  let log: LogLines;
  let node: string;

  before(async () => {
    s = await startSettingsSandbox();
    node = await s.node({ sharedWithUser: 'member', enableLLMAccess: true });
    log = logLines();
    nora = apiFor(s.backend.url, tokenOf('nodeOwner'), log);
    mia = apiFor(s.backend.url, tokenOf('member'));
  });
  after(async () => {
    await s?.close();
  });

  it("sets and reads the LLM budget; a refused budget is a badRequest with the API's reason", async () => {
    assert.deepEqual(await nora.nodeSettings.setLlmConfig(node, { budgetUsd: 12.5, budgetPeriod: 'monthly' }), {
      budgetUsd: 12.5,
      budgetPeriod: 'monthly',
    });
    assert.deepEqual(await nora.nodeSettings.llmConfig(node), { budgetUsd: 12.5, budgetPeriod: 'monthly' });
    const err = await apiError(nora.nodeSettings.setLlmConfig(node, { budgetUsd: -1, budgetPeriod: 'daily' }));
    assert.equal(err.kind, 'badRequest');
    assert.equal(err.serverMessage, 'budgetUsd must be non-negative');
    assert.equal((await apiError(mia.nodeSettings.llmConfig(node))).kind, 'forbidden');
  });

  it("sets the default and a user's quota, lists them, reads the effective quota, removes a row", async () => {
    await nora.nodeSettings.setUserQuota(node, DEFAULT_QUOTA_USER, { monthlyCostUsd: 5 });
    const row = await nora.nodeSettings.setUserQuota(node, userOf('member'), { dailyCostUsd: 0.5 });
    assert.equal(row.dailyCostUsd, 0.5);
    assert.equal(row.monthlyCostUsd, undefined);
    assert.deepEqual(
      (await nora.nodeSettings.userQuotas(node)).map((q) => q.userId),
      [userOf('member'), DEFAULT_QUOTA_USER],
    );
    const eff = await nora.nodeSettings.effectiveQuota(node, userOf('member'));
    assert.deepEqual(
      [eff.dailyCostUsd, eff.dailySource, eff.monthlyCostUsd, eff.monthlySource],
      [0.5, 'user', 5, 'node-default'],
    );
    assert.equal((await mia.nodeSettings.effectiveQuota(node, 'me')).dailyCostUsd, 0.5);
    await nora.nodeSettings.deleteUserQuota(node, userOf('member'));
    assert.equal((await nora.nodeSettings.userQuotas(node)).length, 1);
    assert.equal((await apiError(mia.nodeSettings.userQuotas(node))).kind, 'forbidden');
  });

  it('replaces the allowed processors', async () => {
    await nora.nodeSettings.setAllowedProcessors(node, ['a/one', 'b/two']);
    assert.deepEqual(await mia.nodeSettings.allowedProcessors(node), ['a/one', 'b/two']);
    await nora.nodeSettings.setAllowedProcessors(node, ['b/two']);
    assert.deepEqual(await nora.nodeSettings.allowedProcessors(node), ['b/two']);
  });

  it('adds and deletes secrets by key, user and shared; a reserved name is refused with the reason', async () => {
    await nora.nodeSettings.setSecret(node, 'user', 'MY_TOKEN', VALUE);
    await nora.nodeSettings.setSecret(node, 'shared', 'TEAM_TOKEN', VALUE);
    assert.deepEqual(await nora.nodeSettings.secretKeys(node, 'user'), ['MY_TOKEN']);
    assert.deepEqual(await mia.nodeSettings.secretKeys(node, 'shared'), ['TEAM_TOKEN']);
    assert.equal((await apiError(mia.nodeSettings.setSecret(node, 'shared', 'X', 'y'))).kind, 'forbidden');
    const reserved = await apiError(nora.nodeSettings.setSecret(node, 'user', 'SESSION_TOKEN', VALUE));
    assert.equal(reserved.serverMessage, 'reserved secret key "SESSION_TOKEN": this name is used by the system');
    await nora.nodeSettings.deleteSecret(node, 'user', 'MY_TOKEN');
    await nora.nodeSettings.deleteSecret(node, 'shared', 'TEAM_TOKEN');
    assert.deepEqual(await nora.nodeSettings.secretKeys(node, 'user'), []);
    assert.ok(
      log.lines.some((l) => l.includes('/secrets')),
      'the client logged the requests',
    );
    assert.ok(!log.lines.join('\n').includes(VALUE), 'the client log holds no secret value');
  });
});
