// The store contract for nodes: run against every store (SQLite and DynamoDB on moto).

import assert from 'node:assert/strict';
import { userEntity, type Store } from '../../../../backend/src/store/types';
import { job, node, ownerRow } from './records';

/** Registers the nodes contract; `current()` is the fresh, empty store of the running test. */
export function describeNodesContract(current: () => Store): void {
  describe('nodes', () => {
    let store: Store;
    beforeEach(() => {
      store = current();
    });

    it('creates a node with its owner row and job, and round-trips every field', async () => {
      const n = node('a1', {
        organizationId: 'N:organization:o1',
        enableLLMAccess: true,
        maxGpuInstances: 0,
        outputs: { efs_id: 'fs-1', role_names: ['a', 'b'], nested: { n: 1 } },
      });
      const j = job(n.uuid);
      await store.nodes.create(n, ownerRow(n), j);
      assert.deepEqual(await store.nodes.get(n.uuid), n);
      assert.deepEqual(await store.access.get(userEntity(n.userId), n.uuid), ownerRow(n));
      assert.deepEqual(await store.jobs.get(n.uuid), j);
      assert.deepEqual(
        (await store.nodes.listByAccount('a1')).map((x) => x.uuid),
        [n.uuid],
      );
      assert.deepEqual(
        (await store.nodes.listByStatus(['Pending', 'Destroying'])).map((x) => x.uuid),
        [n.uuid],
      );
      assert.deepEqual(await store.nodes.listByStatus(['Enabled']), []);
    });

    it('creates a node without a job when there is nothing to provision', async () => {
      const n = node('a1', { status: 'Enabled' });
      await store.nodes.create(n, ownerRow(n));
      assert.deepEqual(await store.nodes.get(n.uuid), n);
      assert.equal(await store.jobs.get(n.uuid), undefined);
      assert.deepEqual(await store.jobs.list(), []);
    });

    it('reads several nodes at once, skipping the missing ones', async () => {
      const a = node('a1');
      const b = node('a2');
      await store.nodes.create(a, ownerRow(a), job(a.uuid));
      await store.nodes.create(b, ownerRow(b), job(b.uuid));
      const got = await store.nodes.getMany([b.uuid, 'no-such-node', a.uuid]);
      assert.deepEqual(got.map((x) => x.uuid).sort(), [a.uuid, b.uuid].sort());
      assert.deepEqual(
        got.find((x) => x.uuid === a.uuid),
        a,
      );
      assert.deepEqual(await store.nodes.getMany([]), []);
    });

    it('reads more nodes at once than one DynamoDB batch holds (100), a uuid given twice once', async () => {
      const nodes = Array.from({ length: 101 }, (_, i) => node(`a${i % 3}`));
      // One at a time: moto answers simultaneous transactions with errors now and then.
      for (const n of nodes) await store.nodes.create(n, ownerRow(n));
      const wanted = [...nodes.map((n) => n.uuid), nodes[7]!.uuid, 'no-such-node'];
      const got = await store.nodes.getMany(wanted);
      assert.deepEqual(got.map((x) => x.uuid).sort(), nodes.map((n) => n.uuid).sort());
    });

    it('patches a node (undefined fields leave values alone) and upserts its job in the same write', async () => {
      const n = node('a1');
      await store.nodes.create(n, ownerRow(n), job(n.uuid));
      const next = job(n.uuid, 'delete');
      const updated = await store.nodes.update(
        n.uuid,
        { status: 'Destroying', name: undefined, outputs: { a: 1 } },
        next,
      );
      assert.equal(updated?.status, 'Destroying');
      assert.equal(updated?.name, 'n');
      assert.deepEqual(updated?.outputs, { a: 1 });
      assert.deepEqual(await store.jobs.get(n.uuid), next);
      assert.equal(await store.nodes.update('missing', { status: 'Enabled' }), undefined);
      assert.equal(await store.jobs.get('missing'), undefined, 'no job is written for a missing node');
    });
  });
}
