// Runs one terraform command as a child process: line-by-line logging, Terraform's machine-
// readable UI (-json) turned into log lines and error diagnostics, and graceful cancellation.
//
// Terraform writes to files in the work dir, not to pipes: if the backend dies mid-apply, a pipe
// would break and kill Terraform half-way (Go exits on a broken stdout), orphaning resources.
// Writing to files, Terraform outlives a crashed backend; the run registry (./runRegistry.ts)
// records its process group so that the next start ends it gracefully before resuming the job.

import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readdirSync, readSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';

/** How long terraform gets to stop after SIGINT before the whole process group is killed. */
export const CANCEL_GRACE_MS = 30_000;

/** Told when a command's process group starts and ends (the run registry records it). */
export interface ProcessHooks {
  spawned(pgid: number, args: readonly string[]): void;
  exited(pgid: number): void;
}

export interface CommandOptions {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly signal?: AbortSignal;
  /** Receives every output line (or the `@message` of -json lines); already scrubbed by the caller's logger. */
  readonly onLine: (line: string) => void;
  /** Receives every event of Terraform's -json UI (with `json`). */
  readonly onEvent?: (event: Readonly<Record<string, unknown>>) => void;
  readonly processes?: ProcessHooks;
  /** Parse stdout as Terraform's -json UI stream. */
  readonly json?: boolean;
  /** Keep stdout whole (for `terraform output -json`) instead of logging it. */
  readonly captureStdout?: boolean;
}

/** An error diagnostic of Terraform's -json UI. */
export interface ErrorDiagnostic {
  readonly summary: string;
  readonly detail: string;
  /** The resource it concerns, e.g. `module.compute_node.aws_iam_role.orchestrator`. */
  readonly address?: string;
}

export interface CommandResult {
  readonly code: number | null;
  readonly cancelled: boolean;
  /** Error diagnostics: `summary: detail`, in order. */
  readonly errors: string[];
  /** The same errors with their resource address (-json commands only). */
  readonly diagnostics: ErrorDiagnostic[];
  readonly stdout: string;
  /** The last stderr lines, for a failure without diagnostics. */
  readonly stderrTail: string[];
  /** The `outputs` event of a -json apply: each output's value (absent for other commands). */
  readonly outputs?: Readonly<Record<string, { readonly value?: unknown }>>;
}

type Collected = Omit<CommandResult, 'code' | 'cancelled' | 'outputs'> & {
  stdout: string;
  outputs?: CommandResult['outputs'];
};

