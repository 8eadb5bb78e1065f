// `npm start`, step by step: find a live or stale earlier run, check the tools, install
// code-server if missing, package the extension and start the sandbox (in parallel), write the
// demo's AWS profile, token file and sample workspace, then start code-server signed in.
// Everything started is stopped again on failure; `stop()` stops it on request.

import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { killProcessTreeNow, type ManagedProcess } from '../harness/managedProcess';
import { describeHolder, getFreePort, isPortFree } from '../harness/ports';
import { startTimeOf } from '../harness/procfs';
import { DEMO_PROFILE, DEMO_REGION, writeDemoAwsFiles, type AwsFiles } from './aws';
import { ensureExtensionVsix, shortPath } from './build';
import { editorDirs, editorEnv, installExtensions, prepareEditor, startEditor } from './editor';
import { DEFAULT_API_PORT, DEFAULT_EDITOR_PORT, type DemoOptions } from './options';
import { DemoError, type Reporter } from './report';
import { claimRunRecord, handleEarlierRun, removeRunRecord, updateRunRecord, type RunRecord } from './runRecord';
import { DEMO_AWS_ACCOUNT, demoAccount, demoUser, startSandbox, type Sandbox } from './sandbox';
import { checkTools, ensureCodeServer } from './tools';
import {
  checkViolation,
  ensureWorkspace,
  VIOLATION_FILE,
  VIOLATION_RULE,
  writeWorkspaceSettings,
  type WorkspaceInfo,
} from './workspace';

