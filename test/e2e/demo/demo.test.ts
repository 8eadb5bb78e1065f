// `npm start`, the README's first command, as a newcomer meets it: scripts/demo.sh runs as its own
// process (random ports, a temporary data folder), builds and installs the extension, starts moto,
// the sandbox and code-server, and prints a URL. Chromium opens the URL: the sidebar is signed in
// with the demo AWS account, the sample module's deliberate violation is in the Problems panel and
// its quick fix clears it, and the demo's AWS profile reaches the registered account. Then SIGTERM:
// every process the demo started must be gone. (Creating a node is the sidebar suite's job.)

import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadIdentities } from '../../../backend/src/auth/identities';
import { DEMO_ACCOUNT_NAME } from '../../../backend/src/sandbox/seedDemo';
import { readRunRecord, RUN_FILE } from '../../../scripts/demo/runRecord';
import { VIOLATION_FILE, VIOLATION_RULE } from '../../../scripts/demo/workspace';
import { killProcessTreeNow } from '../../../scripts/harness/managedProcess';
import { repoRoot, resultsDir } from '../../../scripts/harness/paths';
import { isRunning, listDescendants } from '../../../scripts/harness/procfs';
import { removeOnExit } from '../../../scripts/harness/processes';
import { getBridgeVsix } from '../../../scripts/harness/vsix';
import { scaled, waitFor, WaitAborted } from '../../../scripts/harness/wait';
import { Workbench } from '../../../scripts/harness/workbench/workbench';

const VIEW = { view: 'Compute Nodes' };
const STATUS_ITEM = 'pennsieve.pennsieve-compute.pennsieve.connection';
const DEMO_AWS_ACCOUNT = '111122223333';
const screenshotDir = join(resultsDir, 'screenshots', 'demo');
const logDir = join(resultsDir, 'logs', 'demo');

