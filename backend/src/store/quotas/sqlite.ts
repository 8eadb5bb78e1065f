// Per-user LLM quotas and usage aggregates, SQLite half: tables `chat_user_quota` (node, user) and
// `chat_user_usage` (userNodeDate, recordType), each record kept as JSON.

import type { SqliteDatabase } from '../sqliteDatabase';
import type { ChatUserQuota, ChatUserUsage, QuotaStore } from '../types';

export function sqliteQuotas({ db, parse }: SqliteDatabase): QuotaStore {
  const q = {
    one: db.prepare('SELECT data FROM chat_user_quota WHERE compute_node_id = ? AND user_id = ?').pluck(),
    byNode: db.prepare('SELECT data FROM chat_user_quota WHERE compute_node_id = ? ORDER BY user_id').pluck(),
    put: db.prepare('INSERT OR REPLACE INTO chat_user_quota (compute_node_id, user_id, data) VALUES (?, ?, ?)'),
    delete: db.prepare('DELETE FROM chat_user_quota WHERE compute_node_id = ? AND user_id = ?'),
    usage: db.prepare('SELECT data FROM chat_user_usage WHERE user_node_date = ? AND record_type = ?').pluck(),
    putUsage: db.prepare('INSERT OR REPLACE INTO chat_user_usage (user_node_date, record_type, data) VALUES (?, ?, ?)'),
  };
  return {
    get: async (nodeUuid, userId) => parse.row<ChatUserQuota>(q.one.get(nodeUuid, userId)),
    listByNode: async (nodeUuid) => parse.rows<ChatUserQuota>(q.byNode.all(nodeUuid)),
    put: async (row) => void q.put.run(row.computeNodeId, row.userId, JSON.stringify(row)),
    delete: async (nodeUuid, userId) => void q.delete.run(nodeUuid, userId),
    getUsage: async (key, recordType) => parse.row<ChatUserUsage>(q.usage.get(key, recordType)),
    putUsage: async (u) => void q.putUsage.run(u.userNodeDate, u.recordType, JSON.stringify(u)),
  };
}
