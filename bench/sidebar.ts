// Sidebar benchmark (issue: "Pennsieve Compute view and commands"), in real VS Code (code-server
// in headless Chromium) against a sandbox backend holding 500 nodes, 20 of them Pending:
//  - sign-in → the 500-node account and its first node rows on screen (target < 1 s);
//  - UI freezes while the Pending nodes are polled every 2 s: stalls of the workbench's main
//    thread, seen by a 10 ms timer heartbeat, over 20 s (target: none over 100 ms).
// The backend's runner is the tests' fake one: nodes are seeded straight into its SQLite store.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestBackend } from '../scripts/harness/backend/backend';
import { registerAccount, seedNode } from '../scripts/harness/backend/fixtures';
import { LAB, tokenOf } from '../scripts/harness/backend/identities';
import { startCodeServer } from '../scripts/harness/codeServer';
import { findInLogs } from '../scripts/harness/probe';
import { getBridgeVsix, getExtensionVsix } from '../scripts/harness/vsix';
import { waitFor } from '../scripts/harness/wait';
import { Workbench } from '../scripts/harness/workbench/workbench';
import { percentile, type BenchSection } from './stats';

const NODES = 500;
const PENDING = 20;
const POLL_WINDOW_MS = 20_000;
const VIEW = { view: 'Compute Nodes' };

interface SidebarRun {
  readonly shownAfterSignInMs: number;
  readonly requestsMs: number;
  readonly stallsMs: number[];
}

