// Accounts, SQLite half: the `accounts` table; pausing and deleting reach the account's nodes in the same transaction.

import type { SqliteDatabase } from '../sqliteDatabase';
import { defined } from '../sqliteDatabase';
import type { AccountPatch, AccountRecord, AccountStore, NodeRecord, NodeStatus } from '../types';

export function sqliteAccounts(s: SqliteDatabase): AccountStore {
  const { db, parse } = s;
  const q = {
    byId: db.prepare('SELECT data FROM accounts WHERE uuid = ?').pluck(),
    byUser: db.prepare('SELECT data FROM accounts WHERE user_id = ? ORDER BY rowid').pluck(),
    byAws: db.prepare('SELECT data FROM accounts WHERE account_id = ? ORDER BY rowid').pluck(),
    byUserAws: db.prepare('SELECT 1 FROM accounts WHERE user_id = ? AND account_id = ?'),
    put: db.prepare('INSERT OR REPLACE INTO accounts (uuid, user_id, account_id, data) VALUES (?, ?, ?, ?)'),
    delete: db.prepare('DELETE FROM accounts WHERE uuid = ?'),
    deleteEnablements: db.prepare('DELETE FROM enablements WHERE account_uuid = ?'),
    nodes: db.prepare('SELECT data FROM nodes WHERE account_uuid = ? ORDER BY rowid').pluck(),
  };
  const write = (a: AccountRecord) => q.put.run(a.uuid, a.userId, a.accountId, JSON.stringify(a));
  const nodesOf = (uuid: string) => parse.rows<NodeRecord>(q.nodes.all(uuid));

  const create = db.transaction((a: AccountRecord): boolean => {
    if (q.byUserAws.get(a.userId, a.accountId)) return false;
    write(a);
    return true;
  });
  const update = db.transaction((uuid: string, patch: AccountPatch, pauseFrom: readonly NodeStatus[]) => {
    const account = parse.row<AccountRecord>(q.byId.get(uuid));
    if (!account) return undefined;
    const next: AccountRecord = { ...account, ...defined(patch) };
    write(next);
    for (const node of nodesOf(uuid)) if (pauseFrom.includes(node.status)) s.writeNode({ ...node, status: 'Paused' });
    return next;
  });
  const remove = db.transaction((uuid: string, withNodes: boolean) => {
    if (withNodes) for (const node of nodesOf(uuid)) s.removeNode(node.uuid);
    q.deleteEnablements.run(uuid);
    q.delete.run(uuid);
  });

  return {
    create: async (a) => create(a),
    get: async (uuid) => parse.row<AccountRecord>(q.byId.get(uuid)),
    listByUser: async (userId) => parse.rows<AccountRecord>(q.byUser.all(userId)),
    listByAwsAccountId: async (id) => parse.rows<AccountRecord>(q.byAws.all(id)),
    update: async (uuid, patch, pauseFrom = []) => update(uuid, patch, pauseFrom),
    delete: async (uuid, withNodes) => remove(uuid, withNodes),
  };
}
