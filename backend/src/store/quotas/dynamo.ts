// Per-user LLM quotas and usage aggregates, DynamoDB half: production's `chat-user-quota-table`
// (`computeNodeId`/`userId`) and `chat-user-usage-table` (`userNodeDate`/`recordType`).

import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDatabase } from '../dynamoClient';
import type { ChatUserQuota, ChatUserUsage, QuotaStore } from '../types';

export function dynamoQuotas(d: DynamoDatabase): QuotaStore {
  const { t } = d;
  return {
    get: (computeNodeId, userId) => d.get<ChatUserQuota>(t.quotas, { computeNodeId, userId }),
    // A query returns the rows in sort-key order, as SQLite's ORDER BY user_id does.
    listByNode: (nodeUuid) => d.byIndex<ChatUserQuota>(t.quotas, undefined, 'computeNodeId', nodeUuid),
    async put(row) {
      await d.doc.send(new PutCommand({ TableName: t.quotas, Item: row }));
    },
    async delete(computeNodeId, userId) {
      await d.doc.send(new DeleteCommand({ TableName: t.quotas, Key: { computeNodeId, userId } }));
    },
    getUsage: (userNodeDate, recordType) => d.get<ChatUserUsage>(t.usage, { userNodeDate, recordType }),
    async putUsage(usage) {
      await d.doc.send(new PutCommand({ TableName: t.usage, Item: usage }));
    },
  };
}
