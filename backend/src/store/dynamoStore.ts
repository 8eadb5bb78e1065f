// The DynamoDB store: production's tables, keys, GSIs and access-row layout (reference §5).
// Multi-item writes use TransactWriteItems, so each API write is atomic up to DynamoDB's 100-item limit.

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  TransactWriteCommand,
  DeleteCommand,
  UpdateCommand,
  type QueryCommandInput,
  type ScanCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { ensureTables, tableNames, type TableNames } from './dynamoTables';
import {
  nodeKey,
  type AccessRecord,
  type AccountRecord,
  type EnablementRecord,
  type JobRecord,
  type NodePatch,
  type NodeRecord,
  type Store,
} from './types';

export interface DynamoStoreOptions {
  readonly environment: string;
  readonly region: string;
  /** moto or DynamoDB Local; undefined = the region's real endpoint. */
  readonly endpoint?: string;
  /** Static credentials for an emulator; undefined = the default AWS credential chain. */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

type Item = Record<string, unknown>;
type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

const MAX_TRANSACTION_ITEMS = 100;

/** An `UPDATE … SET` of every defined field of `patch`, only if the item exists. */
function updateItem(table: string, key: Item, keyAttr: string, patch: Item): TransactItem {
  const names: Record<string, string> = { '#key': keyAttr };
  const values: Record<string, unknown> = {};
  const sets: string[] = [];
  Object.entries(patch).forEach(([field, value], i) => {
    if (value === undefined) return;
    names[`#f${i}`] = field;
    values[`:v${i}`] = value;
    sets.push(`#f${i} = :v${i}`);
  });
  const condition = { TableName: table, Key: key, ConditionExpression: 'attribute_exists(#key)' };
  if (sets.length === 0) return { ConditionCheck: { ...condition, ExpressionAttributeNames: { '#key': keyAttr } } };
  return {
    Update: {
      ...condition,
      UpdateExpression: `SET ${sets.join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

function isConditionFailure(err: unknown): boolean {
  const name = (err as { name?: string }).name;
  return name === 'ConditionalCheckFailedException' || name === 'TransactionCanceledException';
}

/** Opens the DynamoDB store, creating production's tables when they are missing. */
export async function openDynamoStore(opts: DynamoStoreOptions): Promise<Store> {
  const client = new DynamoDBClient({ region: opts.region, endpoint: opts.endpoint, credentials: opts.credentials });
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const t: TableNames = tableNames(opts.environment, opts.region);
  await ensureTables(client, t);

  const get = async <T>(TableName: string, Key: Item): Promise<T | undefined> =>
    (await doc.send(new GetCommand({ TableName, Key, ConsistentRead: true }))).Item as T | undefined;
  const queryAll = async <T>(input: QueryCommandInput): Promise<T[]> => {
    const out: T[] = [];
    let start: Item | undefined;
    do {
      const page = await doc.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
      out.push(...((page.Items ?? []) as T[]));
      start = page.LastEvaluatedKey;
    } while (start);
    return out;
  };
  const scanAll = async <T>(input: ScanCommandInput): Promise<T[]> => {
    const out: T[] = [];
    let start: Item | undefined;
    do {
      const page = await doc.send(new ScanCommand({ ...input, ConsistentRead: true, ExclusiveStartKey: start }));
      out.push(...((page.Items ?? []) as T[]));
      start = page.LastEvaluatedKey;
    } while (start);
    return out;
  };
  const byIndex = <T>(TableName: string, IndexName: string | undefined, attr: string, value: string) =>
    queryAll<T>({
      TableName,
      IndexName,
      KeyConditionExpression: '#k = :v',
      ExpressionAttributeNames: { '#k': attr },
      ExpressionAttributeValues: { ':v': value },
    });
  const transact = async (items: TransactItem[]): Promise<void> => {
    for (let i = 0; i < items.length; i += MAX_TRANSACTION_ITEMS) {
      await doc.send(new TransactWriteCommand({ TransactItems: items.slice(i, i + MAX_TRANSACTION_ITEMS) }));
    }
  };
  const accessByNode = (nodeUuid: string) =>
    byIndex<AccessRecord>(t.access, 'nodeId-entityId-index', 'nodeId', nodeKey(nodeUuid));
  const accessKey = (entityId: string, nodeUuid: string) => ({ entityId, nodeId: nodeKey(nodeUuid) });
  const nodeUpdate = (uuid: string, patch: NodePatch) => updateItem(t.nodes, { uuid }, 'uuid', patch as Item);
  const removeNodeItems = async (uuid: string): Promise<TransactItem[]> => [
    ...(await accessByNode(uuid)).map((r) => ({ Delete: { TableName: t.access, Key: accessKey(r.entityId, uuid) } })),
    { Delete: { TableName: t.jobs, Key: { nodeUuid: uuid } } },
    { Delete: { TableName: t.nodes, Key: { uuid } } },
  ];
  const getNode = (uuid: string) => get<NodeRecord>(t.nodes, { uuid });

  return {
    kind: 'dynamodb',
    createAccount: async (a) => {
      const mine = await byIndex<AccountRecord>(t.accounts, 'userId-index', 'userId', a.userId);
      if (mine.some((m) => m.accountId === a.accountId)) return false;
      await doc.send(new PutCommand({ TableName: t.accounts, Item: a }));
      return true;
    },
    getAccount: (uuid) => get<AccountRecord>(t.accounts, { uuid }),
    listAccountsByUser: (userId) => byIndex<AccountRecord>(t.accounts, 'userId-index', 'userId', userId),
    listAccountsByAwsAccountId: (accountId) =>
      scanAll<AccountRecord>({
        TableName: t.accounts,
        FilterExpression: 'accountId = :a',
        ExpressionAttributeValues: { ':a': accountId },
      }),
    updateAccount: async (uuid, patch, pauseFrom = []) => {
      if (!(await get<AccountRecord>(t.accounts, { uuid }))) return undefined;
      const nodes = pauseFrom.length ? await byIndex<NodeRecord>(t.nodes, 'accountUuid-index', 'accountUuid', uuid) : [];
      const items: TransactItem[] = [
        updateItem(t.accounts, { uuid }, 'uuid', patch as Item),
        ...nodes.filter((n) => pauseFrom.includes(n.status)).map((n) => nodeUpdate(n.uuid, { status: 'Paused' })),
      ];
      try {
        await transact(items);
      } catch (err) {
        if (isConditionFailure(err)) return undefined;
        throw err;
      }
      return get<AccountRecord>(t.accounts, { uuid });
    },
    deleteAccount: async (uuid, withNodes) => {
      const items: TransactItem[] = [];
      if (withNodes) {
        for (const n of await byIndex<NodeRecord>(t.nodes, 'accountUuid-index', 'accountUuid', uuid)) {
          items.push(...(await removeNodeItems(n.uuid)));
        }
      }
      for (const e of await byIndex<EnablementRecord>(t.workspaces, undefined, 'accountUuid', uuid)) {
        items.push({ Delete: { TableName: t.workspaces, Key: { accountUuid: uuid, workspaceId: e.workspaceId } } });
      }
      items.push({ Delete: { TableName: t.accounts, Key: { uuid } } });
      await transact(items);
    },

    createEnablement: async (e) => {
      try {
        await doc.send(
          new PutCommand({ TableName: t.workspaces, Item: e, ConditionExpression: 'attribute_not_exists(accountUuid)' }),
        );
        return true;
      } catch (err) {
        if (isConditionFailure(err)) return false;
        throw err;
      }
    },
    getEnablement: (accountUuid, workspaceId) => get<EnablementRecord>(t.workspaces, { accountUuid, workspaceId }),
    listEnablementsByAccount: (a) => byIndex<EnablementRecord>(t.workspaces, undefined, 'accountUuid', a),
    listEnablementsByWorkspace: (w) => byIndex<EnablementRecord>(t.workspaces, 'workspaceId-index', 'workspaceId', w),
    deleteEnablement: async (accountUuid, workspaceId) => {
      await doc.send(new DeleteCommand({ TableName: t.workspaces, Key: { accountUuid, workspaceId } }));
    },

    createNode: (node, owner, job) =>
      transact([
        { Put: { TableName: t.nodes, Item: node, ConditionExpression: 'attribute_not_exists(#u)', ExpressionAttributeNames: { '#u': 'uuid' } } },
        { Put: { TableName: t.access, Item: owner } },
        { Put: { TableName: t.jobs, Item: job } },
      ]),
    getNode,
    getNodes: async (uuids) => (await Promise.all(uuids.map(getNode))).filter((n): n is NodeRecord => n !== undefined),
    listNodesByAccount: (a) => byIndex<NodeRecord>(t.nodes, 'accountUuid-index', 'accountUuid', a),
    listNodesByStatus: async (statuses) => {
      if (statuses.length === 0) return [];
      const values = Object.fromEntries(statuses.map((s, i) => [`:s${i}`, s]));
      return scanAll<NodeRecord>({
        TableName: t.nodes,
        FilterExpression: `#s IN (${Object.keys(values).join(', ')})`,
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: values,
      });
    },
    updateNode: async (uuid, patch, job) => {
      const items: TransactItem[] = [nodeUpdate(uuid, patch)];
      if (job) items.push({ Put: { TableName: t.jobs, Item: job } });
      try {
        await transact(items);
      } catch (err) {
        if (isConditionFailure(err)) return undefined;
        throw err;
      }
      return getNode(uuid);
    },

