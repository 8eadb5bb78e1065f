// The store contract for access rows: run against every store (SQLite and DynamoDB on moto).

import assert from 'node:assert/strict';
import { INDEPENDENT, workspaceEntity, type AccessRecord, type Store } from '../../../../backend/src/store/types';
import { job, node, ownerRow } from './records';

/** Registers the access rows contract; `current()` is the fresh, empty store of the running test. */
export function describeAccessContract(current: () => Store): void {
  describe('access rows', () => {
    let store: Store;
    beforeEach(() => {
      store = current();
    });

    it('keeps access rows by entity and by node, and changes them atomically with the node', async () => {
      const n = node('a1', { organizationId: 'N:organization:o1' });
      await store.nodes.create(n, ownerRow(n), job(n.uuid));
      const ws: AccessRecord = {
        ...ownerRow(n),
        entityId: workspaceEntity('N:organization:o1'),
        entityType: 'workspace',
        entityRawId: 'N:organization:o1',
        accessType: 'workspace',
      };
      await store.access.put(ws);
      assert.equal((await store.access.listByNode(n.uuid)).length, 2);
      assert.deepEqual(
        (await store.access.listByEntity(ws.entityId)).map((r) => r.nodeUuid),
        [n.uuid],
      );
      const moved = { ...ownerRow(n), organizationId: INDEPENDENT };
      await store.access.change(n.uuid, {
        remove: [ws.entityId, moved.entityId],
        put: [moved],
        nodePatch: { organizationId: INDEPENDENT },
      });
      assert.deepEqual(await store.access.listByNode(n.uuid), [moved]);
      assert.equal((await store.nodes.get(n.uuid))?.organizationId, INDEPENDENT);
      await store.access.delete(moved.entityId, n.uuid);
      assert.equal(await store.access.get(moved.entityId, n.uuid), undefined);
      await store.access.delete('user#nobody', n.uuid);
    });
  });
}
