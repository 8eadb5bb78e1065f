// Production's DynamoDB table layout (Pennsieve/account-service, terraform/dynamodb.tf), plus the sandbox's jobs table.

import {
  CreateTableCommand,
  DescribeTableCommand,
  type CreateTableCommandInput,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';

export interface TableNames {
  readonly accounts: string;
  readonly workspaces: string;
  readonly nodes: string;
  readonly access: string;
  /** Sandbox addition: outstanding provisioning jobs (production tracks them in ECS and EventBridge). */
  readonly jobs: string;
  /** Per-user LLM quotas (`computeNodeId`/`userId`). */
  readonly quotas: string;
  /** LLM usage aggregates (`userNodeDate`/`recordType`). */
  readonly usage: string;
}

/** `us-east-1` → `use1`, the `region_short` suffix production's table names carry. */
export function regionShort(region: string): string {
  const [area = '', direction = '', number = ''] = region.split('-');
  return `${area}${direction.charAt(0)}${number}`;
}

/** `${env}-<name>-${region_short}`, as production names its tables. */
export function tableNames(environment: string, region: string): TableNames {
  const suffix = regionShort(region);
  const name = (base: string) => `${environment}-${base}-${suffix}`;
  return {
    accounts: name('compute-resource-accounts-table'),
    workspaces: name('compute-resource-account-workspace-table'),
    nodes: name('compute-resource-nodes-table'),
    access: name('compute-node-access-table'),
    jobs: name('compute-resource-jobs-table'),
    quotas: name('chat-user-quota-table'),
    usage: name('chat-user-usage-table'),
  };
}

const S = 'S' as const;
const ALL = { ProjectionType: 'ALL' as const };
type Definition = Omit<CreateTableCommandInput, 'TableName'>;

const hash = (attr: string) => ({ AttributeName: attr, KeyType: 'HASH' as const });
const range = (attr: string) => ({ AttributeName: attr, KeyType: 'RANGE' as const });
const strings = (...attrs: string[]) => attrs.map((a) => ({ AttributeName: a, AttributeType: S }));
const gsi = (name: string, ...keys: ReturnType<typeof hash | typeof range>[]) => ({
  IndexName: name,
  KeySchema: keys,
  Projection: ALL,
});

/** Each table's keys and GSIs, as production's Terraform declares them. */
const DEFINITIONS: Readonly<Record<keyof TableNames, Definition>> = {
  accounts: {
    KeySchema: [hash('uuid')],
    AttributeDefinitions: strings('uuid', 'userId'),
    GlobalSecondaryIndexes: [gsi('userId-index', hash('userId'))],
  },
  workspaces: {
    KeySchema: [hash('accountUuid'), range('workspaceId')],
    AttributeDefinitions: strings('accountUuid', 'workspaceId'),
    GlobalSecondaryIndexes: [gsi('workspaceId-index', hash('workspaceId'))],
  },
  nodes: {
    KeySchema: [hash('uuid')],
    AttributeDefinitions: strings('uuid', 'organizationId', 'accountUuid', 'userId'),
    GlobalSecondaryIndexes: ['organizationId', 'accountUuid', 'userId'].map((a) => gsi(`${a}-index`, hash(a))),
  },
  access: {
    KeySchema: [hash('entityId'), range('nodeId')],
    AttributeDefinitions: strings('entityId', 'nodeId', 'organizationId'),
    GlobalSecondaryIndexes: [
      gsi('nodeId-entityId-index', hash('nodeId'), range('entityId')),
      gsi('organizationId-nodeId-index', hash('organizationId'), range('nodeId')),
    ],
  },
  jobs: { KeySchema: [hash('nodeUuid')], AttributeDefinitions: strings('nodeUuid') },
  quotas: {
    KeySchema: [hash('computeNodeId'), range('userId')],
    AttributeDefinitions: strings('computeNodeId', 'userId'),
  },
  usage: {
    KeySchema: [hash('userNodeDate'), range('recordType')],
    AttributeDefinitions: strings('userNodeDate', 'recordType'),
  },
};

function definitions(t: TableNames): CreateTableCommandInput[] {
  return (Object.keys(DEFINITIONS) as (keyof TableNames)[]).map((k) => ({ TableName: t[k], ...DEFINITIONS[k] }));
}

/** Creates any missing table (PAY_PER_REQUEST, as production) and waits until all are ACTIVE. */
export async function ensureTables(client: DynamoDBClient, names: TableNames): Promise<void> {
  for (const def of definitions(names)) {
    try {
      await client.send(new CreateTableCommand({ ...def, BillingMode: 'PAY_PER_REQUEST' }));
    } catch (err) {
      if ((err as { name?: string }).name !== 'ResourceInUseException') throw err;
    }
  }
  const deadline = Date.now() + 60_000;
  for (const def of definitions(names)) {
    for (;;) {
      const out = await client.send(new DescribeTableCommand({ TableName: def.TableName }));
      if (out.Table?.TableStatus === 'ACTIVE') break;
      if (Date.now() > deadline) throw new Error(`DynamoDB table did not become ACTIVE: ${def.TableName}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}
