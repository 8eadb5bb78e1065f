// `npm start`, step by step: find a live or stale earlier run, check the tools, install
// code-server if missing, package the extension and start the sandbox (in parallel), write the
// demo's AWS profile, token file and sample workspace, then start code-server signed in.
// Everything started is stopped again on failure; `stop()` stops it on request.

import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_PROFILE, DEMO_REGION, writeDemoAwsFiles } from './aws';
import { ensureExtensionVsix, shortPath } from './build';
import { editorDirs, editorEnv, installExtensions, prepareEditor, startEditor } from './editor';
import { DEFAULT_API_PORT, DEFAULT_EDITOR_PORT, type DemoOptions } from './options';
import {
  claimRunRecord,
  describeHolder,
  freePort,
  isPortFree,
  isRunning,
  killProcessTreeNow,
  readRunRecord,
  removeRunRecord,
  startTimeOf,
  stopProcessTree,
  updateRunRecord,
  type ManagedProcess,
  type RunRecord,
} from './procs';
import { DemoError, type Reporter } from './report';
import { DEMO_AWS_ACCOUNT, demoAccount, demoUser, startSandbox } from './sandbox';
import { checkTools, ensureCodeServer } from './tools';
import { checkViolation, ensureWorkspace, VIOLATION_FILE, VIOLATION_RULE, writeWorkspaceSettings } from './workspace';

/** The data folder's layout. */
export function dataLayout(dataDir: string) {
  return {
    sandbox: join(dataDir, 'sandbox'),
    workspace: join(dataDir, 'workspace'),
    editor: join(dataDir, 'editor'),
    aws: join(dataDir, 'aws'),
    build: join(dataDir, 'build'),
    logs: join(dataDir, 'logs'),
    tokenFile: join(dataDir, 'sandbox-token'),
  };
}

export interface RunningDemo {
  readonly editorUrl: string;
  readonly apiUrl: string;
  readonly awsEndpoint: string;
  readonly dataDir: string;
  readonly workspace: string;
  readonly workspaceCreated: boolean;
  readonly user: { name: string; nodeId: string };
  readonly account: { name: string; accountId: string };
  readonly organization?: string;
  readonly processes: readonly ManagedProcess[];
  /** Milliseconds from the call to startDemo until everything answered. */
  readonly startMs: number;
  /** Resolves with what happened when a process dies while the demo runs. */
  readonly failed: Promise<string>;
}

/**
 * Refuses when a demo runs from this data folder; stops what an earlier run left behind (its
 * processes are recorded with their start times, so nothing else can be mistaken for them).
 */
async function handleEarlierRun(dataDir: string, report: Reporter): Promise<void> {
  const earlier = readRunRecord(dataDir);
  if (!earlier) return;
  const { pid, startTime } = earlier.orchestrator;
  if (pid !== process.pid && isRunning(pid, startTime)) {
    throw new DemoError(
      `A demo is already running from ${dataDir} (pid ${pid}${earlier.editorUrl ? `, ${earlier.editorUrl}` : ''}). ` +
        `Use it, or stop it first: Ctrl-C in its terminal, or \`kill ${pid}\`.`,
    );
  }
  const left = earlier.processes.filter((p) => isRunning(p.pid, p.startTime));
  if (left.length) {
    report.warn(
      `an earlier demo (pid ${pid}) ended without stopping its processes; stopping them now: ` +
        left.map((p) => `${p.name} (pid ${p.pid}${p.port ? `, port ${p.port}` : ''})`).join(', '),
    );
    await Promise.all(left.map((p) => stopProcessTree(p.pid, p.name === 'sandbox' ? 30_000 : 5_000)));
  }
  removeRunRecord(dataDir);
}

/** The requested port, or the default one, or (default taken) any free one with a note. */
async function choosePort(what: string, flag: string, requested: number | undefined, fallback: number, report: Reporter): Promise<number> {
  if (requested === 0) return freePort();
  const port = requested ?? fallback;
  if (await isPortFree(port)) return port;
  const holder = describeHolder(port);
  if (requested !== undefined) {
    throw new DemoError(`Port ${port} for ${what} is in use${holder}. Choose another with ${flag} N, or ${flag} 0 for any free port.`);
  }
  const other = await freePort();
  report.warn(`port ${port} for ${what} is in use${holder}; using ${other} instead (${flag} N to choose).`);
  return other;
}

