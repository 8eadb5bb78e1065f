// Compute nodes, DynamoDB half: production's nodes table (`uuid`; GSIs `organizationId-index`,
// `accountUuid-index`, `userId-index`); a node's first job and owner row are written with it.

import type { DynamoDatabase, TransactItem } from '../dynamoClient';
import { conditionally } from '../dynamoClient';
import { jobUpsert } from '../jobs/dynamo';
import type { NodeRecord, NodeStore } from '../types';

export function dynamoNodes(d: DynamoDatabase): NodeStore {
  const { t } = d;
  const get = (uuid: string) => d.get<NodeRecord>(t.nodes, { uuid });
  return {
    create: (node, owner, job) =>
      d.transact([
        {
          Put: {
            TableName: t.nodes,
            Item: node,
            ConditionExpression: 'attribute_not_exists(#u)',
            ExpressionAttributeNames: { '#u': 'uuid' },
          },
        },
        { Put: { TableName: t.access, Item: owner } },
        ...(job ? [{ Put: { TableName: t.jobs, Item: job } }] : []),
      ]),
    get,
    // BatchGetItem (100 keys a request) rejects a key given twice.
    getMany: (uuids) =>
      d.getBatch<NodeRecord>(
        t.nodes,
        [...new Set(uuids)].map((uuid) => ({ uuid })),
      ),
    listByAccount: (a) => d.byIndex<NodeRecord>(t.nodes, 'accountUuid-index', 'accountUuid', a),
    async listByStatus(statuses) {
      if (statuses.length === 0) return [];
      const values = Object.fromEntries(statuses.map((s, i) => [`:s${i}`, s]));
      return d.scanAll<NodeRecord>({
        TableName: t.nodes,
        FilterExpression: `#s IN (${Object.keys(values).join(', ')})`,
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: values,
      });
    },
    async update(uuid, patch, job) {
      const items: TransactItem[] = [d.nodeUpdate(uuid, patch)];
      if (job) items.push(jobUpsert(t.jobs, job));
      return (await conditionally(() => d.transact(items))) ? get(uuid) : undefined;
    },
  };
}
