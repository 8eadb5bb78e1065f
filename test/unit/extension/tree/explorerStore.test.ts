import assert from 'node:assert/strict';
import type { Account } from '../../../../extension/src/api/accounts';
import { ApiError } from '../../../../extension/src/api/client';
import type { ComputeNode } from '../../../../extension/src/api/computeNodes';
import { ExplorerStore, groupNodesByAccount } from '../../../../extension/src/tree/explorerStore';
import { account, computeNode } from '../support/nodes';

function fakeApi(accounts: Account[], nodes: ComputeNode[]) {
  const calls = { accounts: 0, nodes: 0 };
  const api = {
    accounts: { fetchAccounts: async () => (calls.accounts++, accounts) },
    computeNodes: { fetchOwnedComputeNodes: async () => (calls.nodes++, nodes) },
  };
  return { api: api as unknown as ConstructorParameters<typeof ExplorerStore>[0], calls };
}

describe('extension tree/explorerStore', () => {
  it('groups nodes under their accounts, sorted by name, dropping unknown accounts', () => {
    const grouped = groupNodesByAccount(
      [account('acct-1'), account('acct-2')],
      [
        computeNode('z', 'Enabled', { name: 'zeta' }),
        computeNode('a', 'Pending', { name: 'alpha' }),
        computeNode('x', 'Enabled', { account: { uuid: 'acct-2' } }),
        computeNode('q', 'Enabled', { account: { uuid: 'elsewhere' } }),
      ],
    );
    assert.deepEqual(
      grouped.get('acct-1')!.map((n) => n.name),
      ['alpha', 'zeta'],
    );
    assert.equal(grouped.get('acct-2')!.length, 1);
    assert.equal(grouped.size, 2);
  });

  it('asks for accounts and nodes at once, and ignores the 403 nodes answer of a caller who owns no account', async () => {
    const api = {
      accounts: { fetchAccounts: async () => [] },
      computeNodes: { fetchOwnedComputeNodes: async () => Promise.reject(new ApiError('forbidden', 'forbidden')) },
    } as unknown as ConstructorParameters<typeof ExplorerStore>[0];
    const data = await new ExplorerStore(api).load();
    assert.deepEqual([data.accounts, data.nodesByAccount.size], [[], 0]);
  });

  it('fails the load when the nodes cannot be listed for a caller who owns accounts', async () => {
    const api = {
      accounts: { fetchAccounts: async () => [account('acct-1')] },
      computeNodes: { fetchOwnedComputeNodes: async () => Promise.reject(new ApiError('server', 'boom')) },
    } as unknown as ConstructorParameters<typeof ExplorerStore>[0];
    const store = new ExplorerStore(api);
    await assert.rejects(store.load(), /boom/);
    assert.equal(store.current, undefined, 'a failed load is not cached');
  });

  it('loads once for concurrent callers, then again only after invalidate', async () => {
    const { api, calls } = fakeApi([account('acct-1')], [computeNode('a', 'Enabled')]);
    const store = new ExplorerStore(api);
    const loads: number[] = [];
    store.onDidLoad((d) => loads.push(d.accounts.length));
    await Promise.all([store.load(), store.load(), store.load()]);
    await store.load();
    assert.deepEqual(calls, { accounts: 1, nodes: 1 });
    store.invalidate();
    await store.load();
    assert.deepEqual(calls, { accounts: 2, nodes: 2 });
    assert.deepEqual(loads, [1, 1]);
  });

  it('patches nodes in place: update, add, remove', async () => {
    const { api } = fakeApi([account('acct-1')], [computeNode('a', 'Pending')]);
    const store = new ExplorerStore(api);
    await store.load();
    assert.equal(store.upsertNode(computeNode('a', 'Enabled')), 'updated');
    assert.equal(store.findNode('a')!.status, 'Enabled');
    assert.equal(store.upsertNode(computeNode('b', 'Pending')), 'added');
    assert.equal(store.upsertNode(computeNode('c', 'Pending', { account: { uuid: 'other' } })), 'unknownAccount');
    assert.equal(store.removeNode('a'), 'acct-1');
    assert.deepEqual(
      store.allNodes().map((n) => n.uuid),
      ['b'],
    );
  });

  it('drops a load that finishes after invalidate', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const api = {
      accounts: { fetchAccounts: async () => (await gate, [account('stale')]) },
      computeNodes: { fetchOwnedComputeNodes: async () => [] },
    } as unknown as ConstructorParameters<typeof ExplorerStore>[0];
    const store = new ExplorerStore(api);
    const first = store.load();
    store.invalidate();
    release();
    await first;
    assert.equal(store.current, undefined);
  });

  it('builds the model for 500 nodes well within the 1 s budget', async () => {
    const nodes = Array.from({ length: 500 }, (_, i) =>
      computeNode(`n${i}`, ['Pending', 'Enabled', 'Paused', 'Failed', 'Destroying'][i % 5]!, { name: `node-${i}` }),
    );
    const { api } = fakeApi([account('acct-1')], nodes);
    const t = performance.now();
    const data = await new ExplorerStore(api).load();
    const ms = performance.now() - t;
    assert.equal(data.nodesByAccount.get('acct-1')!.length, 500);
    assert.ok(ms < 100, `model for 500 nodes took ${ms.toFixed(1)} ms`);
  });

  it('applies a poll result to one of 500 nodes in well under a millisecond (no UI freeze while polling)', async () => {
    const nodes = Array.from({ length: 500 }, (_, i) => computeNode(`n${i}`, i % 2 ? 'Pending' : 'Enabled'));
    const store = new ExplorerStore(fakeApi([account('acct-1')], nodes).api);
    await store.load();
    const t = performance.now();
    for (let i = 1; i < 500; i += 2) store.upsertNode(computeNode(`n${i}`, 'Enabled'));
    const perUpdate = (performance.now() - t) / 250;
    assert.equal(store.allNodes().filter((n) => n.status === 'Pending').length, 0);
    assert.ok(perUpdate < 1, `one update took ${perUpdate.toFixed(3)} ms`);
  });
});