describe('npm start: the one-command demo', function () {
  let dataDir: string;
  let demo: ChildProcess | undefined;
  let demoExit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  let output = '';
  let editorUrl: string;
  let apiUrl: string;
  let workbench: Workbench | undefined;

  const page = () => {
    if (!workbench) throw new Error('The workbench is not open: did the before hook fail?');
    return workbench;
  };

  /** Last resort (mocha exits or is interrupted): SIGKILL the demo and what it recorded. */
  const killDemoNow = () => {
    const record = dataDir ? readRunRecord(dataDir) : undefined;
    for (const p of record?.processes ?? []) if (isRunning(p.pid, p.startTime)) killProcessTreeNow(p.pid);
    if (demo?.pid !== undefined && demo.exitCode === null && demo.signalCode === null) killProcessTreeNow(demo.pid);
  };

  before(async function () {
    this.timeout(scaled(600_000));
    rmSync(logDir, { recursive: true, force: true });
    mkdirSync(logDir, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'pennsieve-e2e-demo-'));
    removeOnExit(dataDir);
    process.on('exit', killDemoNow);

    const bridge = await getBridgeVsix();
    const args = [
      join('scripts', 'demo.sh'),
      '--data',
      dataDir,
      '--port',
      '0',
      '--api-port',
      '0',
      '--no-install',
      '--install-extension',
      bridge,
    ];
    // As in every suite: a prebuilt package when one is named, else the demo packages its own.
    if (process.env.PENNSIEVE_E2E_VSIX) args.push('--vsix', process.env.PENNSIEVE_E2E_VSIX);
    const started = Date.now();
    // Its own process group, as in a terminal: signals reach it only when we send them.
    const child = spawn('bash', args, {
      cwd: repoRoot,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    demo = child;
    demoExit = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    const collect = (d: Buffer) => {
      output += d.toString();
      appendFileSync(join(logDir, 'npm-start.log'), d);
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);

    const urls = await waitFor(
      'the demo to print the URL to open',
      async () => {
        if (child.exitCode !== null) throw new WaitAborted(`the demo exited with ${child.exitCode}:\n${output}`);
        const open = /Open\s+(http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
        const api = /Sandbox API\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        return open && api ? { editor: open[1]!, api: api[1]! } : undefined;
      },
      () => output.slice(-2000),
      { timeout: scaled(540_000), interval: 200 },
    );
    editorUrl = urls.editor;
    apiUrl = urls.api;
    console.log(`      npm start printed ${editorUrl} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    assert.doesNotMatch(output, /psk_/, 'the demo never prints a sandbox token');

    workbench = await Workbench.open({
      url: editorUrl,
      workspacePath: join(dataDir, 'workspace'),
      screenshotDir,
      logDir,
    });
    await workbench.waitForExtensionHost();
    // The workspace's README opens by itself in a Markdown preview (a webview). Wait until it
    // shows: while it loads it takes the focus, which would close a quick input opened meanwhile.
    const wb = workbench;
    await waitFor(
      'the README preview',
      async () => {
        for (const frame of wb.page.frames()) {
          if (
            await frame
              .locator('h1', { hasText: 'Pennsieve Compute: the demo' })
              .count()
              .catch(() => 0)
          )
            return true;
        }
        return false;
      },
      undefined,
      { timeout: scaled(60_000) },
    );
    await wb.screenshot('readme-on-open');
  });

  afterEach(async function () {
    if (this.currentTest?.state !== 'failed' || !workbench) return;
    await workbench.screenshot(`FAILED-${this.currentTest.title}`).catch(() => undefined);
  });

  after(async function () {
    this.timeout(scaled(120_000));
    await workbench?.close().catch(() => undefined);
    if (demo?.exitCode === null && demo.signalCode === null) {
      process.kill(demo.pid!, 'SIGTERM');
      await Promise.race([demoExit, new Promise((r) => setTimeout(r, scaled(60_000)).unref())]);
      killDemoNow();
    }
  });

  it('opens signed in to the sandbox, with the demo AWS account in the sidebar', async function () {
    this.timeout(scaled(180_000));
    const { views, statusBar } = page();
    const alice = loadIdentities(join(dataDir, 'sandbox', 'identities.yaml')).users.find((u) => u.name === 'alice')!;
    const lab = loadIdentities(join(dataDir, 'sandbox', 'identities.yaml')).organizations.find(
      (o) => o.name === 'lab',
    )!;
    // What a newcomer does: click the Pennsieve Compute entry of the activity bar.
    const entry = page().page.locator('[id="workbench.parts.activitybar"] [aria-label^="Pennsieve Compute"]').first();
    await entry.waitFor({ timeout: scaled(120_000) });
    await entry.click();
    await views.scope(VIEW).waitFor({ timeout: scaled(15_000) });
    // Nobody typed a token: the extension signed in from PENNSIEVE_SANDBOX_URL/_TOKEN_FILE.
    // People, not ids: the status bar names the signed-in user.
    const aliceName = [alice.firstName, alice.lastName].filter(Boolean).join(' ') || alice.name;
    await statusBar.waitFor(
      (i) => i.id === STATUS_ITEM && i.text === `Pennsieve: ${aliceName}`,
      'the status bar to show the sandbox sign-in',
      {
        timeout: scaled(60_000),
      },
    );
    const account = await views.treeItem(DEMO_ACCOUNT_NAME, { ...VIEW, timeout: scaled(30_000) });
    assert.match(
      (await account.locator('.label-description').textContent()) ?? '',
      new RegExp(`^${DEMO_AWS_ACCOUNT} · 0 nodes`),
    );
    await views.treeItem([DEMO_ACCOUNT_NAME, 'Workspaces', lab.displayName ?? lab.name], VIEW);
    await page().screenshot('signed-in-with-demo-account');
  });

  it(`shows the sample module's deliberate violation (${VIOLATION_RULE}) in the Problems panel, and its quick fix clears it`, async function () {
    this.timeout(scaled(180_000));
    const { editor, problems } = page();
    await editor.open(VIOLATION_FILE);
    const entry = await problems.waitFor(
      (e) => e.code === VIOLATION_RULE && e.file.endsWith(VIOLATION_FILE),
      `${VIOLATION_RULE} on ${VIOLATION_FILE}`,
      {
        timeout: scaled(60_000),
      },
    );
    assert.equal(entry.severity, 'error');
    assert.equal(entry.source, 'pennsieve-guard');
    assert.match(entry.message, /Role has no permissions boundary.*aws_iam_role\.lambda_processor/);
    const guardErrors = (await problems.entries()).filter(
      (e) => e.source === 'pennsieve-guard' && e.severity !== 'info',
    );
    assert.deepEqual(
      guardErrors.map((e) => e.code),
      [VIOLATION_RULE],
      'the deliberate violation is the only one',
    );
    await editor.goTo({ line: entry.line, column: entry.column });
    await page().screenshot('violation-in-problems');

    await editor.quickFix(/Add the permissions boundary aws_iam_policy\.boundary/, {
      line: entry.line,
      column: entry.column,
    });
    await problems.waitForNone((e) => e.code === VIOLATION_RULE, `${VIOLATION_RULE} to go after the quick fix`, {
      timeout: scaled(30_000),
    });
    await page().screenshot('violation-fixed');
    // VS Code saves what a code action edits by itself (files.refactoring.autoSave).
    const file = join(dataDir, 'workspace', VIOLATION_FILE);
    const roleBlock = () => {
      const text = readFileSync(file, 'utf8');
      const role = text.slice(text.indexOf('resource "aws_iam_role" "lambda_processor"'));
      return role.slice(0, role.indexOf('\n}\n') + 1);
    };
    await waitFor(
      `the role in ${VIOLATION_FILE} to get its boundary on disk`,
      async () => /\n\s*permissions_boundary\s*=\s*aws_iam_policy\.boundary\.arn\n/.test(roleBlock()),
      roleBlock,
    );
  });

  it("audits the demo account's role with the demo AWS profile (moto, in the registered account)", async function () {
    this.timeout(scaled(150_000));
    const { views, notifications, editor } = page();
    await views.openContainer('pennsieve');
    await views.contextMenu(await views.treeItem(DEMO_ACCOUNT_NAME, VIEW), 'Audit Deployed Role');
    await notifications.waitFor(
      /^The deployed role Pennsieve-Compute-sandbox-[0-9a-f]{8} keeps every guarantee of profile builtin:pennsieve \(\d+ proved\)$/,
      {
        timeout: scaled(120_000),
      },
    );
    await editor.waitForActiveUri(
      (uri) => !!uri?.startsWith(`pennsieve-live:/${DEMO_AWS_ACCOUNT}/`),
      'the live role document',
    );
    await page().screenshot('demo-account-audited');
  });

  it('stops everything it started on SIGTERM', async function () {
    this.timeout(scaled(120_000));
    const record = readRunRecord(dataDir);
    assert.ok(record, `${RUN_FILE} lists the running processes`);
    assert.deepEqual(record.processes.map((p) => p.name).sort(), ['code-server', 'sandbox']);
    const orchestrator = demo!.pid!;
    assert.equal(record.orchestrator.pid, orchestrator, 'bash execs the orchestrator');
    // Everything below the orchestrator now: the sandbox, moto, code-server and its servers.
    const all = [orchestrator, ...listDescendants(orchestrator)];
    assert.ok(
      all.length >= 5,
      `expected the orchestrator, sandbox, moto and code-server's processes, found ${all.length}`,
    );
    await workbench?.close();
    workbench = undefined;

    process.kill(orchestrator, 'SIGTERM');
    const exit = await Promise.race([
      demoExit,
      new Promise<undefined>((r) => setTimeout(() => r(undefined), scaled(90_000)).unref()),
    ]);
    assert.ok(exit, `the demo did not exit within 90 s of SIGTERM:\n${output.slice(-2000)}`);
    assert.equal(exit.code, 0, `exit ${exit.code ?? exit.signal}:\n${output.slice(-2000)}`);
    assert.match(output, /stopped\.\n$/);
    await waitFor(
      'every process the demo started to be gone',
      async () => all.every((pid) => !isRunning(pid)),
      () =>
        all
          .filter((pid) => isRunning(pid))
          .map((pid) => `pid ${pid} still runs`)
          .join(', '),
    );
    assert.ok(!existsSync(join(dataDir, RUN_FILE)), `${RUN_FILE} is removed on a clean stop`);
    for (const url of [editorUrl, `${apiUrl}/health`]) {
      await assert.rejects(fetch(url, { signal: AbortSignal.timeout(5_000) }), `nothing answers on ${url} any more`);
    }
  });
});
