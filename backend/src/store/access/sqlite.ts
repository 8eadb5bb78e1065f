// Access rows, SQLite half: the `access` table, keyed by (entity, node), with an index by node.

import type { SqliteDatabase } from '../sqliteDatabase';
import { nodeKey, type AccessChange, type AccessRecord, type AccessStore } from '../types';

export function sqliteAccess(s: SqliteDatabase): AccessStore {
  const { db, parse } = s;
  const q = {
    one: db.prepare('SELECT data FROM access WHERE entity_id = ? AND node_id = ?').pluck(),
    byNode: db.prepare('SELECT data FROM access WHERE node_id = ? ORDER BY rowid').pluck(),
    byEntity: db.prepare('SELECT data FROM access WHERE entity_id = ? ORDER BY rowid').pluck(),
    delete: db.prepare('DELETE FROM access WHERE entity_id = ? AND node_id = ?'),
  };
  const change = db.transaction((nodeUuid: string, c: AccessChange) => {
    for (const entityId of c.remove) q.delete.run(entityId, nodeKey(nodeUuid));
    for (const row of c.put) s.writeAccess(row);
    if (c.nodePatch) s.patchNode(nodeUuid, c.nodePatch);
  });
  return {
    get: async (entityId, nodeUuid) => parse.row<AccessRecord>(q.one.get(entityId, nodeKey(nodeUuid))),
    listByNode: async (nodeUuid) => parse.rows<AccessRecord>(q.byNode.all(nodeKey(nodeUuid))),
    listByEntity: async (entityId) => parse.rows<AccessRecord>(q.byEntity.all(entityId)),
    put: async (row) => s.writeAccess(row),
    delete: async (entityId, nodeUuid) => void q.delete.run(entityId, nodeKey(nodeUuid)),
    change: async (nodeUuid, c) => change(nodeUuid, c),
  };
}
