// Provisioning jobs with the TEST-ONLY fake runner: the concurrency bound, failures kept on the
// node, recovery after a stop, the attempt limit, and clean-up after destroy.

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AssumeRoleError } from '../../../backend/src/provisioner/assumeRole';
import { createRunQueue } from '../../../backend/src/provisioner/runQueue';
import { call, waitFor } from '../../../scripts/harness/backend/client';
import { startTestBackend, type TestBackend } from '../../../scripts/harness/backend/backend';
import { enableWorkspace, registerAccount, seedNode } from '../../../scripts/harness/backend/fixtures';
import { LAB, tokenOf, userOf } from '../../../scripts/harness/backend/identities';
import { job, node, ownerRow } from '../store/contract/records';

const ann = tokenOf('acctOwner');

async function settledStatus(backend: TestBackend, uuid: string): Promise<string> {
  return waitFor(`node ${uuid} to settle`, async () => {
    const node = await backend.store.nodes.get(uuid);
    if (!node) return 'gone';
    return node.status === 'Pending' || node.status === 'Destroying' || (await backend.store.jobs.get(uuid))
      ? undefined
      : node.status;
  });
}

async function createNode(backend: TestBackend, account: string): Promise<string> {
  const res = await call(backend.url, 'POST', '/compute-nodes', {
    token: ann,
    body: { accountId: account, organizationId: LAB },
  });
  assert.equal(res.status, 202, res.text);
  return res.json.uuid as string;
}

