// Production's DynamoDB table layout (account-service terraform/dynamodb.tf), plus the sandbox's jobs table.

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
  };
}

const S = 'S' as const;
const ALL = { ProjectionType: 'ALL' as const };

function definitions(t: TableNames): CreateTableCommandInput[] {
  return [
    {
      TableName: t.accounts,
      KeySchema: [{ AttributeName: 'uuid', KeyType: 'HASH' }],
      AttributeDefinitions: [
        { AttributeName: 'uuid', AttributeType: S },
        { AttributeName: 'userId', AttributeType: S },
      ],
      GlobalSecondaryIndexes: [
        { IndexName: 'userId-index', KeySchema: [{ AttributeName: 'userId', KeyType: 'HASH' }], Projection: ALL },
      ],
    },
    {
      TableName: t.workspaces,
      KeySchema: [
        { AttributeName: 'accountUuid', KeyType: 'HASH' },
        { AttributeName: 'workspaceId', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: [
        { AttributeName: 'accountUuid', AttributeType: S },
        { AttributeName: 'workspaceId', AttributeType: S },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'workspaceId-index',
          KeySchema: [{ AttributeName: 'workspaceId', KeyType: 'HASH' }],
          Projection: ALL,
        },
      ],
    },
    {
      TableName: t.nodes,
      KeySchema: [{ AttributeName: 'uuid', KeyType: 'HASH' }],
      AttributeDefinitions: ['uuid', 'organizationId', 'accountUuid', 'userId'].map((a) => ({
        AttributeName: a,
        AttributeType: S,
      })),
      GlobalSecondaryIndexes: ['organizationId', 'accountUuid', 'userId'].map((a) => ({
        IndexName: `${a}-index`,
        KeySchema: [{ AttributeName: a, KeyType: 'HASH' as const }],
        Projection: ALL,
      })),
    },
    {
      TableName: t.access,
      KeySchema: [
        { AttributeName: 'entityId', KeyType: 'HASH' },
        { AttributeName: 'nodeId', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: ['entityId', 'nodeId', 'organizationId'].map((a) => ({
        AttributeName: a,
        AttributeType: S,
      })),
      GlobalSecondaryIndexes: [
        {
          IndexName: 'nodeId-entityId-index',
          KeySchema: [
            { AttributeName: 'nodeId', KeyType: 'HASH' },
            { AttributeName: 'entityId', KeyType: 'RANGE' },
          ],
          Projection: ALL,
        },
        {
          IndexName: 'organizationId-nodeId-index',
          KeySchema: [
            { AttributeName: 'organizationId', KeyType: 'HASH' },
            { AttributeName: 'nodeId', KeyType: 'RANGE' },
          ],
          Projection: ALL,
        },
      ],
    },
    {
      TableName: t.jobs,
      KeySchema: [{ AttributeName: 'nodeUuid', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'nodeUuid', AttributeType: S }],
    },
  ];
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