    getAccess: (entityId, nodeUuid) => get<AccessRecord>(t.access, accessKey(entityId, nodeUuid)),
    listAccessByNode: accessByNode,
    listAccessByEntity: (entityId) => byIndex<AccessRecord>(t.access, undefined, 'entityId', entityId),
    putAccess: async (row) => {
      await doc.send(new PutCommand({ TableName: t.access, Item: row }));
    },
    deleteAccess: async (entityId, nodeUuid) => {
      await doc.send(new DeleteCommand({ TableName: t.access, Key: accessKey(entityId, nodeUuid) }));
    },
    changeAccess: async (nodeUuid, change) => {
      const putIds = new Set(change.put.map((r) => r.entityId));
      await transact([
        // One transaction may touch an item once: a row that is re-put is simply overwritten.
        ...change.remove
          .filter((id) => !putIds.has(id))
          .map((id) => ({ Delete: { TableName: t.access, Key: accessKey(id, nodeUuid) } })),
        ...change.put.map((row) => ({ Put: { TableName: t.access, Item: row } })),
        ...(change.nodePatch ? [nodeUpdate(nodeUuid, change.nodePatch)] : []),
      ]);
    },

    getJob: (nodeUuid) => get<JobRecord>(t.jobs, { nodeUuid }),
    listJobs: () => scanAll<JobRecord>({ TableName: t.jobs }),
    startJobAttempt: async (nodeUuid, jobId, now) => {
      try {
        const out = await doc.send(
          new UpdateCommand({
            TableName: t.jobs,
            Key: { nodeUuid },
            UpdateExpression: 'SET attempts = attempts + :one, updatedAt = :now',
            ConditionExpression: 'jobId = :j',
            ExpressionAttributeValues: { ':one': 1, ':now': now.toISOString(), ':j': jobId },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return out.Attributes as JobRecord | undefined;
      } catch (err) {
        if (isConditionFailure(err)) return undefined;
        throw err;
      }
    },
    finishJob: async (nodeUuid, jobId, outcome) => {
      const job = await get<JobRecord>(t.jobs, { nodeUuid });
      if (!job || job.jobId !== jobId) return false;
      const guard: TransactItem = {
        Delete: {
          TableName: t.jobs,
          Key: { nodeUuid },
          ConditionExpression: 'jobId = :j',
          ExpressionAttributeValues: { ':j': jobId },
        },
      };
      const rest =
        outcome.kind === 'remove'
          ? (await removeNodeItems(nodeUuid)).filter((i) => i.Delete?.TableName !== t.jobs)
          : [nodeUpdate(nodeUuid, outcome.patch)];
      try {
        await transact([guard, ...rest]);
        return true;
      } catch (err) {
        if (isConditionFailure(err)) return false;
        throw err;
      }
    },

    close: async () => {
      client.destroy();
    },
  };
}
