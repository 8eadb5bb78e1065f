// Routes 8–14: create, list, read, re-provision, patch, delete and update-config, with the TEST-ONLY
// fake runner standing in for Terraform (the real one runs in ../provisioning/*.test.ts).

import assert from 'node:assert/strict';
import { call, waitFor } from '../../../scripts/harness/backend/client';
import { startTestBackend, type TestBackend } from '../../../scripts/harness/backend/backend';
import { enableWorkspace, registerAccount, seedNode } from '../../../scripts/harness/backend/fixtures';
import { ANNEX, LAB, tokenOf, userOf, type Persona } from '../../../scripts/harness/backend/identities';

const ann = tokenOf('acctOwner');

describe('sandbox API: compute nodes (routes 8–14)', () => {
  let backend: TestBackend;
  let url: string;
  let account: string;
  before(async () => {
    backend = await startTestBackend();
    url = backend.url;
    account = await registerAccount(url, 'acctOwner', { accountId: '123456789012' });
    await enableWorkspace(url, 'acctOwner', account, LAB, { isPublic: true, enableCompute: true });
  });
  after(async () => {
    await backend?.close();
  });

  const create = (persona: Persona, body: Record<string, unknown>) =>
    call(url, 'POST', '/compute-nodes', { token: tokenOf(persona), body });
  const statusOf = async (uuid: string) => (await backend.store.nodes.get(uuid))?.status;
  const settled = (uuid: string) =>
    waitFor(`node ${uuid} to settle`, async () => {
      const s = await statusOf(uuid);
      return s === 'Pending' || s === 'Destroying' ? undefined : (s ?? 'gone');
    });

  describe('POST /compute-nodes', () => {
    it("answers 202 with production's message (plus uuid and Location), then provisions to Enabled", async () => {
      const res = await create('acctOwner', { accountId: account, name: 'n', description: 'd', organizationId: LAB });
      assert.equal(res.status, 202);
      assert.equal(res.json.message, 'Compute node creation initiated');
      const uuid = res.json.uuid as string;
      assert.equal(res.headers.get('location'), `/compute-nodes/${uuid}`);
      const pending = await call(url, 'GET', `/compute-nodes/${uuid}`, { token: ann });
      assert.ok(['Pending', 'Enabled'].includes(pending.json.status));
      assert.equal(await settled(uuid), 'Enabled');
      const node = await call(url, 'GET', `/compute-nodes/${uuid}`, { token: ann });
      assert.equal(node.status, 200);
      assert.deepEqual(Object.keys(node.json), [
        'uuid',
        'name',
        'description',
        'queueUrl',
        'account',
        'createdAt',
        'organizationId',
        'ownerId',
        'identifier',
        'workflowManagerTag',
        'provisionerImage',
        'provisionerImageTag',
        'deploymentMode',
        'maxGpuInstances',
        'gpuTier',
        'maxInteractiveSessions',
        'accessScope',
        'status',
        'updateAvailable',
      ]);
      assert.equal(node.json.identifier, uuid.slice(0, 8));
      assert.match(node.json.createdAt, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{1,9})? \+0000 UTC$/);
      assert.deepEqual(node.json.account, {
        uuid: account,
        accountId: '123456789012',
        accountType: 'AWS',
        ownerId: userOf('acctOwner'),
      });
      assert.equal(node.json.provisionerImage, 'pennsieve/compute-node-aws-provisioner-v2');
      assert.equal(node.json.maxGpuInstances, 2);
      assert.equal(node.json.gpuTier, 'small');
      assert.equal(node.json.accessScope, 'private');
      const stored = await backend.store.nodes.get(uuid);
      assert.equal(stored?.efsId, `fs-${uuid.slice(0, 8)}`);
      const run = backend.runner.runs.find((r) => r.options.vars.compute_node_id === uuid);
      assert.equal(run?.options.action, 'apply');
      assert.equal(run?.options.vars.account_id, '123456789012');
      assert.equal(run?.options.workDir, `${backend.dataDir}/nodes/${uuid}`);
    });

    it("checks the body in production's order", async () => {
      const bad = await call(url, 'POST', '/compute-nodes', { token: ann, rawBody: '{' });
      assert.equal(bad.status, 500);
      assert.deepEqual(bad.json, { message: 'error unmarshaling body' });
      const expect400 = async (body: Record<string, unknown>, message: string) => {
        const res = await create('acctOwner', body);
        assert.equal(res.status, 400, JSON.stringify(body));
        assert.deepEqual(res.json, { message });
      };
      await expect400({ name: 'x' }, 'bad request');
      await expect400({ accountId: account, provisionerImage: 'evil/image' }, 'bad request');
      await expect400({ accountId: account, deploymentMode: 'fancy' }, 'bad request');
      await expect400({ accountId: account, gpuTier: 'huge' }, 'bad request');
      await expect400({ accountId: account, maxGpuInstances: -1 }, 'bad request');
      await expect400(
        { accountId: account, deploymentMode: 'secure', enableLLMAccess: true },
        'LLM access in secure/compliant mode requires llmBaaAcknowledged: true (confirming an AWS BAA is in place)',
      );
      await expect400(
        { accountId: account, organizationId: 'lab' },
        'invalid organization ID format - expected format: N:organization:uuid',
      );
      const missing = await create('acctOwner', { accountId: 'no-such-account' });
      assert.equal(missing.status, 404);
      assert.deepEqual(missing.json, { message: 'not found' });
    });

    it('enforces who may create, by enablement and role', async () => {
      const priv = await registerAccount(url, 'acctOwner');
      await enableWorkspace(url, 'acctOwner', priv, LAB, { isPublic: false });
      const noCompute = await registerAccount(url, 'acctOwner');
      await enableWorkspace(url, 'acctOwner', noCompute, LAB, { isPublic: true, enableCompute: false });
      const cases: Array<[Persona, Record<string, unknown>, number, string?]> = [
        ['acctOwner', { accountId: account, organizationId: ANNEX }, 403, 'account is not enabled for this workspace'],
        [
          'admin',
          { accountId: priv, organizationId: LAB },
          403,
          'only the account owner can create nodes on private accounts',
        ],
        ['acctOwner', { accountId: priv, organizationId: LAB }, 202],
        [
          'admin',
          { accountId: noCompute, organizationId: LAB },
          403,
          'compute is not enabled for this workspace on this account',
        ],
        [
          'member',
          { accountId: account, organizationId: LAB },
          403,
          'only workspace administrators can create nodes on public accounts',
        ],
        [
          'outsider',
          { accountId: account, organizationId: LAB },
          403,
          'only workspace administrators can create nodes on public accounts',
        ],
        ['admin', { accountId: account, organizationId: LAB }, 202],
        ['admin', { accountId: account }, 403, 'only the account owner can create organization-independent nodes'],
        ['acctOwner', { accountId: account }, 202],
      ];
      for (const [persona, body, status, message] of cases) {
        const res = await create(persona, body);
        assert.equal(res.status, status, `${persona} ${JSON.stringify(body)}: ${res.text}`);
        if (message) assert.deepEqual(res.json, { message });
      }
    });

    it("ends Failed with the runner's error kept and visible as statusReason", async () => {
      const res = await create('acctOwner', { accountId: account, organizationId: LAB });
      const uuid = res.json.uuid as string;
      backend.runner.failNode(uuid.slice(0, 8), 'terraform apply failed: Error: boom');
      // The failure may only be registered after the first run started; re-provision to be sure it applies.
      await settled(uuid);
      if ((await statusOf(uuid)) === 'Enabled') {
        await call(url, 'PUT', `/compute-nodes/${uuid}`, { token: ann, body: {} });
        await waitFor('failure', async () => ((await statusOf(uuid)) === 'Failed' ? true : undefined));
      }
      const node = await call(url, 'GET', `/compute-nodes/${uuid}`, { token: ann });
      assert.equal(node.json.status, 'Failed');
      assert.equal(node.json.statusReason, 'terraform apply failed: Error: boom');
    });
  });

  describe('GET /compute-nodes', () => {
    it("account_owner=true lists every node of the caller's accounts and is 403 without accounts", async () => {
      const res = await call(url, 'GET', '/compute-nodes?account_owner=true', { token: ann });
      assert.equal(res.status, 200);
      assert.ok(res.json.length > 0 && res.json.every((n: { account: { uuid: string } }) => n.account.uuid));
      assert.ok(res.json.every((n: { accessScope?: string }) => n.accessScope === undefined));
      const none = await call(url, 'GET', '/compute-nodes?account_owner=true', { token: tokenOf('outsider') });
      assert.equal(none.status, 403);
      assert.deepEqual(none.json, { message: 'forbidden' });
    });

    it("without parameters lists the caller's organization-independent nodes", async () => {
      const res = await create('acctOwner', { accountId: account });
      const list = await call(url, 'GET', '/compute-nodes', { token: ann });
      const ids = list.json.map((n: { uuid: string }) => n.uuid);
      assert.ok(ids.includes(res.json.uuid));
      assert.ok(list.json.every((n: { organizationId?: string }) => n.organizationId === undefined));
      assert.deepEqual((await call(url, 'GET', '/compute-nodes', { token: tokenOf('member') })).json, []);
    });

    it('?organization_id= lists what the caller can reach there, and is 403 for non-members', async () => {
      const shared = await seedNode(backend.store, {
        owner: 'acctOwner',
        accountUuid: account,
        org: LAB,
        sharedWithTeam: 'N:team:00000000-0000-4000-8000-0000000000b1',
      });
      const workspace = await seedNode(backend.store, {
        owner: 'acctOwner',
        accountUuid: account,
        org: LAB,
        workspaceScoped: true,
      });
      const q = `/compute-nodes?organization_id=${encodeURIComponent(LAB)}`;
      const ids = async (p: Persona) =>
        (await call(url, 'GET', q, { token: tokenOf(p) })).json.map((n: { uuid: string }) => n.uuid);
      const team = await ids('teamMember');
      assert.ok(team.includes(shared) && team.includes(workspace));
      const member = await ids('member');
      assert.ok(!member.includes(shared) && member.includes(workspace));
      const admin = await ids('admin');
      assert.ok(admin.includes(shared), 'admins see nodes of public accounts');
      const out = await call(url, 'GET', q, { token: tokenOf('outsider') });
      assert.equal(out.status, 403);
      assert.deepEqual(out.json, { message: 'forbidden' });
    });
  });

  describe('GET /compute-nodes/{id}', () => {
    it('answers 404 "error no records found" and 403 "forbidden"', async () => {
      const missing = await call(url, 'GET', '/compute-nodes/nope', { token: ann });
      assert.equal(missing.status, 404);
      assert.deepEqual(missing.json, { message: 'error no records found' });
      const node = await seedNode(backend.store, { owner: 'acctOwner', accountUuid: account, org: LAB });
      const forbidden = await call(url, 'GET', `/compute-nodes/${node}`, { token: tokenOf('member') });
      assert.equal(forbidden.status, 403);
      assert.deepEqual(forbidden.json, { message: 'forbidden' });
    });

    it('shows Paused while the account is Paused, except for Pending nodes', async () => {
      const acct = await registerAccount(url, 'acctOwner');
      const node = await seedNode(backend.store, { owner: 'acctOwner', accountUuid: acct, status: 'Failed' });
      await backend.store.accounts.update(acct, { status: 'Paused' });
      const res = await call(url, 'GET', `/compute-nodes/${node}`, { token: ann });
      assert.equal(res.json.status, 'Paused');
      assert.equal(await statusOf(node), 'Failed');
    });
  });

  describe('PUT, PATCH, DELETE and update-config', () => {
    let node: string;
    beforeEach(async () => {
      const res = await create('acctOwner', { accountId: account, organizationId: LAB, name: 'base' });
      node = res.json.uuid;
      assert.equal(await settled(node), 'Enabled');
    });

    it('PUT answers 202 "Compute node update initiated" and re-applies with the stored settings', async () => {
      const before = backend.runner.runs.length;
      const res = await call(url, 'PUT', `/compute-nodes/${node}`, { token: ann, body: { maxInteractiveSessions: 3 } });
      assert.equal(res.status, 202);
      assert.deepEqual(res.json, { message: 'Compute node update initiated' });
      await waitFor('re-apply', async () =>
        backend.runner.runs.length > before &&
        (await statusOf(node)) === 'Enabled' &&
        !(await backend.store.jobs.get(node))
          ? true
          : undefined,
      );
      const run = backend.runner.runs.at(-1);
      assert.equal(run?.options.action, 'apply');
      assert.equal(run?.options.vars.max_interactive_sessions, 3);
      assert.equal((await backend.store.nodes.get(node))?.provisionerImageTag, 'latest');
    });

    it('PUT checks JSON, the image whitelist, existence and permission', async () => {
      assert.equal((await call(url, 'PUT', `/compute-nodes/${node}`, { token: ann, rawBody: '[' })).status, 400);
      const image = await call(url, 'PUT', `/compute-nodes/${node}`, { token: ann, body: { provisionerImage: 'x/y' } });
      assert.deepEqual([image.status, image.json], [400, { message: 'bad request' }]);
      const missing = await call(url, 'PUT', '/compute-nodes/nope', { token: ann, body: {} });
      assert.deepEqual([missing.status, missing.json], [404, { message: 'not found' }]);
      const denied = await call(url, 'PUT', `/compute-nodes/${node}`, { token: tokenOf('member'), body: {} });
      assert.deepEqual([denied.status, denied.json], [403, { message: 'forbidden' }]);
    });

    it("PATCH changes metadata and status with production's rules", async () => {
      const p = (body: unknown, persona: Persona = 'acctOwner') =>
        call(url, 'PATCH', `/compute-nodes/${node}`, { token: tokenOf(persona), body });
      assert.deepEqual((await p({ status: 'Off' })).json, { message: 'invalid status value' });
      assert.deepEqual((await p({})).json, { message: 'error unmarshaling body' });
      const renamed = await p({ name: 'renamed', status: 'Paused' });
      assert.equal(renamed.status, 200);
      assert.equal(renamed.json.name, 'renamed');
      assert.equal(renamed.json.status, 'Paused');
      assert.equal(renamed.json.gpuTier, 'small', 'the sandbox answers the full node');
      const mine = await seedNode(backend.store, { owner: 'nodeOwner', accountUuid: account, org: LAB });
      const byAccountOwner = await call(url, 'PATCH', `/compute-nodes/${mine}`, { token: ann, body: { name: 'x' } });
      assert.equal(byAccountOwner.status, 403, "the account owner may not PATCH someone else's node");
      const pending = await seedNode(backend.store, {
        owner: 'acctOwner',
        accountUuid: account,
        org: LAB,
        status: 'Pending',
      });
      const blocked = await call(url, 'PATCH', `/compute-nodes/${pending}`, {
        token: ann,
        body: { status: 'Enabled' },
      });
      assert.deepEqual([blocked.status, blocked.json], [400, { message: 'cannot modify status of pending node' }]);
      const paused = await registerAccount(url, 'acctOwner');
      const onPaused = await seedNode(backend.store, { owner: 'acctOwner', accountUuid: paused, status: 'Paused' });
      await backend.store.accounts.update(paused, { status: 'Paused' });
      const enable = await call(url, 'PATCH', `/compute-nodes/${onPaused}`, {
        token: ann,
        body: { status: 'Enabled' },
      });
      assert.deepEqual(
        [enable.status, enable.json],
        [400, { message: 'cannot enable compute node while account is paused' }],
      );
    });

    it('update-config validates, refuses Pending/Destroying nodes, and re-provisions', async () => {
      const u = (body: unknown, id = node) =>
        call(url, 'POST', `/compute-nodes/${id}/update-config`, { token: ann, body });
      assert.deepEqual((await u({})).json, { message: 'error unmarshaling body' });
      assert.deepEqual((await u({ gpuTier: 'giant' })).json, { message: 'bad request' });
      assert.deepEqual((await u({ maxInteractiveSessions: -2 })).json, { message: 'bad request' });
      const pending = await seedNode(backend.store, {
        owner: 'acctOwner',
        accountUuid: account,
        org: LAB,
        status: 'Pending',
      });
      assert.deepEqual((await u({ gpuTier: 'large' }, pending)).json, {
        message: 'cannot modify status of pending node',
      });
      const ok = await u({ gpuTier: 'large', maxGpuInstances: 4, enableLLMAccess: true });
      assert.equal(ok.status, 202);
      assert.deepEqual(ok.json, { message: 'Config updated, re-provisioning initiated' });
      await waitFor('re-provision', async () => {
        const run = backend.runner.runs.at(-1);
        return run?.options.vars.compute_node_id === node &&
          run.options.vars.gpu_tier === 'large' &&
          !(await backend.store.jobs.get(node))
          ? run
          : undefined;
      });
      const stored = await backend.store.nodes.get(node);
      assert.equal(stored?.maxGpuInstances, 4);
      assert.equal(stored?.enableLLMAccess, true);
    });

    it('DELETE answers 202, shows Destroying, destroys, then removes the node and its access rows', async () => {
      backend.runner.hold();
      try {
        const res = await call(url, 'DELETE', `/compute-nodes/${node}`, { token: ann });
        assert.deepEqual([res.status, res.json], [202, { message: 'Compute node deletion initiated' }]);
        const during = await call(url, 'GET', `/compute-nodes/${node}`, { token: ann });
        assert.equal(during.json.status, 'Destroying');
        const again = await call(url, 'DELETE', `/compute-nodes/${node}`, { token: ann });
        assert.equal(again.status, 202);
        const put = await call(url, 'PUT', `/compute-nodes/${node}`, { token: ann, body: {} });
        assert.deepEqual([put.status, put.json], [400, { message: 'cannot modify a node that is being destroyed' }]);
      } finally {
        backend.runner.release();
      }
      assert.equal(await settled(node), 'gone');
      assert.equal((await call(url, 'GET', `/compute-nodes/${node}`, { token: ann })).status, 404);
      assert.deepEqual(await backend.store.access.listByNode(node), []);
      assert.equal(
        backend.runner.runs.filter((r) => r.options.vars.compute_node_id === node && r.options.action === 'destroy')
          .length,
        1,
      );
    });

    it('DELETE of a node still being created stops the apply and destroys', async () => {
      backend.runner.hold();
      const res = await create('acctOwner', { accountId: account, organizationId: LAB });
      const uuid = res.json.uuid as string;
      await waitFor('apply to start', async () =>
        backend.runner.runs.some((r) => r.options.vars.compute_node_id === uuid) ? true : undefined,
      );
      const del = await call(url, 'DELETE', `/compute-nodes/${uuid}`, { token: ann });
      assert.equal(del.status, 202);
      backend.runner.release();
      assert.equal(await settled(uuid), 'gone');
      const actions = backend.runner.runs
        .filter((r) => r.options.vars.compute_node_id === uuid)
        .map((r) => r.options.action);
      assert.deepEqual(actions, ['apply', 'destroy']);
    });
  });
});
