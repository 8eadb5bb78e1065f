// Routes 33–38 over HTTP: per-user LLM quotas with `me` and `__default__`, the effective quota
// (user row, else node default, else the platform safety caps) and usage, with production's access rules.

import assert from 'node:assert/strict';
import { userOf } from '../../../scripts/harness/backend/identities';
import { startSettingsSandbox, type SettingsSandbox } from './setup';

describe('sandbox API: per-user LLM quotas (routes 33–38)', function () {
  this.timeout(60_000);
  let s: SettingsSandbox;
  let node: string;
  const mia = userOf('member');
  const q = encodeURIComponent;

  before(async () => {
    s = await startSettingsSandbox();
    node = await s.node({ sharedWithUser: 'member' });
  });
  after(async () => {
    await s?.close();
  });

  it('without rows, the effective quota is the platform safety cap ($1 a day, $10 a month, $0.50 a workflow)', async () => {
    const res = await s.as('member', 'GET', `/compute-nodes/${node}/user-quotas/me/effective`);
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json, {
      computeNodeId: node,
      userId: mia,
      dailyCostUsd: 1,
      monthlyCostUsd: 10,
      perWorkflowUsd: 0.5,
      dailySource: 'platform-safety',
      monthlySource: 'platform-safety',
      perWorkflowSource: 'platform-safety',
      dailySpentUsd: 0,
      monthlySpentUsd: 0,
      remainingDayUsd: 1,
      remainingMonthUsd: 10,
      dailyTokens: 0,
      monthlyTokens: 0,
    });
  });

  it("the owner sets the node default and a user's cap; the row comes back as stored", async () => {
    const def = await s.as('nodeOwner', 'PUT', `/compute-nodes/${node}/user-quotas/__default__`, { monthlyCostUsd: 3 });
    assert.equal(def.status, 200, def.text);
    assert.equal(def.json.userId, '__default__');
    assert.equal(def.json.monthlyCostUsd, 3);
    assert.equal(def.json.updatedBy, userOf('nodeOwner'));
    assert.match(def.json.updatedAt as string, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const row = await s.as('nodeOwner', 'PUT', `/compute-nodes/${node}/user-quotas/${q(mia)}`, {
      dailyCostUsd: 0.25,
      monthlyCostUsd: null,
      notes: 'pilot',
    });
    assert.equal(row.status, 200, row.text);
    assert.deepEqual(Object.keys(row.json as object).sort(), [
      'computeNodeId',
      'dailyCostUsd',
      'notes',
      'updatedAt',
      'updatedBy',
      'userId',
    ]);
    const list = await s.as('nodeOwner', 'GET', `/compute-nodes/${node}/user-quotas`);
    assert.deepEqual(
      (list.json.quotas as { userId: string }[]).map((r) => r.userId),
      [mia, '__default__'],
    );
  });

  it("a user reads their own row through `me`, never the default or another user's row", async () => {
    const own = await s.as('member', 'GET', `/compute-nodes/${node}/user-quotas/me`);
    assert.equal(own.status, 200, own.text);
    assert.equal(own.json.dailyCostUsd, 0.25);
    for (const path of [
      '/user-quotas/__default__',
      `/user-quotas/${q(userOf('nodeOwner'))}`,
      '/user-quotas/__default__/effective',
      '/user-quotas',
    ]) {
      const res = await s.as('member', 'GET', `/compute-nodes/${node}${path}`);
      assert.equal(res.status, 403, path);
    }
    const listRefused = await s.as('member', 'GET', `/compute-nodes/${node}/user-quotas`);
    assert.deepEqual(listRefused.json, { message: 'only owner can change permissions' });
    const otherRefused = await s.as('member', 'GET', `/compute-nodes/${node}/user-quotas/__default__`);
    assert.deepEqual(otherRefused.json, { message: 'forbidden' });
    // An outsider's own row is refused too: they have no access to the node.
    assert.equal((await s.as('outsider', 'GET', `/compute-nodes/${node}/user-quotas/me/effective`)).status, 403);
    assert.equal(
      (await s.as('member', 'PUT', `/compute-nodes/${node}/user-quotas/me`, { dailyCostUsd: 100 })).status,
      403,
    );
  });

  it('the effective quota takes each axis from the user row, else the default, else the safety cap, with spend', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const usage = {
      recordType: 'AGGREGATE',
      userId: mia,
      computeNodeId: node,
      totalInputTokens: 1000,
      totalOutputTokens: 500,
      requestCount: 4,
      updatedAt: `${today}T00:00:00Z`,
    };
    await s.backend.store.quotas.putUsage({
      ...usage,
      userNodeDate: `${mia}#${node}#${today}`,
      period: 'day',
      estimatedCostUsd: 0.1,
    });
    await s.backend.store.quotas.putUsage({
      ...usage,
      userNodeDate: `${mia}#${node}#${today.slice(0, 7)}`,
      period: 'month',
      estimatedCostUsd: 4,
    });
    const res = await s.as('nodeOwner', 'GET', `/compute-nodes/${node}/user-quotas/${q(mia)}/effective`);
    assert.deepEqual(res.json, {
      computeNodeId: node,
      userId: mia,
      dailyCostUsd: 0.25,
      monthlyCostUsd: 3,
      perWorkflowUsd: 0.5,
      dailySource: 'user',
      monthlySource: 'node-default',
      perWorkflowSource: 'platform-safety',
      dailySpentUsd: 0.1,
      monthlySpentUsd: 4,
      remainingDayUsd: 0.15,
      remainingMonthUsd: 0,
      dailyTokens: 1500,
      monthlyTokens: 1500,
    });
    const usageRes = await s.as('member', 'GET', `/compute-nodes/${node}/user-usage/me?period=day`);
    assert.equal(usageRes.status, 200, usageRes.text);
    assert.deepEqual(Object.keys(usageRes.json as object), ['computeNodeId', 'userId', 'daily']);
    assert.equal(usageRes.json.daily.estimatedCostUsd, 0.1);
    const both = await s.as('member', 'GET', `/compute-nodes/${node}/user-usage/me?date=2020-01-15`);
    assert.equal(both.json.daily.userNodeDate, '', "a missing aggregate is production's zero-value row");
    assert.equal(both.json.monthly.estimatedCostUsd, 0);
  });

  it('DELETE removes a row (idempotently); the user falls back to the default; missing nodes are 404', async () => {
    const del = await s.as('nodeOwner', 'DELETE', `/compute-nodes/${node}/user-quotas/${q(mia)}`);
    assert.deepEqual(del.json, { message: 'chat user quota deleted' });
    assert.equal((await s.as('nodeOwner', 'DELETE', `/compute-nodes/${node}/user-quotas/${q(mia)}`)).status, 200);
    assert.equal((await s.as('member', 'GET', `/compute-nodes/${node}/user-quotas/me`)).status, 404);
    const eff = await s.as('member', 'GET', `/compute-nodes/${node}/user-quotas/me/effective`);
    assert.equal(eff.json.dailySource, 'platform-safety');
    assert.equal(eff.json.monthlySource, 'node-default');
    const missing = await s.as('nodeOwner', 'GET', '/compute-nodes/00000000-0000-4000-8000-000000000000/user-quotas');
    assert.equal(missing.status, 404);
    assert.deepEqual(missing.json, { message: 'not found' });
    assert.equal(
      (await s.as('nodeOwner', 'PUT', `/compute-nodes/${node}/user-quotas/${q(mia)}`, { dailyCostUsd: 'x' })).status,
      400,
    );
  });
});

describe('sandbox API: GET /interactive/jwks (route 42)', function () {
  this.timeout(60_000);
  let s: SettingsSandbox;
  before(async () => {
    s = await startSettingsSandbox();
  });
  after(async () => {
    await s?.close();
  });

  it('serves the public RSA key unauthenticated, the same key on every call, no private part', async () => {
    const first = await fetch(`${s.backend.url}/interactive/jwks`);
    assert.equal(first.status, 200);
    assert.equal(first.headers.get('cache-control'), 'public, max-age=300');
    const body = (await first.json()) as { keys: Record<string, string>[] };
    assert.equal(body.keys.length, 1);
    const key = body.keys[0]!;
    assert.deepEqual(Object.keys(key).sort(), ['alg', 'e', 'kid', 'kty', 'n', 'use']);
    assert.equal(key.kty, 'RSA');
    assert.equal(key.alg, 'RS256');
    assert.equal(Buffer.from(key.n!, 'base64url').length, 256);
    const again = (await (await fetch(`${s.backend.url}/interactive/jwks`)).json()) as { keys: { kid: string }[] };
    assert.equal(again.keys[0]!.kid, key.kid);
  });
});