/** The data folder's layout. */
export function dataLayout(dataDir: string): DataLayout {
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

/** Where a demo keeps its state, under its data folder. */
export interface DataLayout {
  readonly sandbox: string;
  readonly workspace: string;
  readonly editor: string;
  readonly aws: string;
  readonly build: string;
  readonly logs: string;
  readonly tokenFile: string;
}

/** A demo that started: where to find it, and what runs. */
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

/** The requested port, or the default one, or (default taken) any free one with a note. */
async function choosePort(
  what: string,
  flag: string,
  requested: number | undefined,
  fallback: number,
  report: Reporter,
): Promise<number> {
  if (requested === 0) return getFreePort();
  const port = requested ?? fallback;
  if (await isPortFree(port)) return port;
  const holder = describeHolder(port);
  if (requested !== undefined) {
    throw new DemoError(
      `Port ${port} for ${what} is in use${holder}. Choose another with ${flag} N, or ${flag} 0 for any free port.`,
    );
  }
  const other = await getFreePort();
  report.warn(`port ${port} for ${what} is in use${holder}; using ${other} instead (${flag} N to choose).`);
  return other;
}

/** The signed-in user, the registered account and the AWS profile, ready for the editor. */
interface Session {
  readonly user: ReturnType<typeof demoUser>;
  readonly account: { name: string; accountId: string };
  readonly aws: AwsFiles;
}

/** What the slow preparations yield: code-server's entry point, the .vsix, the running sandbox. */
interface Prepared {
  readonly entry: string;
  readonly vsix: string;
  readonly sandbox: Sandbox;
}

/**
 * One demo run. `start()` brings everything up; `stop()` (also while `start()` is under way)
 * stops every process started so far and any started after it was called.
 */
export class Demo {
  private readonly processes: ManagedProcess[] = [];
  private readonly record: RunRecord;
  private readonly layout: DataLayout;
  private stopping: Promise<void> | undefined;
  private claimed = false;
  /** Cancels the short-lived helpers of `start()` (esbuild, vsce, extension installs). */
  private readonly abort = new AbortController();

  constructor(
    private readonly opts: DemoOptions,
    private readonly repoRoot: string,
    private readonly report: Reporter,
  ) {
    this.record = {
      orchestrator: { pid: process.pid, startTime: startTimeOf(process.pid) ?? '' },
      dataDir: opts.dataDir,
      processes: [],
    };
    this.layout = dataLayout(opts.dataDir);
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

  /** Brings everything up; on failure stops whatever it started, then rethrows. */
  async start(): Promise<RunningDemo> {
    const began = Date.now();
    await this.claimDataDir();
    try {
      checkTools(this.report);
      const { opts, report } = this;
      const apiPort = await choosePort('the sandbox API', '--api-port', opts.apiPort, DEFAULT_API_PORT, report);
      const editorPort = await choosePort(
        'the editor (code-server)',
        '--port',
        opts.editorPort,
        DEFAULT_EDITOR_PORT,
        report,
      );
      const prepared = await this.prepare(apiPort);
      this.checkNotStopped();
      const session = await this.signIn(prepared.sandbox);
      const ws = await this.prepareWorkspace(prepared.sandbox, session);
      const editorUrl = await this.startEditorProcess(prepared, session.aws, editorPort, ws.path);
      return this.running(began, editorUrl, prepared.sandbox, session, ws);
    } catch (err) {
      // Never leave anything running behind a failed start.
      await this.stop();
      throw err;
    }
  }

  /** Creates the data folder (emptied with --reset), handles an earlier run, claims the run file. */
  private async claimDataDir(): Promise<void> {
    const { dataDir } = this.opts;
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    await handleEarlierRun(dataDir, this.report);
    if (this.opts.reset) {
      this.report.step(`--reset: deleting ${dataDir}`);
      rmSync(dataDir, { recursive: true, force: true });
      mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    }
    mkdirSync(this.layout.logs, { recursive: true });
    try {
      claimRunRecord(this.record);
    } catch {
      throw new DemoError(`Another demo started from ${dataDir} a moment ago (see ${join(dataDir, 'demo-run.json')}).`);
    }
    this.claimed = true;
  }

  /** Installing code-server (first start only), packaging the extension and starting the sandbox overlap. */
  private async prepare(apiPort: number): Promise<Prepared> {
    const codeServerJob = ensureCodeServer(this.repoRoot, this.report, !this.opts.noInstall, this.abort.signal);
    const vsixJob = this.packageExtension();
    const sandboxJob = this.startSandboxProcess(apiPort);
    // All settle before anything fails: a process spawned after the clean-up would be orphaned.
    const [codeServer, vsix, sandbox] = await Promise.allSettled([codeServerJob, vsixJob, sandboxJob]);
    if (sandbox.status === 'rejected') throw sandbox.reason;
    if (codeServer.status === 'rejected') throw codeServer.reason;
    if (vsix.status === 'rejected') throw vsix.reason;
    return { entry: codeServer.value, vsix: vsix.value, sandbox: sandbox.value };
  }

  /** The .vsix to install: --vsix, or the extension packaged again if its sources changed. */
  private async packageExtension(): Promise<string> {
    const { opts, repoRoot, report } = this;
    if (opts.vsix) return opts.vsix;
    const t = Date.now();
    report.step('packaging the extension (node esbuild.mjs --production, vsce package) if its sources changed…');
    const vsix = await ensureExtensionVsix(repoRoot, this.layout.build, opts.rebuild, this.abort.signal);
    report.step(
      vsix.built ? `packaged ${shortPath(repoRoot, vsix.path)} in ${seconds(t)} s` : 'extension package is up to date',
    );
    return vsix.path;
  }

  /** Process 1: the sandbox backend (moto is its child), seeded with the demo account. */
  private async startSandboxProcess(apiPort: number): Promise<Sandbox> {
    const t = Date.now();
    this.report.step(`starting moto and the sandbox backend on 127.0.0.1:${apiPort}…`);
    const sandbox = await startSandbox({
      repoRoot: this.repoRoot,
      dataDir: this.layout.sandbox,
      port: apiPort,
      logFile: join(this.layout.logs, 'sandbox.log'),
      timeoutMs: 180_000,
      onSpawn: (p) => this.register(p, apiPort),
    });
    this.report.step(`sandbox ready in ${seconds(t)} s (moto at ${sandbox.awsEndpoint})`);
    return sandbox;
  }

  /** The demo user's token file (never printed), the registered account, the AWS profile. */
  private async signIn(sandbox: Sandbox): Promise<Session> {
    const { layout, report } = this;
    const user = demoUser(sandbox.identitiesFile);
    // The token goes to the editor through a file only the user can read; it is never printed.
    writeFileSync(layout.tokenFile, `${user.token}\n`, { mode: 0o600 });
    chmodSync(layout.tokenFile, 0o600);
    const account = await demoAccount(sandbox.apiUrl, user.token);
    const aws = await writeDemoAwsFiles(layout.aws, sandbox.awsEndpoint, DEMO_AWS_ACCOUNT, (why) =>
      report.warn(
        `could not make the demo IAM user in moto (${why}); profile ${DEMO_PROFILE} gets placeholder keys of moto's default account`,
      ),
    );
    return { user, account, aws };
  }

  /** The sample workspace (kept from an earlier start unless reset), pointed at the sandbox. */
  private async prepareWorkspace(sandbox: Sandbox, { user, account }: Session): Promise<WorkspaceInfo> {
    const { opts, repoRoot, report } = this;
    const ws = ensureWorkspace(repoRoot, this.layout.workspace, opts.resetWorkspace, {
      accountName: account.name,
      accountId: account.accountId,
      workspace: user.workspace?.name ?? 'lab',
      user: user.name,
      profile: DEMO_PROFILE,
      dataDir: opts.dataDir,
    });
    writeWorkspaceSettings(ws.path, {
      'pennsieve.api.mode': 'sandbox',
      'pennsieve.api.baseUrl': sandbox.apiUrl,
      'pennsieve.aws.endpoint': sandbox.awsEndpoint,
      'pennsieve.aws.region': DEMO_REGION,
      'pennsieve.aws.profile': DEMO_PROFILE,
      'pennsieve.nodes.pollIntervalSeconds': 2,
    });
    if (!ws.created) {
      report.note(`sample workspace kept from an earlier start, with your edits (--reset-workspace to restore it)`);
      return ws;
    }
    report.step(`sample workspace created: ${shortPath(repoRoot, ws.path)} (${VIOLATION_RULE} in ${VIOLATION_FILE})`);
    const drift = await checkViolation(repoRoot, ws.path, this.abort.signal);
    if (drift)
      report.warn(`the sample module should break exactly one guarantee, ${VIOLATION_RULE}; pennsieve-guard: ${drift}`);
    return ws;
  }

  /** Process 2: code-server with the extensions installed, signed in to the sandbox; returns its URL. */
  private async startEditorProcess(
    { entry, vsix, sandbox }: Prepared,
    aws: AwsFiles,
    port: number,
    folder: string,
  ): Promise<string> {
    const { layout, repoRoot, report } = this;
    const dirs = editorDirs(layout.editor);
    prepareEditor(dirs, port);
    const env = editorEnv({
      PENNSIEVE_SANDBOX_URL: sandbox.apiUrl,
      PENNSIEVE_SANDBOX_TOKEN_FILE: layout.tokenFile,
      AWS_CONFIG_FILE: aws.configFile,
      AWS_SHARED_CREDENTIALS_FILE: aws.credentialsFile,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    });
    const installed = await installExtensions(
      entry,
      dirs,
      [vsix, ...this.opts.extraExtensions],
      env,
      this.abort.signal,
    );
    if (installed.length)
      report.step(`installed into the demo editor: ${installed.map((f) => shortPath(repoRoot, f)).join(', ')}`);
    this.checkNotStopped();
    report.step(`starting VS Code (code-server) on 127.0.0.1:${port}…`);
    const logFile = join(layout.logs, 'code-server.log');
    const editor = await startEditor({
      entry,
      dirs,
      port,
      folder,
      env,
      logFile,
      timeoutMs: 90_000,
      onSpawn: (p) => this.register(p, port),
    });
    this.record.editorUrl = editor.url;
    updateRunRecord(this.record);
    return editor.url;
  }

  private running(
    began: number,
    editorUrl: string,
    sandbox: Sandbox,
    { user, account }: Session,
    ws: WorkspaceInfo,
  ): RunningDemo {
    const processes = this.processes;
    return {
      editorUrl,
      apiUrl: sandbox.apiUrl,
      awsEndpoint: sandbox.awsEndpoint,
      dataDir: this.opts.dataDir,
      workspace: ws.path,
      workspaceCreated: ws.created,
      user: { name: user.name, nodeId: user.nodeId },
      account,
      organization: user.workspace?.name,
      processes,
      startMs: Date.now() - began,
      failed: Promise.race(processes.map((p) => p.exited.then((reason) => `${p.name} (pid ${p.pid}) ${reason}`))),
    };
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
}

/** Seconds since `t`, one decimal. */
function seconds(t: number): string {
  return ((Date.now() - t) / 1000).toFixed(1);
}
