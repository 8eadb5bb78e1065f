// Accounts, DynamoDB half: production's accounts table (`uuid`; GSI `userId-index`). Pausing and
// deleting reach the account's nodes (GSI `accountUuid-index`) in the same transaction.

import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { conditionally, updateItem, type DynamoDatabase, type Item, type TransactItem } from '../dynamoClient';
import type { AccountRecord, AccountStore, EnablementRecord, NodeRecord } from '../types';

export function dynamoAccounts(d: DynamoDatabase): AccountStore {
  const { t } = d;
  const get = (uuid: string) => d.get<AccountRecord>(t.accounts, { uuid });
  const listByUser = (userId: string) => d.byIndex<AccountRecord>(t.accounts, 'userId-index', 'userId', userId);
  const nodesOf = (uuid: string) => d.byIndex<NodeRecord>(t.nodes, 'accountUuid-index', 'accountUuid', uuid);
  return {
    async create(a) {
      if ((await listByUser(a.userId)).some((m) => m.accountId === a.accountId)) return false;
      await d.doc.send(new PutCommand({ TableName: t.accounts, Item: a }));
      return true;
    },
    get,
    listByUser,
    listByAwsAccountId: (accountId) =>
      d.scanAll<AccountRecord>({
        TableName: t.accounts,
        FilterExpression: 'accountId = :a',
        ExpressionAttributeValues: { ':a': accountId },
      }),
    async update(uuid, patch, pauseFrom = []) {
      if (!(await get(uuid))) return undefined;
      const nodes = pauseFrom.length ? await nodesOf(uuid) : [];
      const items: TransactItem[] = [
        updateItem(t.accounts, { uuid }, 'uuid', patch as Item),
        ...nodes.filter((n) => pauseFrom.includes(n.status)).map((n) => d.nodeUpdate(n.uuid, { status: 'Paused' })),
      ];
      return (await conditionally(() => d.transact(items))) ? get(uuid) : undefined;
    },
    async delete(uuid, withNodes) {
      const items: TransactItem[] = [];
      if (withNodes) for (const n of await nodesOf(uuid)) items.push(...(await d.removeNodeItems(n.uuid)));
      for (const e of await d.byIndex<EnablementRecord>(t.workspaces, undefined, 'accountUuid', uuid)) {
        items.push({ Delete: { TableName: t.workspaces, Key: { accountUuid: uuid, workspaceId: e.workspaceId } } });
      }
      items.push({ Delete: { TableName: t.accounts, Key: { uuid } } });
      await d.transact(items);
    },
  };
}