async function oneRun(vsix: string, bridge: string, run: number): Promise<SidebarRun> {
  const backend = await startTestBackend();
  const workspace = mkdtempSync(join(tmpdir(), 'pg-bench-sidebar-ws-'));
  writeFileSync(join(workspace, 'README.md'), 'bench\n');
  const logDir = join(tmpdir(), `pg-bench-sidebar-logs-${run}`);
  rmSync(logDir, { recursive: true, force: true });
  let cs: Awaited<ReturnType<typeof startCodeServer>> | undefined;
  let wb: Workbench | undefined;
  try {
    const account = await registerAccount(backend.url, 'admin', { name: 'scale' });
    const pending: string[] = [];
    for (let i = 0; i < NODES; i++) {
      const uuid = await seedNode(backend.store, {
        owner: 'admin',
        accountUuid: account,
        org: LAB,
        status: i < PENDING ? 'Pending' : 'Enabled',
      });
      if (i < PENDING) pending.push(uuid);
    }
    // The node that settles mid-run sorts first, so its row is on screen.
    const settledName = 'node-0000-settles';
    await backend.store.nodes.update(pending[0]!, { name: settledName });
    cs = await startCodeServer({
      name: `bench-sidebar-${run}`,
      workspace,
      // The tests' bridge extension runs commands by id (the helpers open views with it).
      extensions: [bridge, vsix],
      logDir,
      settings: {
        'pennsieve.api.mode': 'sandbox',
        'pennsieve.api.baseUrl': backend.url,
        'pennsieve.nodes.pollIntervalSeconds': 2,
      },
    });
    wb = await Workbench.open({
      url: cs.workbenchUrl,
      workspacePath: cs.workspacePath,
      screenshotDir: join(logDir, 'shots'),
      logDir,
    });
    await wb.waitForExtensionHost();
    // A heartbeat on the workbench's main thread: a timer every 10 ms; a gap between two beats
    // over 50 ms is a stall of the UI (browser code as a string: no DOM library here).
    await wb.page.evaluate(`window.__pgStalls = []; window.__pgLast = performance.now();
      setInterval(() => { const now = performance.now(); const gap = now - window.__pgLast;
        if (gap > 50) window.__pgStalls.push({ start: window.__pgLast, ms: gap }); window.__pgLast = now; }, 10);`);
    await wb.views.openContainer('pennsieve');
    await wb.runCommand('Pennsieve: Sign In');
    await wb.quickInput.pick('Sandbox');
    await wb.quickInput.waitForPrompt((p) => p.message.startsWith('Sandbox API base URL'));
    await wb.quickInput.answer(backend.url);
    await wb.quickInput.waitForPrompt((p) => p.message.startsWith('Sandbox token'));
    await wb.quickInput.input.fill(tokenOf('admin'));
    await wb.quickInput.input.press('Enter');
    const shown = await waitFor(
      `the ${NODES}-node account and its first nodes`,
      async () => {
        const rows = await wb!.views.rows(VIEW);
        const acct = rows.find((r) => r.label === 'scale');
        return acct?.description.includes(`${NODES} nodes`) &&
          rows.some((r) => r.level === 2 && r.label.startsWith('node-'))
          ? Date.now()
          : undefined;
      },
      undefined,
      { timeout: 30_000, interval: 20 },
    );
    const logs = join(cs.userDataDir, 'logs');
    const signedInLine = await waitFor('the sign-in log line', async () =>
      findInLogs(logs, /^(\S+ \S+) \[info\] Signed in \(sandbox\)/m),
    );
    const loaded = await waitFor('the load log line', async () =>
      findInLogs(logs, new RegExp(`Loaded 1 account\\(s\\) and ${NODES} compute node\\(s\\) in (\\d+) ms`)),
    );
    const signedIn = new Date(signedInLine[1]!.replace(' ', 'T')).getTime();
    // Polling: the Pending nodes stay Pending (no job runs them), so the view keeps polling.
    const windowStart = (await wb.page.evaluate('performance.now()')) as number;
    // Halfway, one node settles: the poller must notice it and the row must change.
    await new Promise((r) => setTimeout(r, POLL_WINDOW_MS / 2));
    await backend.store.nodes.update(pending[0]!, { status: 'Enabled' });
    await new Promise((r) => setTimeout(r, POLL_WINDOW_MS / 2));
    // Read before probing the rows: reading the DOM is our own work, not the extension's.
    const tasks = (await wb.page.evaluate('window.__pgStalls')) as { start: number; ms: number }[];
    const settledRow = (await wb.views.rows(VIEW)).find((r) => r.label === settledName);
    if (!settledRow || /Pending/.test(settledRow.description)) {
      throw new Error(`polling did not update ${settledName}: ${JSON.stringify(settledRow)}`);
    }
    if (process.env.PG_BENCH_DEBUG)
      process.stderr.write(
        `stalls: ${JSON.stringify(tasks.filter((t) => t.start >= windowStart).map((t) => [Math.round(t.start - windowStart), Math.round(t.ms)]))}\n`,
      );
    // The heartbeat must see a stall we cause, or the figure above means nothing.
    const probe = (await wb.page.evaluate(`(async () => {
      const t = performance.now(); while (performance.now() - t < 150) {}
      await new Promise((r) => setTimeout(r, 100));
      return window.__pgStalls.some((e) => e.ms >= 140 && e.start >= t - 20);
    })()`)) as boolean;
    if (!probe) throw new Error('the heartbeat did not see a 150 ms busy loop: timers are throttled in this page');
    return {
      shownAfterSignInMs: shown - signedIn,
      requestsMs: Number(loaded[1]),
      stallsMs: tasks.filter((t) => t.start >= windowStart).map((t) => t.ms),
    };
  } finally {
    await wb?.close();
    await cs?.stop();
    await backend.close();
    rmSync(workspace, { recursive: true, force: true });
  }
}

export async function benchSidebar(): Promise<BenchSection> {
  mkdirSync(join(tmpdir(), 'pg-bench'), { recursive: true });
  const vsix = await getExtensionVsix();
  const bridge = await getBridgeVsix();
  const runs: SidebarRun[] = [];
  for (let i = 0; i < 3; i++) runs.push(await oneRun(vsix, bridge, i));
  const shown = runs.map((r) => r.shownAfterSignInMs);
  const long = runs.flatMap((r) => r.stallsMs);
  const worst = long.length ? Math.max(...long) : 0;
  return {
    title: 'Sidebar (real VS Code, 500 nodes)',
    rows: [
      [
        `Sign-in → ${NODES} nodes on screen, median of 3`,
        `${percentile(shown, 50).toFixed(0)} ms`,
        `runs ${shown.join(', ')} ms; the two API requests took ${runs.map((r) => r.requestsMs).join(', ')} ms; target < 1 s`,
      ],
      [
        `Longest UI stall while polling ${PENDING} Pending nodes`,
        `${worst.toFixed(0)} ms`,
        `${(POLL_WINDOW_MS / 1000).toFixed(0)} s × 3 runs, poll every 2 s; ${long.length} stalls over 50 ms, ${long.filter((t) => t > 100).length} over 100 ms (10 ms heartbeat in the workbench); one node settles mid-run and its row updates; target: none over 100 ms`,
      ],
    ],
  };
}