/**
 * One demo run. `start()` brings everything up; `stop()` (also while `start()` is under way)
 * stops every process started so far and any started after it was called.
 */
export class Demo {
  private readonly processes: ManagedProcess[] = [];
  private readonly record: RunRecord;
  private stopping: Promise<void> | undefined;
  private claimed = false;
  /** Cancels the short-lived helpers of `start()` (esbuild, vsce, extension installs). */
  private readonly abort = new AbortController();

  constructor(
    private readonly opts: DemoOptions,
    private readonly repoRoot: string,
    private readonly report: Reporter,
  ) {
    this.record = { orchestrator: { pid: process.pid, startTime: startTimeOf(process.pid) ?? '' }, dataDir: opts.dataDir, processes: [] };
  }

  /** Stops code-server and the sandbox (with moto and Terraform). Idempotent. */
  stop(): Promise<void> {
    return (this.stopping ??= (async () => {
      this.abort.abort();
      // Both at once: code-server stops quickly, the sandbox interrupts Terraform gracefully.
      await Promise.all(this.processes.map((p) => p.stop()));
      if (this.claimed) removeRunRecord(this.opts.dataDir);
    })());
  }

  /** On exit, synchronously: SIGKILL whatever still runs. */
  killNow(): void {
    for (const p of this.processes) if (!p.isStopped()) killProcessTreeNow(p.pid, p.seen);
  }

  private register(p: ManagedProcess, port?: number): void {
    this.processes.push(p);
    this.record.processes.push({ name: p.name, pid: p.pid, startTime: p.startTime, port });
    updateRunRecord(this.record);
    // Started while stopping (a signal arrived during start): stop it at once.
    if (this.stopping) void p.stop();
  }

  private checkNotStopped(): void {
    if (this.stopping) throw new DemoError('Stopped while starting.');
  }

