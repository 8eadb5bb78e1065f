// Routes 1–7: accounts and workspace enablement, with production's bodies and plain-text errors.

import assert from 'node:assert/strict';
import { call } from '../../../scripts/harness/backend/client';
import { startTestBackend, type TestBackend } from '../../../scripts/harness/backend/backend';
import { enableWorkspace, registerAccount, seedNode } from '../../../scripts/harness/backend/fixtures';
import { ANNEX, LAB, tokenOf, userOf } from '../../../scripts/harness/backend/identities';

const ann = tokenOf('acctOwner');

describe('sandbox API: accounts (routes 1–7)', () => {
  let backend: TestBackend;
  let url: string;
  before(async () => {
    backend = await startTestBackend();
    url = backend.url;
  });
  after(async () => {
    await backend?.close();
  });

  describe('POST /accounts', () => {
    it('creates an account and answers 201 {"uuid"}', async () => {
      const res = await call(url, 'POST', '/accounts', {
        token: ann,
        body: {
          accountId: '210987654321',
          accountType: 'AWS',
          roleName: 'Pennsieve-Compute-sandbox-12345678',
          externalId: 'e',
        },
      });
      assert.equal(res.status, 201);
      assert.deepEqual(Object.keys(res.json), ['uuid']);
      assert.match(res.json.uuid, /^[0-9a-f-]{36}$/);
      const got = await call(url, 'GET', `/accounts/${res.json.uuid}`, { token: ann });
      assert.deepEqual(got.json, {
        uuid: res.json.uuid,
        accountId: '210987654321',
        accountType: 'AWS',
        roleName: 'Pennsieve-Compute-sandbox-12345678',
        externalId: 'e',
        userId: userOf('acctOwner'),
        status: 'Enabled',
      });
    });

    it('answers 422 "PostAccountsHandler: error records exists" for the same user and AWS account', async () => {
      const body = { accountId: '310987654321', accountType: 'AWS', roleName: 'r', externalId: '' };
      assert.equal((await call(url, 'POST', '/accounts', { token: ann, body })).status, 201);
      const again = await call(url, 'POST', '/accounts', { token: ann, body });
      assert.equal(again.status, 422);
      assert.equal(again.text, 'PostAccountsHandler: error records exists');
      assert.match(again.headers.get('content-type') ?? '', /^text\/plain/);
      // Dedupe is per user: another user may register the same AWS account.
      assert.equal((await call(url, 'POST', '/accounts', { token: tokenOf('admin'), body })).status, 201);
    });

    it('answers bad JSON with 400 plain text', async () => {
      for (const rawBody of ['{', '', '[]', '"x"', '{"accountId": 5}', 'null', ' null ']) {
        const res = await call(url, 'POST', '/accounts', { token: ann, rawBody });
        assert.equal(res.status, 400, rawBody);
        assert.equal(res.text, 'PostAccountsHandler: error unmarshaling body');
      }
    });

    it('answers 400 for a body without a 12-digit accountId and a roleName (a sandbox check: production creates the account)', async () => {
      const bodies = [
        {},
        { accountId: '123456789012' },
        { roleName: 'r' },
        { accountId: '12345', roleName: 'r' },
        { accountId: '123456789012', roleName: '' },
      ];
      for (const body of bodies) {
        const res = await call(url, 'POST', '/accounts', { token: ann, body });
        assert.equal(res.status, 400, JSON.stringify(body));
        assert.equal(res.text, 'PostAccountsHandler: accountId (12 digits) and roleName are required');
      }
      assert.deepEqual(
        (await call(url, 'GET', '/accounts', { token: ann })).json.filter(
          (a: { accountId: string }) => a.accountId === '123456789012',
        ),
        [],
        'nothing was created',
      );
    });

    it('escapes <, > and & in JSON as Go does', async () => {
      const res = await call(url, 'POST', '/accounts', {
        token: ann,
        body: { accountId: '510987654321', roleName: 'r', name: '<lab & co>' },
      });
      const got = await call(url, 'GET', `/accounts/${res.json.uuid}`, { token: ann });
      assert.ok(got.text.includes('"name":"\\u003clab \\u0026 co\\u003e"'), got.text);
      assert.equal(got.json.name, '<lab & co>');
    });

    it('accepts fields in any letter case and ignores unknown ones, as Go does', async () => {
      const res = await call(url, 'POST', '/accounts', {
        token: ann,
        body: { AccountID: '410987654321', ROLENAME: 'r', bogus: 1, name: 'n', description: 'd' },
      });
      assert.equal(res.status, 201);
      const got = await call(url, 'GET', `/accounts/${res.json.uuid}`, { token: ann });
      assert.equal(got.json.accountId, '410987654321');
      assert.equal(got.json.name, 'n');
      assert.equal(got.json.description, 'd');
    });
  });

  describe('GET /accounts', () => {
    it("lists only the caller's accounts, with omitempty fields left out", async () => {
      const res = await call(url, 'GET', '/accounts', { token: tokenOf('member') });
      assert.deepEqual(res.json, []);
      const uuid = await registerAccount(url, 'member');
      const list = await call(url, 'GET', '/accounts', { token: tokenOf('member') });
      assert.equal(list.json.length, 1);
      assert.equal(list.json[0].uuid, uuid);
      assert.ok(!('name' in list.json[0]) && !('description' in list.json[0]));
    });

    it('answers null (not []) with includeWorkspaces=true and no accounts', async () => {
      const res = await call(url, 'GET', '/accounts?includeWorkspaces=true', { token: tokenOf('outsider') });
      assert.equal(res.status, 200);
      assert.equal(res.text, 'null');
    });

    it('adds enabledWorkspaces (all of them) with includeWorkspaces=true, and leaves it out when empty', async () => {
      const a = await registerAccount(url, 'acctOwner');
      const b = await registerAccount(url, 'acctOwner');
      await enableWorkspace(url, 'acctOwner', a, LAB, { isPublic: false });
      await enableWorkspace(url, 'acctOwner', a, ANNEX, { isPublic: true, enableCompute: false });
      const res = await call(url, 'GET', '/accounts?includeWorkspaces=true', { token: ann });
      const withA = res.json.find((x: { uuid: string }) => x.uuid === a);
      const withB = res.json.find((x: { uuid: string }) => x.uuid === b);
      assert.equal(withA.enabledWorkspaces.length, 2);
      const lab = withA.enabledWorkspaces.find((e: { organizationId: string }) => e.organizationId === LAB);
      assert.deepEqual(Object.keys(lab), [
        'accountUuid',
        'organizationId',
        'isPublic',
        'enableCompute',
        'enableStorage',
        'enabledBy',
        'enabledAt',
      ]);
      assert.equal(lab.enabledBy, userOf('acctOwner'));
      assert.ok(Number.isInteger(lab.enabledAt) && Math.abs(lab.enabledAt - Date.now() / 1000) < 60);
      assert.ok(!('enabledWorkspaces' in withB));
    });

    it('filters by ?organization_id= and adds public accounts for organization admins only', async () => {
      const pub = await registerAccount(url, 'acctOwner');
      const priv = await registerAccount(url, 'acctOwner');
      await enableWorkspace(url, 'acctOwner', pub, LAB, { isPublic: true });
      await enableWorkspace(url, 'acctOwner', priv, LAB, { isPublic: false });
      const q = `/accounts?organization_id=${encodeURIComponent(LAB)}`;
      const own = (await call(url, 'GET', q, { token: ann })).json.map((x: { uuid: string }) => x.uuid);
      assert.ok(own.includes(pub) && own.includes(priv));
      const admin = (await call(url, 'GET', q, { token: tokenOf('admin') })).json.map((x: { uuid: string }) => x.uuid);
      assert.ok(admin.includes(pub) && !admin.includes(priv));
      const member = (await call(url, 'GET', q, { token: tokenOf('member') })).json.map(
        (x: { uuid: string }) => x.uuid,
      );
      assert.ok(!member.includes(pub));
      const outsider = await call(url, 'GET', q, { token: tokenOf('outsider') });
      assert.equal(outsider.status, 200);
      assert.deepEqual(outsider.json, []);
    });
  });

  describe('GET, PATCH, DELETE /accounts/{id}', () => {
    it('answers 404 and 403 in plain text', async () => {
      const missing = await call(url, 'GET', '/accounts/nope', { token: ann });
      assert.equal(missing.status, 404);
      assert.equal(missing.text, 'GetAccountHandler: error no records found');
      const uuid = await registerAccount(url, 'acctOwner');
      const other = await call(url, 'GET', `/accounts/${uuid}`, { token: tokenOf('admin') });
      assert.equal(other.status, 403);
      assert.equal(other.text, 'GetAccountHandler: account does not belong to user');
    });

    it("PATCH validates in production's order and answers the full account", async () => {
      const uuid = await registerAccount(url, 'acctOwner');
      const p = (body: unknown, token = ann, id = uuid) => call(url, 'PATCH', `/accounts/${id}`, { token, body });
      assert.equal(
        (await call(url, 'PATCH', `/accounts/${uuid}`, { token: ann, rawBody: '{' })).text,
        'PatchAccountHandler: error unmarshaling body',
      );
      const bad = await p({ status: 'Deleted' });
      assert.equal(bad.status, 400);
      assert.equal(bad.text, 'PatchAccountHandler: invalid status value');
      const none = await p({ status: null });
      assert.equal(none.status, 400);
      assert.equal(none.text, 'PatchAccountHandler: error unmarshaling body');
      const missing = await p({ name: 'x' }, ann, 'nope');
      assert.equal(missing.status, 404);
      assert.equal(missing.text, 'PatchAccountHandler: not found');
      assert.equal((await p({ name: 'x' }, tokenOf('admin'))).status, 403);
      const ok = await p({ name: 'Renamed', description: 'D' });
      assert.equal(ok.status, 200);
      assert.equal(ok.json.name, 'Renamed');
      assert.equal(ok.json.status, 'Enabled');
    });

    it('pausing the account pauses its Enabled and Failed nodes and shows Paused for the rest (not Pending)', async () => {
      const uuid = await registerAccount(url, 'acctOwner');
      const enabled = await seedNode(backend.store, { owner: 'acctOwner', accountUuid: uuid });
      const failed = await seedNode(backend.store, { owner: 'acctOwner', accountUuid: uuid, status: 'Failed' });
      const pending = await seedNode(backend.store, { owner: 'acctOwner', accountUuid: uuid, status: 'Pending' });
      const res = await call(url, 'PATCH', `/accounts/${uuid}`, { token: ann, body: { status: 'Paused' } });
      assert.equal(res.json.status, 'Paused');
      assert.equal((await backend.store.nodes.get(enabled))?.status, 'Paused');
      assert.equal((await backend.store.nodes.get(failed))?.status, 'Paused');
      assert.equal((await backend.store.nodes.get(pending))?.status, 'Pending');
      const list = await call(url, 'GET', '/compute-nodes?account_owner=true', { token: ann });
      const statusOf = (id: string) => list.json.find((n: { uuid: string }) => n.uuid === id).status;
      assert.equal(statusOf(pending), 'Pending');
      assert.equal(statusOf(enabled), 'Paused');
      // Re-enabling the account does not re-enable nodes.
      await call(url, 'PATCH', `/accounts/${uuid}`, { token: ann, body: { status: 'Enabled' } });
      assert.equal((await backend.store.nodes.get(enabled))?.status, 'Paused');
    });

    it('DELETE answers 409 {"error","nodeCount","storageNodeCount"} while nodes exist, and deletes with ?force=true', async () => {
      const uuid = await registerAccount(url, 'acctOwner', { roleName: 'Pennsieve-Compute-sandbox-aaaabbbb' });
      await enableWorkspace(url, 'acctOwner', uuid, LAB);
      const node = await seedNode(backend.store, { owner: 'acctOwner', accountUuid: uuid, org: LAB });
      const conflict = await call(url, 'DELETE', `/accounts/${uuid}`, { token: ann });
      assert.equal(conflict.status, 409);
      assert.deepEqual(conflict.json, {
        error: 'account has 1 active compute nodes and 0 active storage nodes',
        nodeCount: 1,
        storageNodeCount: 0,
      });
      assert.equal((await call(url, 'DELETE', `/accounts/${uuid}?force=yes`, { token: ann })).status, 409);
      assert.equal((await call(url, 'DELETE', `/accounts/${uuid}`, { token: tokenOf('admin') })).status, 403);
      const done = await call(url, 'DELETE', `/accounts/${uuid}?force=true`, { token: ann });
      assert.equal(done.status, 200);
      assert.deepEqual(Object.keys(done.json), [
        'uuid',
        'accountId',
        'accountType',
        'roleName',
        'externalId',
        'userId',
      ]);
      assert.equal(done.json.roleName, 'Pennsieve-Compute-sandbox-aaaabbbb');
      assert.equal((await call(url, 'GET', `/accounts/${uuid}`, { token: ann })).status, 404);
      assert.equal(await backend.store.nodes.get(node), undefined);
      assert.deepEqual(await backend.store.workspaces.listByAccount(uuid), []);
    });

    it('DELETE without nodes answers 200 and a second DELETE 404', async () => {
      const uuid = await registerAccount(url, 'acctOwner');
      assert.equal((await call(url, 'DELETE', `/accounts/${uuid}`, { token: ann })).status, 200);
      const again = await call(url, 'DELETE', `/accounts/${uuid}`, { token: ann });
      assert.equal(again.status, 404);
      assert.equal(again.text, 'DeleteAccountHandler: error no records found');
    });
  });

  describe('workspace enablement', () => {
    const enable = (uuid: string, token: string, body: unknown, org = LAB) =>
      call(url, 'POST', `/accounts/${uuid}/workspaces?organization_id=${encodeURIComponent(org)}`, { token, body });

    it('POST answers 201 with the enablement (org from the authorizer, enabledAt in unix seconds)', async () => {
      const uuid = await registerAccount(url, 'acctOwner');
      const res = await enable(uuid, ann, { isPublic: true, enableCompute: true });
      assert.equal(res.status, 201);
      assert.equal(res.json.accountUuid, uuid);
      assert.equal(res.json.organizationId, LAB);
      assert.equal(res.json.isPublic, true);
      assert.equal(res.json.enableStorage, false);
      assert.ok(Number.isInteger(res.json.enabledAt));
    });

    it('POST answers 400 on bad JSON, 404, 403 and 422 in plain text', async () => {
      const uuid = await registerAccount(url, 'acctOwner');
      const bad = await call(url, 'POST', `/accounts/${uuid}/workspaces?organization_id=${encodeURIComponent(LAB)}`, {
        token: ann,
        rawBody: '{x',
      });
      assert.equal(bad.status, 400);
      assert.equal(bad.text, 'PostAccountWorkspaceEnablementHandler: error unmarshaling body');
      const missing = await enable('nope', ann, {});
      assert.equal(missing.status, 404);
      assert.equal(missing.text, 'PostAccountWorkspaceEnablementHandler: account not found');
      const notOwner = await enable(uuid, tokenOf('admin'), {});
      assert.equal(notOwner.status, 403);
      assert.equal(notOwner.text, 'PostAccountWorkspaceEnablementHandler: account does not belong to user');
      assert.equal((await enable(uuid, ann, {})).status, 201);
      const twice = await enable(uuid, ann, {});
      assert.equal(twice.status, 422);
      assert.equal(twice.text, 'PostAccountWorkspaceEnablementHandler: account already enabled for workspace');
    });

    it('DELETE answers 204, then 404 "workspace enablement not found"; 409 while a node is in the workspace', async () => {
      const uuid = await registerAccount(url, 'acctOwner');
      await enableWorkspace(url, 'acctOwner', uuid, LAB);
      await enableWorkspace(url, 'acctOwner', uuid, ANNEX);
      const node = await seedNode(backend.store, { owner: 'acctOwner', accountUuid: uuid, org: LAB });
      const path = (org: string) => `/accounts/${uuid}/workspaces/${encodeURIComponent(org)}`;
      const busy = await call(url, 'DELETE', path(LAB), { token: ann });
      assert.equal(busy.status, 409);
      assert.equal(
        busy.text,
        'DeleteAccountWorkspaceEnablementHandler: cannot remove workspace access: active compute or storage nodes exist in this workspace. Remove them first before disabling workspace access',
      );
      assert.equal((await call(url, 'DELETE', path(ANNEX), { token: tokenOf('admin') })).status, 403);
      const ok = await call(url, 'DELETE', path(ANNEX), { token: ann });
      assert.equal(ok.status, 204);
      assert.equal(ok.text, '');
      const gone = await call(url, 'DELETE', path(ANNEX), { token: ann });
      assert.equal(gone.status, 404);
      assert.equal(gone.text, 'DeleteAccountWorkspaceEnablementHandler: workspace enablement not found');
      assert.ok(await backend.store.nodes.get(node));
    });
  });
});
