// Runs one terraform command as a child process: line-by-line logging, Terraform's machine-
// readable UI (-json) turned into log lines and error diagnostics, and graceful cancellation.

import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

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
    // Own process group, so that a forced kill also reaches the provider plugins.
    const child = spawn('terraform', args, { cwd: opts.cwd, env: opts.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
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

    if (opts.captureStdout) {
      child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    } else {
      createInterface({ input: child.stdout }).on('line', (line) => {
        if (opts.json) handleJsonLine(line, opts.onLine, errors, diagnostics);
        else opts.onLine(line);
      });
    }
    createInterface({ input: child.stderr }).on('line', (line) => {
      opts.onLine(line);
      stderrTail.push(line);
      if (stderrTail.length > 40) stderrTail.shift();
      if (!opts.json) collectTextError(line, errors);
    });

    child.once('error', (err: NodeJS.ErrnoException) => {
      opts.signal?.removeEventListener('abort', onAbort);
      reject(err.code === 'ENOENT' ? new Error('terraform is not on PATH: install Terraform >= 1.5') : err);
    });
    child.once('close', (code) => {
      opts.signal?.removeEventListener('abort', onAbort);
      if (killTimer) clearTimeout(killTimer);
      resolve({ code, cancelled, errors, diagnostics, stdout, stderrTail });
    });
  });
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
