// kill -9 under a write load: every acknowledged write survives, and the store stays consistent.

import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { call } from '../../../scripts/harness/backend/client';
import { spawnBackend, type BackendProcess } from '../../../scripts/harness/backend/backend';
import { tokenOf, writeTestIdentities } from '../../../scripts/harness/backend/identities';

const ROUNDS = 3;
const WRITERS = 8;
const ann = tokenOf('acctOwner');

interface Acked {
  readonly accounts: Set<string>;
  readonly nodes: Set<string>;
  /** account uuid → the last description acknowledged for it. */
  readonly descriptions: Map<string, string>;
}

/** Writes as fast as it can until `stop` is set; records only what the server acknowledged. */
async function writer(url: string, id: number, acked: Acked, stop: { value: boolean }): Promise<void> {
  let n = 0;
  while (!stop.value) {
    n += 1;
    try {
      const accountId = String(100_000_000_000 + id * 10_000_000 + n + Math.floor(Math.random() * 1_000_000) * 10);
      const res = await call(url, 'POST', '/accounts', {
        token: ann,
        body: { accountId, accountType: 'AWS', roleName: 'r', externalId: 'e' },
      });
      if (res.status !== 201) continue;
      const uuid = res.json.uuid as string;
      acked.accounts.add(uuid);
      const description = `w${id}-${n}`;
      const patch = await call(url, 'PATCH', `/accounts/${uuid}`, { token: ann, body: { description } });
      if (patch.status === 200) acked.descriptions.set(uuid, description);
      const node = await call(url, 'POST', '/compute-nodes', {
        token: ann,
        body: { accountId: uuid, name: description },
      });
      if (node.status === 202) acked.nodes.add(node.json.uuid as string);
    } catch {
      // The connection died with the server: the write was never acknowledged.
    }
  }
}

/** Opens the database file directly, as the next process would, and checks invariants. */
function checkConsistency(file: string): void {
  const db = new Database(file, { fileMustExist: true });
  try {
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
    const orphans = db
      .prepare(
        "SELECT uuid FROM nodes WHERE NOT EXISTS (SELECT 1 FROM access a WHERE a.node_id = 'node#' || nodes.uuid)",
      )
      .all();
    assert.deepEqual(orphans, [], 'every node has its owner row (node and row are written together)');
    const ghosts = db
      .prepare('SELECT node_uuid FROM jobs WHERE NOT EXISTS (SELECT 1 FROM nodes n WHERE n.uuid = jobs.node_uuid)')
      .all();
    assert.deepEqual(ghosts, [], 'no job outlives its node');
  } finally {
    db.close();
  }
}

describe('durability: kill -9 under write load (SQLite)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sandbox-kill9-'));
  const identities = writeTestIdentities();
  // Nothing listens here: node jobs fail fast, which is fine, the test is about the API's writes.
  const args = [
    '--identities',
    identities,
    '--data',
    dataDir,
    '--aws-endpoint',
    'http://127.0.0.1:9',
    '--provisioner-account-id',
    '123456789012',
    '--log-level',
    'warn',
  ];
  let backend: BackendProcess | undefined;
  afterEach(async () => {
    await backend?.stop();
    backend = undefined;
  });
  after(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(dirname(identities), { recursive: true, force: true });
  });

  it(`loses no acknowledged write across ${ROUNDS} kill -9 crashes`, async () => {
    const acked: Acked = { accounts: new Set(), nodes: new Set(), descriptions: new Map() };
    for (let round = 0; round < ROUNDS; round++) {
      backend = await spawnBackend(args);
      const stop = { value: false };
      const writers = Array.from({ length: WRITERS }, (_, i) => writer(backend!.url, round * 100 + i, acked, stop));
      await new Promise((r) => setTimeout(r, 400 + Math.random() * 1200));
      await backend.kill9();
      stop.value = true;
      await Promise.all(writers);
      checkConsistency(join(dataDir, 'sandbox.db'));
    }
    assert.ok(acked.accounts.size > 50, `only ${acked.accounts.size} writes were acknowledged: the load was too light`);

    backend = await spawnBackend(args);
    const accounts = await call(backend.url, 'GET', '/accounts', { token: ann });
    const stored = new Map<string, { description?: string }>(accounts.json.map((a: { uuid: string }) => [a.uuid, a]));
    const lost = [...acked.accounts].filter((u) => !stored.has(u));
    assert.deepEqual(lost, [], `${lost.length} acknowledged accounts were lost`);
    for (const [uuid, description] of acked.descriptions) {
      assert.equal(stored.get(uuid)?.description, description, `the acknowledged update of ${uuid} was lost`);
    }
    const nodes = await call(backend.url, 'GET', '/compute-nodes?account_owner=true', { token: ann });
    const nodeIds = new Set(nodes.json.map((n: { uuid: string }) => n.uuid));
    const lostNodes = [...acked.nodes].filter((u) => !nodeIds.has(u));
    assert.deepEqual(lostNodes, [], `${lostNodes.length} acknowledged nodes were lost`);
  });
});
