// The Terraform commands of one run, in the order ./terraform.ts calls them: init (once per work
// directory), apply (with adoption and retries) or destroy (keeping what a node leaves behind).

import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { adoptCollisions, findCollisions } from './adopt';
import type { AdoptLookups } from './adoptLookups';
import type { ProgressTracker } from './progress';
import { adoptSharedLockFile, isUnpackedMirror, shareLockFile } from './providers';
import { COMPUTE_NODE_MODULE_DIR } from './rootConfig';
import type { CommandResult } from './terraformCli';

/** How long a command waits for another terraform process (e.g. one left by a crashed backend) to release the state. */
export const LOCK_TIMEOUT = '-lock-timeout=300s';
const MAX_ERROR_CHARS = 600;
const MAX_APPLY_ATTEMPTS = 3;
const RETRYABLE =
  /already exists|AlreadyExists|timeout|timed out|deadline exceeded|connection reset|EOF|throttl|RequestLimitExceeded|StatusCode: 5\d\d/i;

/**
 * Resources kept when a node is deleted: the workflow-log bucket with its settings (the audit
 * record) and the boundary policy (the cross-account role may not delete it). They are removed
 * from the state before `terraform destroy`, which then leaves them in the account.
 */
const RETAINED_ON_DESTROY: readonly RegExp[] = [
  /^module\.compute_node\.aws_s3_bucket(?:_[a-z_]+)?\.workflow_logs$/,
  /^module\.compute_node\.aws_iam_policy\.boundary$/,
];

/** A step failed: the message is Terraform's error summary (scrubbed by the caller). */
export class RunError extends Error {}

export type Run = (args: string[], extra?: { json?: boolean; captureStdout?: boolean }) => Promise<CommandResult>;
type LogLine = (line: string) => void;

/** Where init finds the provider: a long-lived provider server (reattached), or a mirror, a cache or the registry. */
export interface InitSource {
  readonly reattached: boolean;
  readonly pluginDir?: string;
  readonly pluginCacheDir?: string;
}

/**
 * `terraform init`, skipped when the work directory was already initialised for the same module
 * source and provider settings (a fingerprint in `.terraform/`): re-runs after a crash and
 * destroys then start at once, and never replace a provider binary another process still runs.
 */
export async function ensureInit(workDir: string, source: InitSource, run: Run, log: LogLine): Promise<void> {
  const fingerprint = await initFingerprint(source);
  const marker = join(workDir, '.terraform', 'pennsieve-init');
  const previous = await readFile(marker, 'utf8').catch(() => '');
  if (previous === fingerprint && (source.reattached || existsSync(join(workDir, '.terraform.lock.hcl')))) {
    log('terraform init: work directory already initialised');
    return;
  }
  const { pluginDir, pluginCacheDir } = source;
  if (!source.reattached && pluginCacheDir) {
    await mkdir(pluginCacheDir, { recursive: true });
    // An unpacked mirror is linked without a lock file (no checksum pass over the 700 MB
    // binary); from the registry or a packed mirror, the shared lock file is what makes init
    // use the cache instead of installing again.
    if (!pluginDir || !isUnpackedMirror(pluginDir)) await adoptSharedLockFile(workDir, pluginCacheDir);
  }
  const args = ['init', '-input=false', '-no-color'];
  // A reattached provider is not installed at all.
  if (!source.reattached && pluginDir) args.push(`-plugin-dir=${pluginDir}`);
  expectSuccess('init', await run(args));
  if (!source.reattached && pluginCacheDir) await shareLockFile(workDir, pluginCacheDir);
  await writeFile(marker, fingerprint, { mode: 0o600 });
}

async function initFingerprint(source: InitSource): Promise<string> {
  const hash = createHash('sha256');
  hash.update(
    `${COMPUTE_NODE_MODULE_DIR}\0relative-source\0${source.reattached}\0${source.pluginDir ?? ''}\0${source.pluginCacheDir ?? ''}\0`,
  );
  for (const name of (await readdir(COMPUTE_NODE_MODULE_DIR)).sort()) {
    if (!name.endsWith('.tf')) continue;
    hash.update(`${name}\0`);
    hash.update(await readFile(join(COMPUTE_NODE_MODULE_DIR, name)));
  }
  return hash.digest('hex');
}

export interface ApplyContext {
  readonly workDir: string;
  readonly accountId: string;
  readonly region: string;
  readonly lookups?: AdoptLookups;
}

