// The store contract for workspace enablements: run against every store (SQLite and DynamoDB on moto).

import assert from 'node:assert/strict';
import type { Store } from '../../../../backend/src/store/types';

/** Registers the workspace enablements contract; `current()` is the fresh, empty store of the running test. */
export function describeWorkspacesContract(current: () => Store): void {
  describe('workspace enablements', () => {
    let store: Store;
    beforeEach(() => {
      store = current();
    });

    it('keeps one enablement per (account, workspace) and lists them both ways', async () => {
      const e = {
        accountUuid: 'a1',
        workspaceId: 'N:organization:o1',
        isPublic: false,
        enableCompute: true,
        enableStorage: false,
        enabledBy: 'N:user:u1',
        enabledAt: 1767225600,
      };
      assert.equal(await store.workspaces.create(e), true);
      assert.equal(await store.workspaces.create({ ...e, isPublic: true }), false);
      assert.deepEqual(await store.workspaces.get('a1', 'N:organization:o1'), e);
      await store.workspaces.create({ ...e, workspaceId: 'N:organization:o2' });
      await store.workspaces.create({ ...e, accountUuid: 'a2' });
      assert.equal((await store.workspaces.listByAccount('a1')).length, 2);
      assert.equal((await store.workspaces.listByWorkspace('N:organization:o1')).length, 2);
      await store.workspaces.delete('a1', 'N:organization:o1');
      assert.equal(await store.workspaces.get('a1', 'N:organization:o1'), undefined);
      await store.workspaces.delete('a1', 'N:organization:missing');
    });
  });
}
