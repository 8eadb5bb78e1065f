// The store contract on DynamoDB (moto), plus production's table layout.

import assert from 'node:assert/strict';
import { DescribeTableCommand, DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { randomBytes } from 'node:crypto';
import { EMULATOR_CREDENTIALS } from '../../../backend/src/app';
import type { MotoServer } from '../../../backend/src/sandbox/moto';
import { openDynamoStore } from '../../../backend/src/store/dynamoStore';
import { regionShort, tableNames } from '../../../backend/src/store/dynamoTables';
import { startTestMoto } from '../support/moto';
import { account, describeStoreContract, job, node, ownerRow } from './storeContract';

describe('DynamoDB store (moto)', () => {
  let moto: MotoServer;
  before(async () => {
    moto = await startTestMoto();
  });
  after(async () => {
    await moto?.stop();
  });

  // A fresh environment name per test gives fresh tables in the same moto.
  const freshEnv = () => `t${randomBytes(4).toString('hex')}`;
  const open = (environment = freshEnv()) =>
    openDynamoStore({ environment, region: 'us-east-1', endpoint: moto.endpoint, credentials: EMULATOR_CREDENTIALS });

  describeStoreContract('DynamoDB', () => open());

  it('names tables like production: ${env}-<name>-${region_short}', () => {
    assert.equal(regionShort('us-east-1'), 'use1');
    assert.equal(regionShort('eu-west-2'), 'euw2');
    assert.deepEqual(tableNames('prod', 'us-east-1'), {
      accounts: 'prod-compute-resource-accounts-table-use1',
      workspaces: 'prod-compute-resource-account-workspace-table-use1',
      nodes: 'prod-compute-resource-nodes-table-use1',
      access: 'prod-compute-node-access-table-use1',
      jobs: 'prod-compute-resource-jobs-table-use1',
      quotas: 'prod-chat-user-quota-table-use1',
      usage: 'prod-chat-user-usage-table-use1',
    });
  });

  it("creates production's keys and GSIs and stores access rows as user#… × node#… with the INDEPENDENT sentinel", async () => {
    const env = freshEnv();
    const store = await open(env);
    const client = new DynamoDBClient({
      region: 'us-east-1',
      endpoint: moto.endpoint,
      credentials: EMULATOR_CREDENTIALS,
    });
    try {
      const t = tableNames(env, 'us-east-1');
      const describe = async (name: string) =>
        (await client.send(new DescribeTableCommand({ TableName: name }))).Table!;
      const keys = (schema: { AttributeName?: string; KeyType?: string }[] | undefined) =>
        (schema ?? []).map((k) => `${k.AttributeName}:${k.KeyType}`);
      const gsis = async (name: string) =>
        Object.fromEntries(
          ((await describe(name)).GlobalSecondaryIndexes ?? []).map((g) => [g.IndexName, keys(g.KeySchema)]),
        );
      assert.deepEqual(keys((await describe(t.accounts)).KeySchema), ['uuid:HASH']);
      assert.deepEqual(await gsis(t.accounts), { 'userId-index': ['userId:HASH'] });
      assert.deepEqual(keys((await describe(t.workspaces)).KeySchema), ['accountUuid:HASH', 'workspaceId:RANGE']);
      assert.deepEqual(await gsis(t.workspaces), { 'workspaceId-index': ['workspaceId:HASH'] });
      assert.deepEqual(keys((await describe(t.quotas)).KeySchema), ['computeNodeId:HASH', 'userId:RANGE']);
      assert.deepEqual(keys((await describe(t.usage)).KeySchema), ['userNodeDate:HASH', 'recordType:RANGE']);
      assert.deepEqual(keys((await describe(t.nodes)).KeySchema), ['uuid:HASH']);
      assert.deepEqual(await gsis(t.nodes), {
        'organizationId-index': ['organizationId:HASH'],
        'accountUuid-index': ['accountUuid:HASH'],
        'userId-index': ['userId:HASH'],
      });
      assert.deepEqual(keys((await describe(t.access)).KeySchema), ['entityId:HASH', 'nodeId:RANGE']);
      assert.deepEqual(await gsis(t.access), {
        'nodeId-entityId-index': ['nodeId:HASH', 'entityId:RANGE'],
        'organizationId-nodeId-index': ['organizationId:HASH', 'nodeId:RANGE'],
      });
      assert.equal((await describe(t.accounts)).BillingModeSummary?.BillingMode, 'PAY_PER_REQUEST');

      const a = account();
      await store.accounts.create(a);
      const n = node(a.uuid);
      await store.nodes.create(n, ownerRow(n), job(n.uuid));
      const rows = (await client.send(new ScanCommand({ TableName: t.access }))).Items ?? [];
      assert.equal(rows.length, 1);
      assert.equal(rows[0]?.entityId?.S, `user#${n.userId}`);
      assert.equal(rows[0]?.nodeId?.S, `node#${n.uuid}`);
      assert.equal(rows[0]?.organizationId?.S, 'INDEPENDENT');
      const nodes = (await client.send(new ScanCommand({ TableName: t.nodes }))).Items ?? [];
      assert.equal(nodes[0]?.organizationId?.S, 'INDEPENDENT');
      assert.equal(nodes[0]?.maxGpuInstances?.N, '2');
      assert.equal(nodes[0]?.enableLLMAccess?.BOOL, false);
    } finally {
      client.destroy();
      await store.close();
    }
  });
});
