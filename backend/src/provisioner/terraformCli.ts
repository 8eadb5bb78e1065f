// Runs one terraform command as a child process: line-by-line logging, Terraform's machine-
// readable UI (-json) turned into log lines and error diagnostics, and graceful cancellation.
//
// Terraform writes to files in the work dir, not to pipes: if the backend dies mid-apply, a pipe
// would break and kill Terraform half-way (Go exits on a broken stdout), orphaning resources.
// Writing to files, Terraform finishes on its own; the resumed job waits for its state lock.

import { spawn } from 'node:child_process';
import { closeSync, openSync, readdirSync, readSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';

/** How long terraform gets to stop after SIGINT before the whole process group is killed. */
export const CANCEL_GRACE_MS = 30_000;

export interface CommandOptions {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly signal?: AbortSignal;
  /** Receives every output line (or the `@message` of -json lines); already scrubbed by the caller's logger. */
  readonly onLine: (line: string) => void;
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
}

/** Runs `terraform <args>`; rejects only when terraform cannot be started at all. */
export function runTerraformCommand(args: readonly string[], opts: CommandOptions): Promise<CommandResult> {
  if (opts.signal?.aborted) {
    return Promise.resolve({ code: null, cancelled: true, errors: [], diagnostics: [], stdout: '', stderrTail: [] });
  }
  return new Promise<CommandResult>((resolve, reject) => {
    removeStaleOutputs(opts.cwd);
    const base = join(opts.cwd, `.terraform-run-${process.pid}-${Date.now()}`);
    const outFd = openSync(`${base}.out`, 'w');
    const errFd = openSync(`${base}.err`, 'w');
    // Own process group, so that a forced kill also reaches the provider plugins.
    const child = spawn('terraform', args, { cwd: opts.cwd, env: opts.env, detached: true, stdio: ['ignore', outFd, errFd] });
    closeSync(outFd);
    closeSync(errFd);
    const errors: string[] = [];
    const diagnostics: ErrorDiagnostic[] = [];
    const stderrTail: string[] = [];
    let stdout = '';
    let cancelled = false;
    let killTimer: NodeJS.Timeout | undefined;

    const onAbort = () => {
      cancelled = true;
      if (child.pid === undefined || child.exitCode !== null) return;
      child.kill('SIGINT');
      killTimer = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // already gone
        }
      }, CANCEL_GRACE_MS);
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });

    const outTail = new FileTail(`${base}.out`, (line) => {
      if (opts.captureStdout) stdout += line + '\n';
      else if (opts.json) handleJsonLine(line, opts.onLine, errors, diagnostics);
      else opts.onLine(line);
    });
    const errTail = new FileTail(`${base}.err`, (line) => {
      opts.onLine(line);
      stderrTail.push(line);
      if (stderrTail.length > 40) stderrTail.shift();
      if (!opts.json) collectTextError(line, errors);
    });
    const poll = setInterval(() => {
      outTail.read();
      errTail.read();
    }, 200);
    const finish = () => {
      clearInterval(poll);
      outTail.read(true);
      errTail.read(true);
      rmSync(`${base}.out`, { force: true });
      rmSync(`${base}.err`, { force: true });
    };

    child.once('error', (err: NodeJS.ErrnoException) => {
      opts.signal?.removeEventListener('abort', onAbort);
      finish();
      reject(err.code === 'ENOENT' ? new Error('terraform is not on PATH: install Terraform >= 1.5') : err);
    });
    child.once('close', (code) => {
      opts.signal?.removeEventListener('abort', onAbort);
      if (killTimer) clearTimeout(killTimer);
      finish();
      resolve({ code, cancelled, errors, diagnostics, stdout, stderrTail });
    });
  });
}

/** Output files of runs whose backend died; their Terraform has finished or will, by itself. */
function removeStaleOutputs(dir: string): void {
  let names: string[] = [];
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

function handleJsonLine(line: string, onLine: (line: string) => void, errors: string[], diagnostics: ErrorDiagnostic[]): void {
  let event: Record<string, unknown>;
  try {
    event = JSON.parse(line) as Record<string, unknown>;
  } catch {
    onLine(line);
    return;
  }
  const message = typeof event['@message'] === 'string' ? event['@message'] : line;
  onLine(message);
  const diagnostic = event['diagnostic'] as { severity?: string; summary?: string; detail?: string; address?: string } | undefined;
  if (event['type'] === 'diagnostic' && diagnostic?.severity === 'error') {
    errors.push([diagnostic.summary, diagnostic.detail].filter(Boolean).join(': '));
    diagnostics.push({ summary: diagnostic.summary ?? '', detail: diagnostic.detail ?? '', address: diagnostic.address });
  }
}

// Text UI: "│ Error: <summary>" (or "Error: <summary>" without the box).
function collectTextError(line: string, errors: string[]): void {
  const match = /^(?:│\s*)?Error: (.*)$/.exec(line.trim());
  if (match?.[1]) errors.push(match[1].trim());
}
