// The explorer's data for 500 nodes over real HTTP: the budget is 1 s from sign-in to a visible
// tree, and the two requests plus grouping must leave most of it to the editor.

import assert from 'node:assert/strict';
import { ExplorerStore } from '../../../extension/src/tree/explorerStore';
import { computeNodeContextValue, statusLook } from '../../../extension/src/tree/capabilities';
import { startTestBackend, type TestBackend } from '../../../scripts/harness/backend/backend';
import { registerAccount, seedNode } from '../../../scripts/harness/backend/fixtures';
import { LAB, tokenOf } from '../../../scripts/harness/backend/identities';
import { apiFor } from '../support/sandboxClient';

describe('extension explorer data for 500 nodes (sandbox over HTTP)', () => {
  let backend: TestBackend;

  before(async () => {
    backend = await startTestBackend();
    const account = await registerAccount(backend.url, 'admin');
    for (let i = 0; i < 500; i++)
      await seedNode(backend.store, { owner: 'admin', accountUuid: account, org: i % 2 ? LAB : undefined });
  });
  after(async () => {
    await backend?.close();
  });

  it('loads, groups and computes every row’s look in well under a second', async () => {
    const api = apiFor(backend.url, tokenOf('admin'));
    await new ExplorerStore(api).load(); // warm the connection and the backend's statements
    const samples: number[] = [];
    for (let run = 0; run < 5; run++) {
      const t = performance.now();
      const store = new ExplorerStore(api);
      const data = await store.load();
      const rows = store.allNodes().map((n) => [statusLook(n.status).icon, computeNodeContextValue(n)]);
      samples.push(performance.now() - t);
      assert.equal(data.accounts.length, 1);
      assert.equal(rows.length, 500);
    }
    const median = samples.sort((a, b) => a - b)[2]!;
    console.log(
      `      500 nodes: median ${median.toFixed(0)} ms over HTTP (samples ${samples.map((s) => s.toFixed(0)).join(', ')})`,
    );
    assert.ok(median < 500, `loading 500 nodes took ${median.toFixed(0)} ms`);
  });
});