  async start(): Promise<RunningDemo> {
    const { opts, repoRoot, report } = this;
    const began = Date.now();
    const dataDir = opts.dataDir;
    const layout = dataLayout(dataDir);
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    await handleEarlierRun(dataDir, report);
    if (opts.reset) {
      report.step(`--reset: deleting ${dataDir}`);
      rmSync(dataDir, { recursive: true, force: true });
      mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    }
    mkdirSync(layout.logs, { recursive: true });
    try {
      claimRunRecord(this.record);
    } catch {
      throw new DemoError(`Another demo started from ${dataDir} a moment ago (see ${join(dataDir, 'demo-run.json')}).`);
    }
    this.claimed = true;
    const register = (p: ManagedProcess, port?: number) => this.register(p, port);
    const processes = this.processes;

    try {
      checkTools(report);
      const signal = this.abort.signal;
      const apiPort = await choosePort('the sandbox API', '--api-port', opts.apiPort, DEFAULT_API_PORT, report);
      const editorPort = await choosePort('the editor (code-server)', '--port', opts.editorPort, DEFAULT_EDITOR_PORT, report);

      // Installing code-server (first start only), packaging the extension and starting the
      // sandbox overlap.
      const codeServerJob = ensureCodeServer(repoRoot, report, !opts.noInstall, signal);
      const vsixJob = (async () => {
        if (opts.vsix) return opts.vsix;
        const t = Date.now();
        report.step('packaging the extension (node esbuild.mjs --production, vsce package) if its sources changed…');
        const vsix = await ensureExtensionVsix(repoRoot, layout.build, opts.rebuild, signal);
        report.step(vsix.built ? `packaged ${shortPath(repoRoot, vsix.path)} in ${((Date.now() - t) / 1000).toFixed(1)} s` : 'extension package is up to date');
        return vsix.path;
      })();
      const sandboxJob = (async () => {
        const t = Date.now();
        report.step(`starting moto and the sandbox backend on 127.0.0.1:${apiPort}…`);
        const sb = await startSandbox({
          repoRoot,
          dataDir: layout.sandbox,
          port: apiPort,
          logFile: join(layout.logs, 'sandbox.log'),
          timeoutMs: 180_000,
          onSpawn: (p) => register(p, apiPort),
        });
        report.step(`sandbox ready in ${((Date.now() - t) / 1000).toFixed(1)} s (moto at ${sb.awsEndpoint})`);
        return sb;
      })();
      // All settle before anything fails: a process spawned after the clean-up would be orphaned.
      const [codeServerResult, vsixResult, sandboxResult] = await Promise.allSettled([codeServerJob, vsixJob, sandboxJob]);
      if (sandboxResult.status === 'rejected') throw sandboxResult.reason;
      if (codeServerResult.status === 'rejected') throw codeServerResult.reason;
      if (vsixResult.status === 'rejected') throw vsixResult.reason;
      const entry = codeServerResult.value;
      const vsix = vsixResult.value;
      const sandbox = sandboxResult.value;
      this.checkNotStopped();

      const user = demoUser(sandbox.identitiesFile);
      // The token goes to the editor through a file only the user can read; it is never printed.
      writeFileSync(layout.tokenFile, `${user.token}\n`, { mode: 0o600 });
      chmodSync(layout.tokenFile, 0o600);
      const account = await demoAccount(sandbox.apiUrl, user.token);
      const aws = await writeDemoAwsFiles(layout.aws, sandbox.awsEndpoint, DEMO_AWS_ACCOUNT, (why) =>
        report.warn(`could not make the demo IAM user in moto (${why}); profile ${DEMO_PROFILE} gets placeholder keys of moto's default account`),
      );

      const ws = ensureWorkspace(repoRoot, layout.workspace, opts.resetWorkspace, {
        accountName: account.name,
        accountId: account.accountId,
        workspace: user.workspace?.name ?? 'lab',
        user: user.name,
        profile: DEMO_PROFILE,
        dataDir,
      });
      writeWorkspaceSettings(ws.path, {
        'pennsieve.api.mode': 'sandbox',
        'pennsieve.api.baseUrl': sandbox.apiUrl,
        'pennsieve.aws.endpoint': sandbox.awsEndpoint,
        'pennsieve.aws.region': DEMO_REGION,
        'pennsieve.aws.profile': DEMO_PROFILE,
        'pennsieve.nodes.pollIntervalSeconds': 2,
      });
      if (ws.created) {
        report.step(`sample workspace created: ${shortPath(repoRoot, ws.path)} (${VIOLATION_RULE} in ${VIOLATION_FILE})`);
        const drift = await checkViolation(repoRoot, ws.path, signal);
        if (drift) report.warn(`the sample module should break exactly one guarantee, ${VIOLATION_RULE}; pennsieve-guard: ${drift}`);
      } else {
        report.note(`sample workspace kept from an earlier start, with your edits (--reset-workspace to restore it)`);
      }

      const dirs = editorDirs(layout.editor);
      prepareEditor(dirs, editorPort);
      const env = editorEnv({
        PENNSIEVE_SANDBOX_URL: sandbox.apiUrl,
        PENNSIEVE_SANDBOX_TOKEN_FILE: layout.tokenFile,
        AWS_CONFIG_FILE: aws.configFile,
        AWS_SHARED_CREDENTIALS_FILE: aws.credentialsFile,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      });
      const installed = await installExtensions(entry, dirs, [vsix, ...opts.extraExtensions], env, signal);
      if (installed.length) report.step(`installed into the demo editor: ${installed.map((f) => shortPath(repoRoot, f)).join(', ')}`);
      this.checkNotStopped();
      report.step(`starting VS Code (code-server) on 127.0.0.1:${editorPort}…`);
      const editor = await startEditor({
        entry,
        dirs,
        port: editorPort,
        folder: ws.path,
        env,
        logFile: join(layout.logs, 'code-server.log'),
        timeoutMs: 90_000,
        onSpawn: (p) => register(p, editorPort),
      });
      this.record.editorUrl = editor.url;
      updateRunRecord(this.record);

      const failed = Promise.race(processes.map((p) => p.exited.then((reason) => `${p.name} (pid ${p.pid}) ${reason}`)));
      return {
        editorUrl: editor.url,
        apiUrl: sandbox.apiUrl,
        awsEndpoint: sandbox.awsEndpoint,
        dataDir,
        workspace: ws.path,
        workspaceCreated: ws.created,
        user: { name: user.name, nodeId: user.nodeId },
        account,
        organization: user.workspace?.name,
        processes,
        startMs: Date.now() - began,
        failed,
      };
    } catch (err) {
      // Never leave anything running behind a failed start.
      await this.stop();
      throw err;
    }
  }
}
