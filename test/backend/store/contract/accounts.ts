// The store contract for accounts: run against every store (SQLite and DynamoDB on moto).

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Store } from '../../../../backend/src/store/types';
import { account, job, node, ownerRow } from './records';

/** Registers the accounts contract; `current()` is the fresh, empty store of the running test. */
export function describeAccountsContract(current: () => Store): void {
  describe('accounts', () => {
    let store: Store;
    beforeEach(() => {
      store = current();
    });

    it('creates accounts, refusing a second one of the same user and AWS account', async () => {
      const a = account({ name: 'Lab AWS' });
      assert.equal(await store.accounts.create(a), true);
      assert.equal(await store.accounts.create({ ...a, uuid: randomUUID() }), false);
      assert.equal(await store.accounts.create({ ...a, uuid: randomUUID(), userId: 'N:user:u2' }), true);
      assert.deepEqual(await store.accounts.get(a.uuid), a);
      assert.equal(await store.accounts.get('missing'), undefined);
      assert.deepEqual(
        (await store.accounts.listByUser('N:user:u1')).map((x) => x.uuid),
        [a.uuid],
      );
      assert.equal((await store.accounts.listByAwsAccountId('123456789012')).length, 2);
      assert.deepEqual(await store.accounts.listByAwsAccountId('999999999999'), []);
    });

    it('updates an account and pauses only the nodes in the given statuses, atomically', async () => {
      const a = account();
      await store.accounts.create(a);
      const enabled = node(a.uuid, { status: 'Enabled' });
      const pending = node(a.uuid, { status: 'Pending' });
      for (const n of [enabled, pending]) await store.nodes.create(n, ownerRow(n), job(n.uuid));
      const updated = await store.accounts.update(a.uuid, { status: 'Paused', name: undefined, description: 'd' }, [
        'Enabled',
        'Failed',
      ]);
      assert.equal(updated?.status, 'Paused');
      assert.equal(updated?.description, 'd');
      assert.equal(updated?.roleName, a.roleName, 'fields not in the patch are kept');
      assert.equal((await store.nodes.get(enabled.uuid))?.status, 'Paused');
      assert.equal((await store.nodes.get(pending.uuid))?.status, 'Pending');
      assert.equal(await store.accounts.update('missing', { name: 'x' }), undefined);
    });

    it('deletes an account with its enablements, and with withNodes its nodes, rows and jobs', async () => {
      const a = account();
      await store.accounts.create(a);
      await store.workspaces.create({
        accountUuid: a.uuid,
        workspaceId: 'N:organization:o1',
        isPublic: true,
        enableCompute: true,
        enableStorage: false,
        enabledBy: a.userId,
        enabledAt: 1,
      });
      const n = node(a.uuid);
      await store.nodes.create(n, ownerRow(n), job(n.uuid));
      await store.accounts.delete(a.uuid, true);
      assert.equal(await store.accounts.get(a.uuid), undefined);
      assert.deepEqual(await store.workspaces.listByAccount(a.uuid), []);
      assert.equal(await store.nodes.get(n.uuid), undefined);
      assert.deepEqual(await store.access.listByNode(n.uuid), []);
      assert.equal(await store.jobs.get(n.uuid), undefined);
      const b = account({ accountId: '210987654321' });
      await store.accounts.create(b);
      const kept = node(b.uuid);
      await store.nodes.create(kept, ownerRow(kept), job(kept.uuid));
      await store.accounts.delete(b.uuid, false);
      assert.ok(await store.nodes.get(kept.uuid), 'without withNodes the nodes stay');
    });
  });
}
