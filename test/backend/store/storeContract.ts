// The contract every Store implementation must meet, run against SQLite and DynamoDB (moto).

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import {
  INDEPENDENT,
  nodeKey,
  userEntity,
  workspaceEntity,
  type AccessRecord,
  type AccountRecord,
  type JobRecord,
  type NodeRecord,
  type Store,
} from '../../../backend/src/store/types';

export function account(fields: Partial<AccountRecord> = {}): AccountRecord {
  return {
    uuid: randomUUID(),
    accountId: '123456789012',
    accountType: 'AWS',
    roleName: 'Pennsieve-Compute-sandbox-01234567',
    externalId: 'ext-id',
    userId: 'N:user:u1',
    name: '',
    description: '',
    status: 'Enabled',
    ...fields,
  };
}

export function node(accountUuid: string, fields: Partial<NodeRecord> = {}): NodeRecord {
  const uuid = fields.uuid ?? randomUUID();
  return {
    uuid,
    name: 'n',
    description: '',
    computeNodeGatewayUrl: '',
    efsId: '',
    queueUrl: '',
    environment: 'sandbox',
    accountUuid,
    accountId: '123456789012',
    accountType: 'AWS',
    createdAt: '2026-03-04 15:04:05.123456789 +0000 UTC',
    organizationId: INDEPENDENT,
    userId: 'N:user:u1',
    identifier: uuid.slice(0, 8),
    workflowManagerTag: 'latest',
    deploymentMode: 'basic',
    provisionerImage: 'pennsieve/compute-node-aws-provisioner-v2',
    provisionerImageTag: 'latest',
    enableLLMAccess: false,
    llmBaaAcknowledged: false,
    maxGpuInstances: 2,
    gpuTier: 'small',
    maxInteractiveSessions: 0,
    status: 'Pending',
    healthStatus: '',
    lastHealthCheck: '',
    statusReason: '',
    outputs: {},
    ...fields,
  };
}

export function ownerRow(n: NodeRecord): AccessRecord {
  return {
    entityId: userEntity(n.userId),
    nodeId: nodeKey(n.uuid),
    entityType: 'user',
    entityRawId: n.userId,
    nodeUuid: n.uuid,
    accessType: 'owner',
    organizationId: n.organizationId,
    grantedAt: '2026-03-04T15:04:05.000Z',
    grantedBy: n.userId,
  };
}

export function job(nodeUuid: string, action: JobRecord['action'] = 'create'): JobRecord {
  return { nodeUuid, action, jobId: randomUUID(), attempts: 0, createdAt: '2026-03-04T15:04:05.000Z', updatedAt: '2026-03-04T15:04:05.000Z' };
}

