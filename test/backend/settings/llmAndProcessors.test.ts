// Routes 29–32 over HTTP on moto: the allowed processors and the LLM budget land in the customer
// account's SSM (where the module's governor reads its budget), with production's validation.

import assert from 'node:assert/strict';
import { registerAccount } from '../../../scripts/harness/backend/fixtures';
import { parameter, startSettingsSandbox, type SettingsSandbox } from './setup';

describe('sandbox API: allowed processors and LLM config (routes 29–32)', function () {
  this.timeout(60_000);
  let s: SettingsSandbox;
  let node: string;
  let id: string;

  before(async () => {
    s = await startSettingsSandbox();
    node = await s.node({ sharedWithUser: 'member', enableLLMAccess: true });
    id = node.slice(0, 8);
  });
  after(async () => {
    await s?.close();
  });

  it('allowed processors: the owner replaces the list, anyone with access reads it, SSM keeps it', async () => {
    const path = `/compute-nodes/${node}/allowed-processors`;
    assert.deepEqual((await s.as('member', 'GET', path)).json, { processors: [] });
    const put = await s.as('nodeOwner', 'PUT', path, { processors: ['pennsieve/csv-to-parquet', 'lab/segmenter'] });
    assert.equal(put.status, 200, put.text);
    assert.deepEqual(put.json, { message: 'allowed processors updated' });
    assert.deepEqual((await s.as('member', 'GET', path)).json, {
      processors: ['pennsieve/csv-to-parquet', 'lab/segmenter'],
    });
    const { ssm } = await s.customer();
    assert.equal(
      await parameter(ssm, `/pennsieve/${id}/allowed-processors`),
      '["pennsieve/csv-to-parquet","lab/segmenter"]',
    );
    ssm.destroy();
    const refused = await s.as('member', 'PUT', path, { processors: [] });
    assert.equal(refused.status, 403);
    assert.deepEqual(refused.json, { message: 'only owner can change permissions' });
    assert.equal((await s.as('nodeOwner', 'PUT', path, { processors: 'one' })).status, 400);
  });

  it("LLM config: validates budget and period with production's messages", async () => {
    const path = `/compute-nodes/${node}/llm-config`;
    const cases: ReadonlyArray<readonly [unknown, string]> = [
      [{ budgetUsd: -0.01, budgetPeriod: 'daily' }, 'budgetUsd must be non-negative'],
      [{ budgetUsd: -5, budgetPeriod: 'weekly' }, 'budgetUsd must be non-negative'],
      [{ budgetUsd: 5, budgetPeriod: 'weekly' }, "budgetPeriod must be 'daily' or 'monthly'"],
      [{ budgetUsd: 5 }, "budgetPeriod must be 'daily' or 'monthly'"],
      [{ budgetUsd: '5', budgetPeriod: 'daily' }, 'error unmarshaling body'],
    ];
    for (const [body, message] of cases) {
      const res = await s.as('nodeOwner', 'PUT', path, body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.deepEqual(res.json, { message }, JSON.stringify(body));
    }
  });

  it('LLM config: the owner sets and reads it, SSM keeps it for the governor, others are refused', async () => {
    const path = `/compute-nodes/${node}/llm-config`;
    assert.deepEqual((await s.as('nodeOwner', 'GET', path)).json, { budgetUsd: 0, budgetPeriod: 'monthly' });
    const put = await s.as('nodeOwner', 'PUT', path, { budgetUsd: 25.5, budgetPeriod: 'daily' });
    assert.equal(put.status, 200, put.text);
    assert.deepEqual(put.json, { budgetUsd: 25.5, budgetPeriod: 'daily' });
    assert.deepEqual((await s.as('nodeOwner', 'GET', path)).json, { budgetUsd: 25.5, budgetPeriod: 'daily' });
    const { ssm } = await s.customer();
    assert.deepEqual(JSON.parse((await parameter(ssm, `/pennsieve/${id}/llm-budget`)) ?? 'null'), {
      enabled: true,
      budgetUsd: 25.5,
      budgetPeriod: 'daily',
    });
    ssm.destroy();
    assert.equal((await s.as('nodeOwner', 'PUT', path, { budgetUsd: 0, budgetPeriod: 'monthly' })).status, 200);
    for (const persona of ['member', 'acctOwner', 'outsider'] as const) {
      assert.equal((await s.as(persona, 'GET', path)).status, 403, persona);
    }
  });

  it('answers 500 "error loading AWS config" when the account\'s role cannot be assumed', async () => {
    // An account whose role was never created in its AWS account.
    const account = await registerAccount(s.backend.url, 'acctOwner');
    const other = await s.node({ accountUuid: account });
    const res = await s.as('nodeOwner', 'GET', `/compute-nodes/${other}/llm-config`);
    assert.equal(res.status, 500);
    assert.deepEqual(res.json, { message: 'error loading AWS config' });
  });
});
