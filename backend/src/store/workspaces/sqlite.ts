// Workspace enablements, SQLite half: the `enablements` table, keyed by (account, workspace).

import type { SqliteDatabase } from '../sqliteDatabase';
import type { EnablementRecord, WorkspaceStore } from '../types';

export function sqliteWorkspaces({ db, parse }: SqliteDatabase): WorkspaceStore {
  const q = {
    one: db.prepare('SELECT data FROM enablements WHERE account_uuid = ? AND workspace_id = ?').pluck(),
    byAccount: db.prepare('SELECT data FROM enablements WHERE account_uuid = ? ORDER BY rowid').pluck(),
    byWorkspace: db.prepare('SELECT data FROM enablements WHERE workspace_id = ? ORDER BY rowid').pluck(),
    insert: db.prepare('INSERT OR IGNORE INTO enablements (account_uuid, workspace_id, data) VALUES (?, ?, ?)'),
    delete: db.prepare('DELETE FROM enablements WHERE account_uuid = ? AND workspace_id = ?'),
  };
  return {
    create: async (e) => q.insert.run(e.accountUuid, e.workspaceId, JSON.stringify(e)).changes === 1,
    get: async (a, w) => parse.row<EnablementRecord>(q.one.get(a, w)),
    listByAccount: async (a) => parse.rows<EnablementRecord>(q.byAccount.all(a)),
    listByWorkspace: async (w) => parse.rows<EnablementRecord>(q.byWorkspace.all(w)),
    delete: async (a, w) => void q.delete.run(a, w),
  };
}
