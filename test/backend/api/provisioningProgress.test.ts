// The sandbox-only `provisioning` field of compute-node JSON: present while a job runs, with its
// stage and resource counts, on the single and list routes; absent once the node settles.
// The TEST-ONLY fake runner reports progress as the real runner does (../provisioning/ checks that).

import assert from 'node:assert/strict';
import { call, waitFor } from '../../../scripts/harness/backend/client';
import { startTestBackend, type TestBackend } from '../../../scripts/harness/backend/backend';
import { enableWorkspace, registerAccount } from '../../../scripts/harness/backend/fixtures';
import { LAB, tokenOf } from '../../../scripts/harness/backend/identities';

const ann = tokenOf('acctOwner');

describe('sandbox API: provisioning progress on compute nodes', () => {
  let backend: TestBackend;
  let account: string;
  before(async () => {
    backend = await startTestBackend();
    account = await registerAccount(backend.url, 'acctOwner', { accountId: '123456789012' });
    await enableWorkspace(backend.url, 'acctOwner', account, LAB);
  });
  after(async () => {
    backend.runner.release();
    await backend?.close();
  });

  it('shows { stage, resourcesDone, resourcesTotal, startedAt } while the job runs, and nothing after', async () => {
    backend.runner.hold();
    const before = Date.now();
    const created = await call(backend.url, 'POST', '/compute-nodes', {
      token: ann,
      body: { accountId: account, organizationId: LAB },
    });
    assert.equal(created.status, 202, created.text);
    const uuid = created.json.uuid as string;
    const running = await waitFor('the apply to report progress', async () => {
      const res = await call(backend.url, 'GET', `/compute-nodes/${uuid}`, { token: ann });
      return res.json.provisioning?.resourcesDone === 1 ? res.json : undefined;
    });
    assert.equal(running.status, 'Pending');
    assert.deepEqual(Object.keys(running.provisioning), ['stage', 'resourcesDone', 'resourcesTotal', 'startedAt']);
    assert.equal(running.provisioning.stage, 'apply');
    assert.equal(running.provisioning.resourcesTotal, 3);
    assert.match(running.provisioning.startedAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.ok(Date.parse(running.provisioning.startedAt) >= before - 1000);
    const list = await call(backend.url, 'GET', `/compute-nodes?organization_id=${encodeURIComponent(LAB)}`, {
      token: ann,
    });
    assert.deepEqual(list.json.find((n: { uuid: string }) => n.uuid === uuid)?.provisioning, running.provisioning);

    backend.runner.release();
    const settled = await waitFor('the node to settle', async () => {
      const res = await call(backend.url, 'GET', `/compute-nodes/${uuid}`, { token: ann });
      return res.json.status === 'Enabled' ? res.json : undefined;
    });
    assert.equal(settled.provisioning, undefined, 'no progress once the job is done');
    const after = await call(backend.url, 'GET', '/compute-nodes?account_owner=true', { token: ann });
    assert.equal(after.json.find((n: { uuid: string }) => n.uuid === uuid)?.provisioning, undefined);
  });

  it('shows the destroy stage while a delete runs', async () => {
    const created = await call(backend.url, 'POST', '/compute-nodes', {
      token: ann,
      body: { accountId: account, organizationId: LAB },
    });
    const uuid = created.json.uuid as string;
    await waitFor('Enabled', async () =>
      (await backend.store.nodes.get(uuid))?.status === 'Enabled' ? true : undefined,
    );
    backend.runner.hold();
    assert.equal((await call(backend.url, 'DELETE', `/compute-nodes/${uuid}`, { token: ann })).status, 202);
    const destroying = await waitFor('the destroy to report progress', async () => {
      const res = await call(backend.url, 'GET', `/compute-nodes/${uuid}`, { token: ann });
      return res.json.provisioning?.stage === 'destroy' ? res.json : undefined;
    });
    assert.equal(destroying.status, 'Destroying');
    assert.deepEqual(
      { ...destroying.provisioning, startedAt: undefined },
      { stage: 'destroy', resourcesDone: 1, resourcesTotal: 3, startedAt: undefined },
    );
    backend.runner.release();
    await waitFor('the node to go', async () =>
      (await call(backend.url, 'GET', `/compute-nodes/${uuid}`, { token: ann })).status === 404 ? true : undefined,
    );
  });
});
