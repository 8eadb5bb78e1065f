// The API on the DynamoDB store (moto): the same routes work with production's table layout.

import assert from 'node:assert/strict';
import type { MotoServer } from '../../../backend/src/sandbox/moto';
import { call, waitFor } from '../../../scripts/harness/backend/client';
import { startTestBackend, type TestBackend } from '../../../scripts/harness/backend/backend';
import { enableWorkspace, registerAccount } from '../../../scripts/harness/backend/fixtures';
import { LAB, tokenOf, userOf } from '../../../scripts/harness/backend/identities';
import { startTestMoto } from '../support/moto';

describe('sandbox API on the DynamoDB store (moto)', () => {
  let moto: MotoServer;
  let backend: TestBackend;
  before(async () => {
    moto = await startTestMoto();
    backend = await startTestBackend({ store: 'dynamodb', awsEndpoint: moto.endpoint });
  });
  after(async () => {
    await backend?.close();
    await moto?.stop();
  });

  it('registers, enables, creates, shares, lists and deletes', async () => {
    const ann = tokenOf('acctOwner');
    assert.equal(backend.store.kind, 'dynamodb');
    const account = await registerAccount(backend.url, 'acctOwner');
    await enableWorkspace(backend.url, 'acctOwner', account, LAB);
    const created = await call(backend.url, 'POST', '/compute-nodes', {
      token: ann,
      body: { accountId: account, organizationId: LAB },
    });
    assert.equal(created.status, 202);
    const uuid = created.json.uuid as string;
    await waitFor('Enabled', async () =>
      (await backend.store.nodes.get(uuid))?.status === 'Enabled' ? true : undefined,
    );
    const grant = await call(backend.url, 'POST', `/compute-nodes/${uuid}/permissions/users`, {
      token: ann,
      body: { userId: userOf('member') },
    });
    assert.equal(grant.status, 201);
    const list = await call(backend.url, 'GET', `/compute-nodes?organization_id=${encodeURIComponent(LAB)}`, {
      token: tokenOf('member'),
    });
    assert.deepEqual(
      list.json.map((n: { uuid: string }) => n.uuid),
      [uuid],
    );
    const withWs = await call(backend.url, 'GET', '/accounts?includeWorkspaces=true', { token: ann });
    assert.equal(withWs.json[0].enabledWorkspaces[0].organizationId, LAB);
    assert.equal((await call(backend.url, 'DELETE', `/compute-nodes/${uuid}`, { token: ann })).status, 202);
    await waitFor('gone', async () =>
      (await call(backend.url, 'GET', `/compute-nodes/${uuid}`, { token: ann })).status === 404 ? true : undefined,
    );
    assert.deepEqual(await backend.store.access.listByNode(uuid), []);
  });
});
