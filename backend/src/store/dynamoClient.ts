// The DynamoDB half's shared ground: the document client over production's tables, paged queries
// and scans, transactions (split at DynamoDB's 100-item limit), and the item writes several
// resources' transactions share (node updates, removing a node with its rows).

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  ScanCommand,
  TransactWriteCommand,
  type QueryCommandInput,
  type ScanCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { ensureTables, tableNames, type TableNames } from './dynamoTables';
import { nodeKey, type AccessRecord, type NodePatch } from './types';

export interface DynamoStoreOptions {
  readonly environment: string;
  readonly region: string;
  /** moto or DynamoDB Local; undefined = the region's real endpoint. */
  readonly endpoint?: string;
  /** Static credentials for an emulator; undefined = the default AWS credential chain. */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

export type Item = Record<string, unknown>;
export type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

const MAX_TRANSACTION_ITEMS = 100;
const MAX_BATCH_GET_KEYS = 100;
/** Rounds of a batch get that DynamoDB answers with unprocessed keys (throttling) before it fails. */
const MAX_BATCH_GET_ROUNDS = 8;

/** The client, the table names and the operations every resource's half uses. */
export interface DynamoDatabase {
  readonly client: DynamoDBClient;
  readonly doc: DynamoDBDocumentClient;
  readonly t: TableNames;
  get<T>(table: string, key: Item): Promise<T | undefined>;
  /** The items of `table` with these keys that exist, in no particular order (strongly consistent). */
  getBatch<T>(table: string, keys: readonly Item[]): Promise<T[]>;
  /** Every item of a query on the table (`index` undefined) or a GSI where `attr = value`. */
  byIndex<T>(table: string, index: string | undefined, attr: string, value: string): Promise<T[]>;
  scanAll<T>(input: ScanCommandInput): Promise<T[]>;
  transact(items: TransactItem[]): Promise<void>;
  accessByNode(nodeUuid: string): Promise<AccessRecord[]>;
  nodeUpdate(uuid: string, patch: NodePatch): TransactItem;
  /** Deletes of the node, its access rows and its job. */
  removeNodeItems(uuid: string): Promise<TransactItem[]>;
}

/** An `UPDATE … SET` of every defined field of `patch`, only if the item exists. */
export function updateItem(table: string, key: Item, keyAttr: string, patch: Item): TransactItem {
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

/** A conditional write (or a transaction with one) that did not apply. */
export function isConditionFailure(err: unknown): boolean {
  const name = (err as { name?: string }).name;
  return name === 'ConditionalCheckFailedException' || name === 'TransactionCanceledException';
}

/** Runs `write`; false instead of an error when its condition failed. */
export async function conditionally(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (err) {
    if (isConditionFailure(err)) return false;
    throw err;
  }
}

async function pages<T>(
  send: (start: Item | undefined) => Promise<{ Items?: Item[]; LastEvaluatedKey?: Item }>,
): Promise<T[]> {
  const out: T[] = [];
  let start: Item | undefined;
  do {
    const page = await send(start);
    out.push(...((page.Items ?? []) as T[]));
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}

/** BatchGetItem of up to 100 keys, sent again for the keys DynamoDB left unprocessed. */
async function batchGetChunk(doc: DynamoDBDocumentClient, table: string, keys: Item[]): Promise<Item[]> {
  const out: Item[] = [];
  let pending: Item[] = keys;
  for (let round = 0; pending.length > 0; round++) {
    if (round === MAX_BATCH_GET_ROUNDS) throw new Error(`BatchGetItem on ${table}: keys still unprocessed`);
    if (round > 0) await new Promise((r) => setTimeout(r, 25 * 2 ** round));
    const res = await doc.send(
      new BatchGetCommand({ RequestItems: { [table]: { Keys: pending, ConsistentRead: true } } }),
    );
    out.push(...((res.Responses?.[table] ?? []) as Item[]));
    pending = (res.UnprocessedKeys?.[table]?.Keys ?? []) as Item[];
  }
  return out;
}

/** Connects to DynamoDB and creates production's tables when they are missing. */
export async function openDynamoDatabase(opts: DynamoStoreOptions): Promise<DynamoDatabase> {
  const client = new DynamoDBClient({ region: opts.region, endpoint: opts.endpoint, credentials: opts.credentials });
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const t = tableNames(opts.environment, opts.region);
  await ensureTables(client, t);
  const queryAll = <T>(input: QueryCommandInput) =>
    pages<T>((start) => doc.send(new QueryCommand({ ...input, ExclusiveStartKey: start })));
  const db: DynamoDatabase = {
    client,
    doc,
    t,
    get: async <T>(TableName: string, Key: Item) =>
      (await doc.send(new GetCommand({ TableName, Key, ConsistentRead: true }))).Item as T | undefined,
    async getBatch<T>(table: string, keys: readonly Item[]) {
      const chunks: Item[][] = [];
      for (let i = 0; i < keys.length; i += MAX_BATCH_GET_KEYS) chunks.push(keys.slice(i, i + MAX_BATCH_GET_KEYS));
      return (await Promise.all(chunks.map((c) => batchGetChunk(doc, table, c)))).flat() as T[];
    },
    byIndex: <T>(TableName: string, IndexName: string | undefined, attr: string, value: string) =>
      queryAll<T>({
        TableName,
        IndexName,
        KeyConditionExpression: '#k = :v',
        ExpressionAttributeNames: { '#k': attr },
        ExpressionAttributeValues: { ':v': value },
      }),
    scanAll: <T>(input: ScanCommandInput) =>
      pages<T>((start) => doc.send(new ScanCommand({ ...input, ConsistentRead: true, ExclusiveStartKey: start }))),
    async transact(items) {
      for (let i = 0; i < items.length; i += MAX_TRANSACTION_ITEMS) {
        await doc.send(new TransactWriteCommand({ TransactItems: items.slice(i, i + MAX_TRANSACTION_ITEMS) }));
      }
    },
    accessByNode: (nodeUuid) =>
      db.byIndex<AccessRecord>(t.access, 'nodeId-entityId-index', 'nodeId', nodeKey(nodeUuid)),
    nodeUpdate: (uuid, patch) => updateItem(t.nodes, { uuid }, 'uuid', patch as Item),
    removeNodeItems: async (uuid) => [
      ...(await db.accessByNode(uuid)).map((r) => ({
        Delete: { TableName: t.access, Key: { entityId: r.entityId, nodeId: nodeKey(uuid) } },
      })),
      { Delete: { TableName: t.jobs, Key: { nodeUuid: uuid } } },
      { Delete: { TableName: t.nodes, Key: { uuid } } },
    ],
  };
  return db;
}