/** Sends SIGKILL to a process group, if it still exists. */
export function killGroup(pgid: number): void {
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** Tails the child's output files into `collected`, every 200 ms and once more at the end. */
function followOutput(base: string, opts: CommandOptions, collected: Collected): () => void {
  const outTail = new FileTail(`${base}.out`, (line) => {
    if (opts.captureStdout) collected.stdout += line + '\n';
    else if (opts.json) handleJsonLine(line, opts, collected);
    else opts.onLine(line);
  });
  const errTail = new FileTail(`${base}.err`, (line) => {
    opts.onLine(line);
    collected.stderrTail.push(line);
    if (collected.stderrTail.length > 40) collected.stderrTail.shift();
    if (!opts.json) collectTextError(line, collected.errors);
  });
  const poll = setInterval(() => {
    outTail.read();
    errTail.read();
  }, 200);
  return () => {
    clearInterval(poll);
    outTail.read(true);
    errTail.read(true);
    rmSync(`${base}.out`, { force: true });
    rmSync(`${base}.err`, { force: true });
  };
}

/** On abort: SIGINT (Terraform stops gracefully and saves its state), then SIGKILL to the group. */
function cancelOnAbort(child: ChildProcess, signal: AbortSignal | undefined, onCancel: () => void): () => void {
  let killTimer: NodeJS.Timeout | undefined;
  const onAbort = () => {
    onCancel();
    if (child.pid === undefined || child.exitCode !== null) return;
    child.kill('SIGINT');
    killTimer = setTimeout(() => killGroup(child.pid!), CANCEL_GRACE_MS);
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  return () => {
    signal?.removeEventListener('abort', onAbort);
    if (killTimer) clearTimeout(killTimer);
  };
}

/** Runs `terraform <args>`; rejects only when terraform cannot be started at all. */
export function runTerraformCommand(args: readonly string[], opts: CommandOptions): Promise<CommandResult> {
  if (opts.signal?.aborted) {
    return Promise.resolve({ code: null, cancelled: true, errors: [], diagnostics: [], stdout: '', stderrTail: [] });
  }
  return new Promise<CommandResult>((resolve, reject) => {
    removeStaleOutputs(opts.cwd);
    const base = join(opts.cwd, `.terraform-run-${process.pid}-${Date.now()}`);
    const outFd = openSync(`${base}.out`, 'w', 0o600);
    const errFd = openSync(`${base}.err`, 'w', 0o600);
    // Own process group, so that a forced kill also reaches the provider plugins.
    const child = spawn('terraform', args, {
      cwd: opts.cwd,
      env: opts.env,
      detached: true,
      stdio: ['ignore', outFd, errFd],
    });
    if (child.pid !== undefined) opts.processes?.spawned(child.pid, args);
    closeSync(outFd);
    closeSync(errFd);
    const collected: Collected = { errors: [], diagnostics: [], stdout: '', stderrTail: [] };
    let cancelled = false;
    const stopCancel = cancelOnAbort(child, opts.signal, () => (cancelled = true));
    const finish = followOutput(base, opts, collected);
    child.once('error', (err: NodeJS.ErrnoException) => {
      stopCancel();
      finish();
      reject(err.code === 'ENOENT' ? new Error('terraform is not on PATH: install Terraform >= 1.5') : err);
    });
    child.once('close', (code) => {
      stopCancel();
      finish();
      // Nothing of the command may outlive it (a provider plugin left behind, for instance).
      if (child.pid !== undefined) {
        killGroup(child.pid);
        opts.processes?.exited(child.pid);
      }
      resolve({ code, cancelled, ...collected });
    });
  });
}

/** Output files of runs whose backend died; their Terraform has finished or will, by itself. */
function removeStaleOutputs(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const n of names) if (/^\.terraform-run-.*\.(out|err)$/.test(n)) rmSync(join(dir, n), { force: true });
}

/** Reads what a child appended to a file since the last call, line by line. */
class FileTail {
  private pos = 0;
  private partial = '';
  private readonly buf = Buffer.alloc(64 * 1024);
  private readonly decoder = new StringDecoder('utf8');

  constructor(
    private readonly path: string,
    private readonly onLine: (line: string) => void,
  ) {}

  /** Emits complete lines; with `final`, the last unterminated line too. */
  read(final = false): void {
    let fd: number;
    try {
      fd = openSync(this.path, 'r');
    } catch {
      return;
    }
    try {
      for (;;) {
        const n = readSync(fd, this.buf, 0, this.buf.length, this.pos);
        if (n <= 0) break;
        this.pos += n;
        this.partial += this.decoder.write(this.buf.subarray(0, n));
        const lines = this.partial.split('\n');
        this.partial = lines.pop() ?? '';
        for (const l of lines) this.onLine(l);
      }
    } finally {
      closeSync(fd);
    }
    if (final && this.partial) {
      this.onLine(this.partial);
      this.partial = '';
    }
  }
}

function handleJsonLine(line: string, opts: CommandOptions, collected: Collected): void {
  let event: Record<string, unknown>;
  try {
    event = JSON.parse(line) as Record<string, unknown>;
  } catch {
    opts.onLine(line);
    return;
  }
  opts.onLine(typeof event['@message'] === 'string' ? event['@message'] : line);
  opts.onEvent?.(event);
  if (event['type'] === 'outputs' && typeof event['outputs'] === 'object')
    collected.outputs = event['outputs'] as CommandResult['outputs'];
  const diagnostic = event['diagnostic'] as
    { severity?: string; summary?: string; detail?: string; address?: string } | undefined;
  if (event['type'] === 'diagnostic' && diagnostic?.severity === 'error') {
    collected.errors.push([diagnostic.summary, diagnostic.detail].filter(Boolean).join(': '));
    collected.diagnostics.push({
      summary: diagnostic.summary ?? '',
      detail: diagnostic.detail ?? '',
      address: diagnostic.address,
    });
  }
}

// Text UI: "│ Error: <summary>" (or "Error: <summary>" without the box).
function collectTextError(line: string, errors: string[]): void {
  const match = /^(?:│\s*)?Error: (.*)$/.exec(line.trim());
  if (match?.[1]) errors.push(match[1].trim());
}