describe('provisioning jobs (fake runner)', () => {
  const backends: TestBackend[] = [];
  const start = async (opts: Parameters<typeof startTestBackend>[0] = {}) => {
    const b = await startTestBackend(opts);
    backends.push(b);
    return b;
  };
  afterEach(async () => {
    while (backends.length) await backends.pop()!.close();
  });

  async function withAccount(backend: TestBackend): Promise<string> {
    const account = await registerAccount(backend.url, 'acctOwner', { accountId: '123456789012' });
    await enableWorkspace(backend.url, 'acctOwner', account, LAB);
    return account;
  }

  it('runs 20 concurrent creates to Enabled with never more than 4 Terraform runs at once', async () => {
    const backend = await start({ runnerDelayMs: 150 });
    const account = await withAccount(backend);
    const uuids = await Promise.all(Array.from({ length: 20 }, () => createNode(backend, account)));
    const statuses = await Promise.all(uuids.map((u) => settledStatus(backend, u)));
    assert.deepEqual(new Set(statuses), new Set(['Enabled']));
    assert.equal(backend.runner.maxConcurrent, 4);
    assert.equal(backend.runner.runs.length, 20);
  });

  it('honours a configured concurrency bound', async () => {
    const backend = await start({ runnerDelayMs: 100, maxConcurrentRuns: 2 });
    const account = await withAccount(backend);
    const uuids = await Promise.all(Array.from({ length: 6 }, () => createNode(backend, account)));
    await Promise.all(uuids.map((u) => settledStatus(backend, u)));
    assert.equal(backend.runner.maxConcurrent, 2);
  });

  it('fails the node with the reason when the account role cannot be assumed', async () => {
    const backend = await start({
      assumeRole: async (account) => {
        throw new AssumeRoleError(
          `cannot assume arn:aws:iam::${account.accountId}:role/${account.roleName}: AccessDenied: nope`,
        );
      },
    });
    const uuid = await createNode(backend, await withAccount(backend));
    assert.equal(await settledStatus(backend, uuid), 'Failed');
    const node = await call(backend.url, 'GET', `/compute-nodes/${uuid}`, { token: ann });
    assert.match(node.json.statusReason, /^cannot assume arn:aws:iam::123456789012:role\/.+: AccessDenied: nope$/);
    assert.equal(backend.runner.runs.length, 0);
    // A failed node can still be deleted (and the destroy fails the same way, visibly).
    assert.equal((await call(backend.url, 'DELETE', `/compute-nodes/${uuid}`, { token: ann })).status, 202);
    assert.equal(await settledStatus(backend, uuid), 'Failed');
  });

  it('resumes a job interrupted by a stop, and removes the work directory after destroy', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sandbox-jobs-'));
    const first = await start({ dataDir });
    const account = await withAccount(first);
    first.runner.hold();
    const uuid = await createNode(first, account);
    await waitFor('the apply to start', async () => (first.runner.active > 0 ? true : undefined));
    await first.close();
    backends.splice(backends.indexOf(first), 1);
    const stored = await start({ dataDir });
    assert.equal(await settledStatus(stored, uuid), 'Enabled');
    assert.equal((await stored.store.nodes.get(uuid))?.efsId, `fs-${uuid.slice(0, 8)}`);
    assert.equal(stored.runner.runs.length, 1, 'the restarted backend ran the apply again');
    assert.equal((await call(stored.url, 'DELETE', `/compute-nodes/${uuid}`, { token: ann })).status, 202);
    assert.equal(await settledStatus(stored, uuid), 'gone');
    assert.equal(existsSync(join(dataDir, 'nodes', uuid)), false);
  });

  it('gives Pending and Destroying nodes without a job one on start, and fails jobs interrupted too often', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sandbox-jobs-'));
    const first = await start({ dataDir });
    const account = await withAccount(first);
    const pending = await seedNode(first.store, {
      owner: 'acctOwner',
      accountUuid: account,
      org: LAB,
      status: 'Pending',
    });
    const destroying = await seedNode(first.store, {
      owner: 'acctOwner',
      accountUuid: account,
      org: LAB,
      status: 'Destroying',
    });
    const looping = await seedNode(first.store, {
      owner: 'acctOwner',
      accountUuid: account,
      org: LAB,
      status: 'Pending',
    });
    const now = new Date().toISOString();
    await first.store.nodes.update(
      looping,
      {},
      { nodeUuid: looping, action: 'create', jobId: randomUUID(), attempts: 3, createdAt: now, updatedAt: now },
    );
    await first.close();
    backends.splice(backends.indexOf(first), 1);
    const second = await start({ dataDir });
    assert.equal(await settledStatus(second, pending), 'Enabled');
    assert.equal(await settledStatus(second, destroying), 'gone');
    assert.equal(await settledStatus(second, looping), 'Failed');
    assert.match((await second.store.nodes.get(looping))?.statusReason ?? '', /gave up after 3 attempts/);
  });

  it('takes over a job whose lease another host let end, and not before', async () => {
    const backend = await start({ pollMs: 200 });
    const account = await withAccount(backend);
    // A worker on another host holds the job (for 2 s more), then goes silent: no renewals.
    const n = node(account, { organizationId: LAB, userId: userOf('acctOwner') });
    const leaseExpiresAt = new Date(Date.now() + 2000).toISOString();
    await backend.store.nodes.create(n, ownerRow(n), { ...job(n.uuid), worker: 'elsewhere:4242:feed', leaseExpiresAt });
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal(backend.runner.runs.length, 0, 'not while the lease holds');
    assert.equal(await settledStatus(backend, n.uuid), 'Enabled');
    assert.equal(backend.runner.runs.length, 1);
  });

  it('fails a job whose account no longer exists', async () => {
    const backend = await start();
    const orphan = await seedNode(backend.store, {
      owner: 'acctOwner',
      accountUuid: 'deleted-account',
      status: 'Pending',
    });
    const now = new Date().toISOString();
    await backend.store.nodes.update(
      orphan,
      {},
      { nodeUuid: orphan, action: 'create', jobId: randomUUID(), attempts: 0, createdAt: now, updatedAt: now },
    );
    backend.jobs.submit(orphan);
    assert.equal(await settledStatus(backend, orphan), 'Failed');
    assert.equal((await backend.store.nodes.get(orphan))?.statusReason, 'account deleted-account no longer exists');
  });

  it('hands a freed slot to the oldest waiter and lets an aborted waiter leave the queue', async () => {
    const queue = createRunQueue(1);
    const first = await queue.acquire();
    const order: string[] = [];
    const controller = new AbortController();
    const second = queue.acquire().then((r) => (order.push('second'), r));
    const aborted = queue.acquire(controller.signal).then((r) => (order.push(r ? 'aborted-got-slot' : 'aborted'), r));
    const third = queue.acquire().then((r) => (order.push('third'), r));
    controller.abort();
    await aborted;
    assert.equal(queue.waiting, 2);
    first!();
    (await second)!();
    (await third)!();
    assert.deepEqual(order, ['aborted', 'second', 'third']);
    assert.equal(queue.running, 0);
    assert.throws(() => createRunQueue(0));
  });
});
