// A minimal LSP client for protocol tests and the benchmark: starts the real server process,
// speaks JSON-RPC over its stdio, answers workspace/configuration, and records what arrives.
// Every wait has a deadline; stop() always ends the process.

import { fork, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import {
  ConfigurationRequest,
  createProtocolConnection,
  IPCMessageReader,
  IPCMessageWriter,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { StatusNotification, type StatusParams } from '../../shared/protocol';
import { DEFAULT_SETTINGS, type PennsieveSettings } from '../../shared/settings';
import { repoRoot } from './paths';

export interface ServerCommand {
  readonly command: string;
  readonly args: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
}

/** The server from source through tsx (what the tests check is the code in the tree). */
export function sourceServer(): ServerCommand {
  return {
    command: process.execPath,
    args: ['--import', 'tsx', join(repoRoot, 'server', 'src', 'server.ts'), '--stdio'],
  };
}

interface Waiter<T> {
  readonly test: (v: T) => boolean;
  readonly resolve: (v: T) => void;
}

export class LspClient {
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  readonly statuses: StatusParams[] = [];
  readonly logs: string[] = [];
  readonly stderr: string[] = [];
  settings: PennsieveSettings = DEFAULT_SETTINGS;
  /** Called on every publishDiagnostics with its arrival time (performance.now()). */
  onPublish?: (p: PublishDiagnosticsParams, at: number) => void;
  private readonly diagWaiters = new Set<Waiter<PublishDiagnosticsParams>>();
  private readonly statusWaiters = new Set<Waiter<StatusParams>>();
  private readonly exited: Promise<number | null>;
  private readonly versions = new Map<string, number>();

  private constructor(
    readonly proc: ChildProcess,
    readonly connection: ProtocolConnection,
  ) {
    this.exited = new Promise((resolve) => proc.once('exit', (code) => resolve(code)));
    proc.stderr!.on('data', (b: Buffer) => this.stderr.push(b.toString('utf8')));
    connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.onPublish?.(p, performance.now());
      this.diagnostics.set(p.uri, p);
      for (const w of [...this.diagWaiters]) if (w.test(p)) w.resolve(p);
    });
    connection.onNotification(StatusNotification.type, (s) => {
      this.statuses.push(s);
      for (const w of [...this.statusWaiters]) if (w.test(s)) w.resolve(s);
    });
    connection.onNotification(LogMessageNotification.type, (m) => {
      this.logs.push(m.message);
    });
    connection.onRequest(ConfigurationRequest.type, (params) =>
      params.items.map((i) => (i.section === 'pennsieve' ? this.settings : null)),
    );
    connection.onRequest(RegistrationRequest.type, () => undefined);
    // Errors after the server is gone are expected in robustness tests.
    connection.onError(() => undefined);
    connection.listen();
  }

  /** Starts the server process and connects (not yet initialized). */
  static start(server: ServerCommand = sourceServer(), cwd = repoRoot): LspClient {
    const proc = spawn(server.command, [...server.args], {
      cwd,
      env: { ...process.env, ...server.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const connection = createProtocolConnection(
      new StreamMessageReader(proc.stdout!),
      new StreamMessageWriter(proc.stdin!),
    );
    return new LspClient(proc, connection);
  }

  /** Starts the server from source with `--node-ipc`, as the VS Code client does. */
  static startIpc(cwd = repoRoot): LspClient {
    const proc = fork(join(repoRoot, 'server', 'src', 'server.ts'), ['--node-ipc'], {
      cwd,
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    const connection = createProtocolConnection(new IPCMessageReader(proc), new IPCMessageWriter(proc));
    return new LspClient(proc, connection);
  }

  /** initialize + initialized with a client that supports pulled configuration. */
  async initialize(rootUri: string | null, timeoutMs = 20000): Promise<InitializeResult> {
    const result = await withDeadline(
      this.connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri,
        workspaceFolders: rootUri ? [{ uri: rootUri, name: 'root' }] : null,
        capabilities: {
          workspace: { configuration: true, workspaceEdit: { documentChanges: true } },
          textDocument: { publishDiagnostics: { versionSupport: true } },
        },
      }),
      timeoutMs,
      'initialize',
    );
    await this.connection.sendNotification(InitializedNotification.type, {});
    return result;
  }

  async open(uri: string, languageId: string, text: string): Promise<void> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId, version: 1, text },
    });
  }

  /** Sends incremental changes; returns the new version. */
  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: changes,
    });
    return version;
  }

  async close(uri: string): Promise<void> {
    this.versions.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** The next publishDiagnostics for `uri` meeting `test` (the current one counts when `includeCurrent`). */
  waitForDiagnostics(
    uri: string,
    test: (p: PublishDiagnosticsParams) => boolean = () => true,
    timeoutMs = 10000,
    includeCurrent = false,
  ): Promise<PublishDiagnosticsParams> {
    const current = this.diagnostics.get(uri);
    if (includeCurrent && current && test(current)) return Promise.resolve(current);
    return this.waitFor(this.diagWaiters, (p) => p.uri === uri && test(p), timeoutMs, `diagnostics for ${uri}`);
  }

  /** The next status meeting `test` (or, with `includeSeen`, one already received). */
  waitForStatus(test: (s: StatusParams) => boolean, timeoutMs = 10000, includeSeen = false): Promise<StatusParams> {
    const seen = includeSeen ? this.statuses.find(test) : undefined;
    if (seen) return Promise.resolve(seen);
    return this.waitFor(this.statusWaiters, test, timeoutMs, 'a pennsieve/status notification');
  }

  /** Resolves with the exit code, or rejects after the deadline. */
  waitForExit(timeoutMs: number): Promise<number | null> {
    return withDeadline(this.exited, timeoutMs, 'server exit');
  }

  get hasExited(): boolean {
    return this.proc.exitCode !== null || this.proc.signalCode !== null;
  }

  /** shutdown + exit, then waits for the process; kills it when it does not go. */
  async stop(timeoutMs = 5000): Promise<number | null> {
    if (!this.hasExited) {
      try {
        await withDeadline(this.connection.sendRequest(ShutdownRequest.type), timeoutMs, 'shutdown');
        await this.connection.sendNotification(ExitNotification.type);
      } catch {
        // Already broken: fall through to the kill below.
      }
    }
    try {
      return await this.waitForExit(timeoutMs);
    } catch {
      this.proc.kill('SIGKILL');
      return this.waitForExit(timeoutMs);
    } finally {
      this.connection.dispose();
    }
  }

  private waitFor<T>(set: Set<Waiter<T>>, test: (v: T) => boolean, timeoutMs: number, what: string): Promise<T> {
    let waiter!: Waiter<T>;
    const p = new Promise<T>((resolve) => {
      waiter = { test, resolve };
      set.add(waiter);
    });
    return withDeadline(p, timeoutMs, what).finally(() => set.delete(waiter));
  }
}

/** `p`, or a rejection naming `what` after `ms`. */
export function withDeadline<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([p, deadline]).finally(() => clearTimeout(timer));
}
