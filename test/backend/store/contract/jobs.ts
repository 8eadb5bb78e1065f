// The store contract for jobs and leases: run against every store (SQLite and DynamoDB on moto).

import assert from 'node:assert/strict';
import type { Lease, Store } from '../../../../backend/src/store/types';
import { job, node, ownerRow } from './records';

const T0 = new Date('2026-05-01T00:00:00Z');
const lease = (worker: string, now = T0, durationMs = 20_000): Lease => ({ worker, now, durationMs });
const later = (ms: number) => new Date(T0.getTime() + ms);

/** Registers the jobs and leases contract; `current()` is the fresh, empty store of the running test. */
export function describeJobsContract(current: () => Store): void {
  describe('jobs and leases', () => {
    let store: Store;
    beforeEach(() => {
      store = current();
    });

    async function withJob(action: 'create' | 'delete' = 'create') {
      const n = node('a1');
      const j = job(n.uuid, action);
      await store.nodes.create(n, ownerRow(n), j);
      return { n, j };
    }

    it('lets one worker claim a job until its lease ends, then another', async () => {
      const { n, j } = await withJob();
      const claimed = await store.jobs.claim(n.uuid, lease('w1'));
      assert.equal(claimed?.worker, 'w1');
      assert.equal(claimed?.jobId, j.jobId);
      assert.equal(claimed?.leaseExpiresAt, '2026-05-01T00:00:20.000Z');
      assert.equal(await store.jobs.claim(n.uuid, lease('w2', later(19_999))), undefined, 'held by w1');
      assert.equal(
        (await store.jobs.claim(n.uuid, lease('w1', later(5000))))?.worker,
        'w1',
        'the holder may claim again',
      );
      assert.equal(
        (await store.jobs.claim(n.uuid, lease('w2', later(25_000))))?.worker,
        'w2',
        'taken over after the lease',
      );
      assert.equal(await store.jobs.claim('no-such-node', lease('w1')), undefined);
    });

    it('lets exactly one of many simultaneous claims win', async () => {
      const { n } = await withJob();
      const results = await Promise.all(['w1', 'w2', 'w3', 'w4', 'w5'].map((w) => store.jobs.claim(n.uuid, lease(w))));
      const winners = results.filter((r) => r !== undefined);
      assert.equal(winners.length, 1);
      assert.equal((await store.jobs.get(n.uuid))?.worker, winners[0]!.worker);
    });

    it('renews only the holder’s lease, and releases it for any worker', async () => {
      const { n } = await withJob();
      await store.jobs.claim(n.uuid, lease('w1'));
      assert.equal(await store.jobs.renew(n.uuid, lease('w2', later(1000))), undefined);
      assert.equal(
        (await store.jobs.renew(n.uuid, lease('w1', later(15_000))))?.leaseExpiresAt,
        '2026-05-01T00:00:35.000Z',
      );
      assert.equal(
        await store.jobs.claim(n.uuid, lease('w2', later(30_000))),
        undefined,
        'the renewed lease still holds',
      );
      await store.jobs.release(n.uuid, 'w2');
      assert.equal((await store.jobs.get(n.uuid))?.worker, 'w1', 'only the holder releases');
      await store.jobs.setProgress(n.uuid, (await store.jobs.get(n.uuid))!.jobId, 'w1', {
        stage: 'plan',
        resourcesDone: 0,
        resourcesTotal: null,
        startedAt: T0.toISOString(),
      });
      await store.jobs.release(n.uuid, 'w1');
      const released = await store.jobs.get(n.uuid);
      assert.equal(released?.worker, undefined);
      assert.equal(released?.leaseExpiresAt, undefined);
      assert.equal(released?.progress, undefined, 'progress goes with the lease');
      assert.equal((await store.jobs.claim(n.uuid, lease('w2', later(1000))))?.worker, 'w2');
    });

    it('counts attempts and records progress only for the holder of the current job id', async () => {
      const { n, j } = await withJob();
      assert.equal(await store.jobs.startAttempt(n.uuid, j.jobId, 'w1', T0), undefined, 'not claimed yet');
      await store.jobs.claim(n.uuid, lease('w1'));
      const started = await store.jobs.startAttempt(n.uuid, j.jobId, 'w1', T0);
      assert.equal(started?.attempts, 1);
      assert.equal(started?.updatedAt, '2026-05-01T00:00:00.000Z');
      assert.equal(await store.jobs.startAttempt(n.uuid, 'stale', 'w1', T0), undefined);
      assert.equal(await store.jobs.startAttempt(n.uuid, j.jobId, 'w2', T0), undefined);
      const progress = { stage: 'apply', resourcesDone: 3, resourcesTotal: 19, startedAt: T0.toISOString() } as const;
      assert.equal(await store.jobs.setProgress(n.uuid, j.jobId, 'w2', progress), false);
      assert.equal(await store.jobs.setProgress(n.uuid, j.jobId, 'w1', progress), true);
      assert.deepEqual((await store.jobs.get(n.uuid))?.progress, progress);
      assert.equal((await store.jobs.get(n.uuid))?.attempts, 1);
      assert.deepEqual(
        (await store.jobs.list()).map((x) => x.nodeUuid),
        [n.uuid],
      );
    });

    it('keeps the lease and progress when a request supersedes the running job', async () => {
      const { n, j } = await withJob();
      await store.jobs.claim(n.uuid, lease('w1'));
      const progress = { stage: 'plan', resourcesDone: 0, resourcesTotal: null, startedAt: T0.toISOString() } as const;
      await store.jobs.setProgress(n.uuid, j.jobId, 'w1', progress);
      const next = job(n.uuid, 'delete');
      await store.nodes.update(n.uuid, { status: 'Destroying' }, next);
      const stored = await store.jobs.get(n.uuid);
      assert.equal(stored?.jobId, next.jobId);
      assert.equal(stored?.action, 'delete');
      assert.equal(stored?.worker, 'w1');
      assert.equal(stored?.leaseExpiresAt, '2026-05-01T00:00:20.000Z');
      assert.deepEqual(stored?.progress, progress);
      assert.equal(
        await store.jobs.claim(n.uuid, lease('w2', later(1000))),
        undefined,
        'still held by the running worker',
      );
    });

    it('finishes only the current job of its holder: a patch, or removal of the node with its rows', async () => {
      const { n, j } = await withJob();
      await store.jobs.claim(n.uuid, lease('w1'));
      assert.equal(await store.jobs.finish(n.uuid, 'stale', 'w1', { kind: 'remove' }), false);
      assert.equal(await store.jobs.finish(n.uuid, j.jobId, 'w2', { kind: 'remove' }), false, 'not the holder');
      assert.ok(await store.nodes.get(n.uuid));
      assert.equal(
        await store.jobs.finish(n.uuid, j.jobId, 'w1', { kind: 'update', patch: { status: 'Enabled', efsId: 'fs-1' } }),
        true,
      );
      assert.equal(await store.jobs.get(n.uuid), undefined);
      assert.equal((await store.nodes.get(n.uuid))?.efsId, 'fs-1');
      assert.equal(
        await store.jobs.finish(n.uuid, j.jobId, 'w1', { kind: 'remove' }),
        false,
        'a finished job cannot finish twice',
      );
      const d = job(n.uuid, 'delete');
      await store.nodes.update(n.uuid, { status: 'Destroying' }, d);
      await store.jobs.claim(n.uuid, lease('w1'));
      assert.equal(await store.jobs.finish(n.uuid, d.jobId, 'w1', { kind: 'remove' }), true);
      assert.equal(await store.nodes.get(n.uuid), undefined);
      assert.deepEqual(await store.access.listByNode(n.uuid), []);
      assert.deepEqual(await store.jobs.list(), []);
    });
  });
}
