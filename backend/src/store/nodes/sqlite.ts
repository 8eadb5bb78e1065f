// Compute nodes, SQLite half: the `nodes` table; a node's first job and owner row are written with it.

import type { SqliteDatabase } from '../sqliteDatabase';
import type { AccessRecord, JobRecord, NodePatch, NodeRecord, NodeStore, NodeStatus } from '../types';
import { upsertJob } from '../jobs/sqlite';

export function sqliteNodes(s: SqliteDatabase): NodeStore {
  const { db, parse } = s;
  const q = {
    many: db.prepare('SELECT data FROM nodes WHERE uuid IN (SELECT value FROM json_each(?))').pluck(),
    byAccount: db.prepare('SELECT data FROM nodes WHERE account_uuid = ? ORDER BY rowid').pluck(),
    byStatus: db
      .prepare('SELECT data FROM nodes WHERE status IN (SELECT value FROM json_each(?)) ORDER BY rowid')
      .pluck(),
  };
  const create = db.transaction((node: NodeRecord, owner: AccessRecord, job?: JobRecord) => {
    s.writeNode(node);
    s.writeAccess(owner);
    if (job) s.writeJob(job);
  });
  const update = db.transaction((uuid: string, patch: NodePatch, job?: JobRecord) => {
    const next = s.patchNode(uuid, patch);
    if (next && job) upsertJob(s, job);
    return next;
  });
  return {
    create: async (node, owner, job) => create(node, owner, job),
    get: async (uuid) => s.readNode(uuid),
    getMany: async (uuids) => (uuids.length ? parse.rows<NodeRecord>(q.many.all(JSON.stringify(uuids))) : []),
    listByAccount: async (a) => parse.rows<NodeRecord>(q.byAccount.all(a)),
    listByStatus: async (statuses: readonly NodeStatus[]) =>
      statuses.length ? parse.rows<NodeRecord>(q.byStatus.all(JSON.stringify(statuses))) : [],
    update: async (uuid, patch, job) => update(uuid, patch, job),
  };
}