/**
 * `terraform apply`, run up to three times: after a failure caused by resources an interrupted
 * run created but never recorded, those are adopted (./adopt.ts) first; after a transient
 * failure (a timeout, throttling, an emulator hiccup, a duplicate left by a retried call) the
 * state already holds the progress, so running again converges. Returns the outputs.
 */
export async function apply(
  ctx: ApplyContext,
  run: Run,
  log: LogLine,
  progress: ProgressTracker,
): Promise<Record<string, unknown>> {
  const args = ['apply', '-auto-approve', '-input=false', '-no-color', '-json', LOCK_TIMEOUT];
  progress.enter('plan');
  let result = await run(args, { json: true });
  for (let attempt = 1; attempt < MAX_APPLY_ATTEMPTS && result.code !== 0 && !result.cancelled; attempt++) {
    const adopted = await adoptCollisions(findCollisions(result.diagnostics), {
      ...ctx,
      lockTimeout: LOCK_TIMEOUT,
      run,
      log,
    });
    if (adopted === 0 && !result.errors.some((e) => RETRYABLE.test(e))) break;
    log(`terraform apply: attempt ${attempt + 1} of ${MAX_APPLY_ATTEMPTS}`);
    progress.enter('plan');
    result = await run(args, { json: true });
  }
  expectSuccess('apply', result);
  return result.outputs ? moduleOutputs(result.outputs) : readOutputs(run);
}

function moduleOutputs(outputs: Readonly<Record<string, { value?: unknown }>>): Record<string, unknown> {
  const value = outputs['compute_node']?.value;
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

/** `terraform output`, for an apply whose event stream carried no outputs. */
async function readOutputs(run: Run): Promise<Record<string, unknown>> {
  const result = await run(['output', '-json', '-no-color'], { captureStdout: true });
  expectSuccess('output', result);
  return moduleOutputs(JSON.parse(result.stdout || '{}') as Record<string, { value?: unknown }>);
}

/** `terraform destroy` of everything but the resources a node leaves behind. */
export async function destroy(workDir: string, run: Run, log: LogLine, progress: ProgressTracker): Promise<void> {
  progress.enter('destroy');
  await removeRetainedFromState(workDir, run, log);
  expectSuccess(
    'destroy',
    await run(['destroy', '-auto-approve', '-input=false', '-no-color', '-json', LOCK_TIMEOUT], { json: true }),
  );
}

/**
 * Waits for the state lock (up to the lock timeout) and releases it at once. `terraform state list`
 * takes no lock, so while another run (one a crashed backend left) writes the state it can read a
 * half-written file; this no-op (replacing a provider no state uses) locks with -lock-timeout.
 */
async function waitForStateLock(run: Run): Promise<void> {
  const none = 'registry.terraform.io/pennsieve/none';
  expectSuccess(
    'state lock',
    await run(['state', 'replace-provider', '-auto-approve', '-no-color', LOCK_TIMEOUT, none, `${none}-2`]),
  );
}

async function removeRetainedFromState(workDir: string, run: Run, log: LogLine): Promise<void> {
  if (!existsSync(join(workDir, 'terraform.tfstate'))) return;
  await waitForStateLock(run);
  const listed = await run(['state', 'list', '-no-color'], { captureStdout: true });
  expectSuccess('state list', listed);
  const retained = listed.stdout
    .split('\n')
    .map((line) => line.trim())
    .filter((address) => RETAINED_ON_DESTROY.some((pattern) => pattern.test(address)));
  if (retained.length === 0) return;
  log(`retaining on destroy: ${retained.join(', ')}`);
  expectSuccess('state rm', await run(['state', 'rm', '-no-color', LOCK_TIMEOUT, ...retained]));
}

/** Throws a RunError with Terraform's error summary unless the command succeeded. */
export function expectSuccess(step: string, result: CommandResult): void {
  if (result.cancelled) throw new RunError(`terraform ${step} was cancelled`);
  if (result.code === 0) return;
  const detail =
    result.errors.length > 0
      ? [...new Set(result.errors)].slice(0, 3).join('; ')
      : result.stderrTail.slice(-5).join(' ');
  const text = `terraform ${step} failed: ${detail || `exit code ${String(result.code)}`}`.replace(/\s+/g, ' ').trim();
  throw new RunError(text.length > MAX_ERROR_CHARS ? `${text.slice(0, MAX_ERROR_CHARS - 1)}…` : text);
}