/** Registers the contract suite; `open` gives a fresh, empty store for each test. */
export function describeStoreContract(name: string, open: () => Promise<Store>): void {
  describe(`store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store?.close();
    });

    it('creates accounts, refusing a second one of the same user and AWS account', async () => {
      const a = account({ name: 'Lab AWS' });
      assert.equal(await store.createAccount(a), true);
      assert.equal(await store.createAccount({ ...a, uuid: randomUUID() }), false);
      assert.equal(await store.createAccount({ ...a, uuid: randomUUID(), userId: 'N:user:u2' }), true);
      assert.deepEqual(await store.getAccount(a.uuid), a);
      assert.equal(await store.getAccount('missing'), undefined);
      assert.deepEqual((await store.listAccountsByUser('N:user:u1')).map((x) => x.uuid), [a.uuid]);
      assert.equal((await store.listAccountsByAwsAccountId('123456789012')).length, 2);
      assert.deepEqual(await store.listAccountsByAwsAccountId('999999999999'), []);
    });

    it('updates an account and pauses only the nodes in the given statuses, atomically', async () => {
      const a = account();
      await store.createAccount(a);
      const enabled = node(a.uuid, { status: 'Enabled' });
      const pending = node(a.uuid, { status: 'Pending' });
      for (const n of [enabled, pending]) await store.createNode(n, ownerRow(n), job(n.uuid));
      const updated = await store.updateAccount(a.uuid, { status: 'Paused', name: undefined, description: 'd' }, ['Enabled', 'Failed']);
      assert.equal(updated?.status, 'Paused');
      assert.equal(updated?.description, 'd');
      assert.equal(updated?.roleName, a.roleName, 'fields not in the patch are kept');
      assert.equal((await store.getNode(enabled.uuid))?.status, 'Paused');
      assert.equal((await store.getNode(pending.uuid))?.status, 'Pending');
      assert.equal(await store.updateAccount('missing', { name: 'x' }), undefined);
    });

    it('deletes an account with its enablements, and with withNodes its nodes, rows and jobs', async () => {
      const a = account();
      await store.createAccount(a);
      await store.createEnablement({ accountUuid: a.uuid, workspaceId: 'N:organization:o1', isPublic: true, enableCompute: true, enableStorage: false, enabledBy: a.userId, enabledAt: 1 });
      const n = node(a.uuid);
      await store.createNode(n, ownerRow(n), job(n.uuid));
      await store.deleteAccount(a.uuid, true);
      assert.equal(await store.getAccount(a.uuid), undefined);
      assert.deepEqual(await store.listEnablementsByAccount(a.uuid), []);
      assert.equal(await store.getNode(n.uuid), undefined);
      assert.deepEqual(await store.listAccessByNode(n.uuid), []);
      assert.equal(await store.getJob(n.uuid), undefined);
      const b = account({ accountId: '210987654321' });
      await store.createAccount(b);
      const kept = node(b.uuid);
      await store.createNode(kept, ownerRow(kept), job(kept.uuid));
      await store.deleteAccount(b.uuid, false);
      assert.ok(await store.getNode(kept.uuid), 'without withNodes the nodes stay');
    });

    it('keeps one enablement per (account, workspace) and lists them both ways', async () => {
      const e = { accountUuid: 'a1', workspaceId: 'N:organization:o1', isPublic: false, enableCompute: true, enableStorage: false, enabledBy: 'N:user:u1', enabledAt: 1767225600 };
      assert.equal(await store.createEnablement(e), true);
      assert.equal(await store.createEnablement({ ...e, isPublic: true }), false);
      assert.deepEqual(await store.getEnablement('a1', 'N:organization:o1'), e);
      await store.createEnablement({ ...e, workspaceId: 'N:organization:o2' });
      await store.createEnablement({ ...e, accountUuid: 'a2' });
      assert.equal((await store.listEnablementsByAccount('a1')).length, 2);
      assert.equal((await store.listEnablementsByWorkspace('N:organization:o1')).length, 2);
      await store.deleteEnablement('a1', 'N:organization:o1');
      assert.equal(await store.getEnablement('a1', 'N:organization:o1'), undefined);
      await store.deleteEnablement('a1', 'N:organization:missing');
    });

    it('creates a node with its owner row and job, and round-trips every field', async () => {
      const n = node('a1', { organizationId: 'N:organization:o1', enableLLMAccess: true, maxGpuInstances: 0, outputs: { efs_id: 'fs-1', role_names: ['a', 'b'], nested: { n: 1 } } });
      const j = job(n.uuid);
      await store.createNode(n, ownerRow(n), j);
      assert.deepEqual(await store.getNode(n.uuid), n);
      assert.deepEqual(await store.getAccess(userEntity(n.userId), n.uuid), ownerRow(n));
      assert.deepEqual(await store.getJob(n.uuid), j);
      assert.deepEqual((await store.listNodesByAccount('a1')).map((x) => x.uuid), [n.uuid]);
      assert.deepEqual((await store.listNodesByStatus(['Pending', 'Destroying'])).map((x) => x.uuid), [n.uuid]);
      assert.deepEqual(await store.listNodesByStatus(['Enabled']), []);
    });

    it('reads several nodes at once, skipping the missing ones', async () => {
      const a = node('a1');
      const b = node('a2');
      await store.createNode(a, ownerRow(a), job(a.uuid));
      await store.createNode(b, ownerRow(b), job(b.uuid));
      const got = await store.getNodes([b.uuid, 'no-such-node', a.uuid]);
      assert.deepEqual(got.map((x) => x.uuid).sort(), [a.uuid, b.uuid].sort());
      assert.deepEqual(got.find((x) => x.uuid === a.uuid), a);
      assert.deepEqual(await store.getNodes([]), []);
    });

    it('patches a node (undefined fields leave values alone) and upserts its job in the same write', async () => {
      const n = node('a1');
      await store.createNode(n, ownerRow(n), job(n.uuid));
      const next = job(n.uuid, 'delete');
      const updated = await store.updateNode(n.uuid, { status: 'Destroying', name: undefined, outputs: { a: 1 } }, next);
      assert.equal(updated?.status, 'Destroying');
      assert.equal(updated?.name, 'n');
      assert.deepEqual(updated?.outputs, { a: 1 });
      assert.deepEqual(await store.getJob(n.uuid), next);
      assert.equal(await store.updateNode('missing', { status: 'Enabled' }), undefined);
      assert.equal(await store.getJob('missing'), undefined, 'no job is written for a missing node');
    });

    it('keeps access rows by entity and by node, and changes them atomically with the node', async () => {
      const n = node('a1', { organizationId: 'N:organization:o1' });
      await store.createNode(n, ownerRow(n), job(n.uuid));
      const ws: AccessRecord = { ...ownerRow(n), entityId: workspaceEntity('N:organization:o1'), entityType: 'workspace', entityRawId: 'N:organization:o1', accessType: 'workspace' };
      await store.putAccess(ws);
      assert.equal((await store.listAccessByNode(n.uuid)).length, 2);
      assert.deepEqual((await store.listAccessByEntity(ws.entityId)).map((r) => r.nodeUuid), [n.uuid]);
      const moved = { ...ownerRow(n), organizationId: INDEPENDENT };
      await store.changeAccess(n.uuid, { remove: [ws.entityId, moved.entityId], put: [moved], nodePatch: { organizationId: INDEPENDENT } });
      assert.deepEqual(await store.listAccessByNode(n.uuid), [moved]);
      assert.equal((await store.getNode(n.uuid))?.organizationId, INDEPENDENT);
      await store.deleteAccess(moved.entityId, n.uuid);
      assert.equal(await store.getAccess(moved.entityId, n.uuid), undefined);
      await store.deleteAccess('user#nobody', n.uuid);
    });

    it('counts job attempts only for the current job id', async () => {
      const n = node('a1');
      const j = job(n.uuid);
      await store.createNode(n, ownerRow(n), j);
      const started = await store.startJobAttempt(n.uuid, j.jobId, new Date('2026-05-01T00:00:00Z'));
      assert.equal(started?.attempts, 1);
      assert.equal(started?.updatedAt, '2026-05-01T00:00:00.000Z');
      assert.equal(await store.startJobAttempt(n.uuid, 'stale', new Date()), undefined);
      assert.equal((await store.getJob(n.uuid))?.attempts, 1);
      assert.deepEqual((await store.listJobs()).map((x) => x.nodeUuid), [n.uuid]);
    });

    it('finishes only the current job: a patch, or removal of the node with its rows', async () => {
      const n = node('a1');
      const j = job(n.uuid);
      await store.createNode(n, ownerRow(n), j);
      assert.equal(await store.finishJob(n.uuid, 'stale', { kind: 'remove' }), false);
      assert.ok(await store.getNode(n.uuid));
      assert.equal(await store.finishJob(n.uuid, j.jobId, { kind: 'update', patch: { status: 'Enabled', efsId: 'fs-1' } }), true);
      assert.equal(await store.getJob(n.uuid), undefined);
      assert.equal((await store.getNode(n.uuid))?.efsId, 'fs-1');
      assert.equal(await store.finishJob(n.uuid, j.jobId, { kind: 'remove' }), false, 'a finished job cannot finish twice');
      const d = job(n.uuid, 'delete');
      await store.updateNode(n.uuid, { status: 'Destroying' }, d);
      assert.equal(await store.finishJob(n.uuid, d.jobId, { kind: 'remove' }), true);
      assert.equal(await store.getNode(n.uuid), undefined);
      assert.deepEqual(await store.listAccessByNode(n.uuid), []);
      assert.deepEqual(await store.listJobs(), []);
    });
  });
}
