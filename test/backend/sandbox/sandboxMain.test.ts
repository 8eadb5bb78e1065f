// `npm run sandbox` (backend/src/sandbox/main.ts): starts moto and the backend, writes the demo
// identities, seeds the demo account, prints URL and token, and stops everything on SIGINT.

import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { parse } from 'yaml';
import { openSqliteStore } from '../../../backend/src/store/sqliteStore';
import { seedNode } from '../../../scripts/harness/backend/fixtures';
import { requireTool } from '../../../scripts/harness/tools';
import { repoRoot as REPO_ROOT } from '../../../scripts/harness/paths';
import { call, waitFor } from '../../../scripts/harness/backend/client';

interface Sandbox {
  readonly child: ChildProcess;
  readonly url: string;
  readonly token: string;
  stdout(): string;
}

function killGroup(child: ChildProcess): void {
  try {
    if (child.pid) process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

async function startSandbox(args: string[]): Promise<Sandbox> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'backend/src/sandbox/main.ts', ...args], {
    cwd: REPO_ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-20_000)));
  try {
    await waitFor(
      'the sandbox banner',
      async () =>
        child.exitCode !== null
          ? Promise.reject(new Error(`sandbox exited: ${err}`))
          : /Stop with Ctrl-C/.test(out)
            ? true
            : undefined,
      90_000,
      100,
    );
  } catch (e) {
    killGroup(child);
    throw e;
  }
  const url = /API URL\s+(\S+)/.exec(out)?.[1] ?? '';
  const token = /Token\s+(\S+)/.exec(out)?.[1] ?? '';
  return { child, url, token, stdout: () => out };
}

async function stopSandbox(s: Sandbox | undefined): Promise<number | null> {
  if (!s || s.child.exitCode !== null) return s?.child.exitCode ?? null;
  const exited = new Promise<number | null>((resolve) => s.child.once('exit', (code) => resolve(code)));
  s.child.kill('SIGINT');
  const timer = setTimeout(() => killGroup(s.child), 60_000);
  const code = await exited;
  clearTimeout(timer);
  return code;
}

describe('npm run sandbox', function () {
  this.timeout(5 * 60_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'sandbox-main-'));
  let sandbox: Sandbox | undefined;
  before(() => requireTool('moto_server', 'install moto with its server extra: pip install "moto[server]"'));
  afterEach(async () => {
    await stopSandbox(sandbox);
    sandbox = undefined;
  });
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts moto and the backend, writes demo identities (0600), seeds the demo account, and prints URL and token', async () => {
    sandbox = await startSandbox(['--data', dataDir, '--port', '0', '--seed-demo']);
    assert.match(sandbox.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const file = join(dataDir, 'identities.yaml');
    assert.equal(statSync(file).mode & 0o777, 0o600);
    const ids = parse(readFileSync(file, 'utf8'));
    assert.equal(sandbox.token, ids.users.alice.token);
    assert.deepEqual(Object.keys(ids.users), ['alice', 'bob', 'carol', 'dave', 'erin']);
    const accounts = await call(sandbox.url, 'GET', '/accounts?includeWorkspaces=true', { token: sandbox.token });
    assert.equal(accounts.status, 200);
    assert.equal(accounts.json.length, 1);
    assert.equal(accounts.json[0].name, 'Sandbox demo account');
    assert.equal(accounts.json[0].enabledWorkspaces[0].organizationId, ids.organizations.lab.nodeId);
    assert.match(accounts.json[0].roleName, /^Pennsieve-Compute-sandbox-[0-9a-f]{8}$/);
    assert.equal(await stopSandbox(sandbox), 0);
  });

  it('keeps identities and data across restarts, re-seeds the same demo account, and fails nodes of the earlier moto', async () => {
    // A node "provisioned" during the previous run: its resources lived in that moto only.
    const store = openSqliteStore(join(dataDir, 'sandbox.db'));
    const stale = await seedNode(store, { owner: 'acctOwner', accountUuid: 'earlier-account', status: 'Enabled' });
    await store.close();
    sandbox = await startSandbox(['--data', dataDir, '--port', '0', '--seed-demo']);
    const db = new Database(join(dataDir, 'sandbox.db'), { readonly: true });
    const row = db.prepare('SELECT data FROM nodes WHERE uuid = ?').get(stale) as { data: string };
    db.close();
    const node = JSON.parse(row.data) as { status: string; statusReason: string };
    assert.equal(node.status, 'Failed');
    assert.match(node.statusReason, /earlier in-memory moto session/);
    const accounts = await call(sandbox.url, 'GET', '/accounts', { token: sandbox.token });
    assert.equal(accounts.json.length, 1, 'the demo account is not registered twice');
    assert.match(sandbox.stdout(), /Identities\s+\S+identities\.yaml\n/, 'the identities file is not regenerated');
  });
});
