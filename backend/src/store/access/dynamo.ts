// Access rows, DynamoDB half: production's access table (`entityId`/`nodeId` with rows
// `user#…`/`team#…`/`workspace#…` × `node#<uuid>`; GSIs `nodeId-entityId-index`, `organizationId-nodeId-index`).

import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDatabase } from '../dynamoClient';
import { nodeKey, type AccessRecord, type AccessStore } from '../types';

export function dynamoAccess(d: DynamoDatabase): AccessStore {
  const { t } = d;
  const key = (entityId: string, nodeUuid: string) => ({ entityId, nodeId: nodeKey(nodeUuid) });
  return {
    get: (entityId, nodeUuid) => d.get<AccessRecord>(t.access, key(entityId, nodeUuid)),
    listByNode: (nodeUuid) => d.accessByNode(nodeUuid),
    listByEntity: (entityId) => d.byIndex<AccessRecord>(t.access, undefined, 'entityId', entityId),
    async put(row) {
      await d.doc.send(new PutCommand({ TableName: t.access, Item: row }));
    },
    async delete(entityId, nodeUuid) {
      await d.doc.send(new DeleteCommand({ TableName: t.access, Key: key(entityId, nodeUuid) }));
    },
    async change(nodeUuid, change) {
      const putIds = new Set(change.put.map((r) => r.entityId));
      await d.transact([
        // One transaction may touch an item once: a row that is re-put is simply overwritten.
        ...change.remove
          .filter((id) => !putIds.has(id))
          .map((id) => ({ Delete: { TableName: t.access, Key: key(id, nodeUuid) } })),
        ...change.put.map((row) => ({ Put: { TableName: t.access, Item: row } })),
        ...(change.nodePatch ? [d.nodeUpdate(nodeUuid, change.nodePatch)] : []),
      ]);
    },
  };
}
