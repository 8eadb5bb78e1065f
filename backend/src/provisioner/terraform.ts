// The Terraform runner: applies or destroys the compute-node module for one node, with state in
// the node's work directory and credentials only in the child process environment.

import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startSandboxAws, type SandboxAws } from '../sandbox/sfnShim';
import { adoptCollisions, findCollisions } from './adopt';
import { adoptSharedLockFile, isUnpackedMirror, shareLockFile } from './providers';
import {
  buildOrchestratorPackage,
  buildRootConfig,
  COMPUTE_NODE_MODULE_DIR,
  ORCHESTRATOR_PACKAGE_FILE,
  ROOT_CONFIG_FILE,
  type ModuleInputs,
} from './rootConfig';
import { createScrubber } from './scrub';
import { createProgressTracker, type ProgressTracker, type RunProgress } from './progress';
import { runTerraformCommand, type CommandResult, type ProcessHooks } from './terraformCli';

export { findProviderMirror } from './providers';

export interface AwsCredentials { readonly accessKeyId: string; readonly secretAccessKey: string; readonly sessionToken?: string; readonly expiration?: Date }
export interface AwsTarget { readonly region: string; /** moto or another emulator; undefined = real AWS */ readonly endpoint?: string }
export interface ComputeNodeVars { readonly node_identifier: string; readonly node_name: string; readonly compute_node_id: string; readonly account_id: string; readonly deployment_mode: 'basic' | 'secure' | 'compliant'; readonly enable_llm_access: boolean; readonly gpu_tier: string; readonly max_gpu_instances: number; readonly environment: string; readonly max_interactive_sessions?: number }
export interface TerraformRunOptions {
  readonly workDir: string;
  readonly action: 'apply' | 'destroy';
  readonly vars: ComputeNodeVars;
  readonly credentials: AwsCredentials;
  readonly target: AwsTarget;
  readonly pluginDir?: string;
  readonly pluginCacheDir?: string;
  readonly signal?: AbortSignal;
  readonly onLog?: (line: string) => void;
  /** Each change of the run's stage or resource counts. */
  readonly onProgress?: (progress: RunProgress) => void;
  /** Told each command's process group (the run registry records them). */
  readonly processes?: ProcessHooks;
}
export interface TerraformResult { readonly ok: boolean; readonly outputs: Record<string, unknown>; readonly error?: string; readonly durationMs: number }

/** How long a run waits for another terraform process (e.g. one left by a crashed backend) to release the state. */
const LOCK_TIMEOUT = '-lock-timeout=300s';
const MAX_ERROR_CHARS = 600;
const MAX_APPLY_ATTEMPTS = 3;
const RETRYABLE = /already exists|AlreadyExists|timeout|timed out|deadline exceeded|connection reset|EOF|throttl|RequestLimitExceeded|StatusCode: 5\d\d/i;

/**
 * Resources kept when a node is deleted: the workflow-log bucket with its settings (the audit
 * record) and the boundary policy (the cross-account role may not delete it). They are removed
 * from the state before `terraform destroy`, which then leaves them in the account.
 */
const RETAINED_ON_DESTROY: readonly RegExp[] = [
  /^module\.compute_node\.aws_s3_bucket(?:_[a-z_]+)?\.workflow_logs$/,
  /^module\.compute_node\.aws_iam_policy\.boundary$/,
];

class RunError extends Error {}

/**
 * Applies (creates or converges) or destroys one compute node with the project's module.
 *
 * - Writes `main.tf.json` and the orchestrator package into `workDir`; the state stays there
 *   (local backend), so re-running either action after a crash converges.
 * - Provider source: `pluginDir` (a filesystem mirror, `-plugin-dir`; alone, init copies the
 *   provider into each work directory), `pluginCacheDir` (`TF_PLUGIN_CACHE_DIR`; init links
 *   from the cache, see ./providers.ts), both (the mirror fills the cache), or the registry.
 * - With `target.endpoint` (moto), every service points there, except Step Functions, which goes
 *   through the shim of `../sandbox/sfnShim.ts` started for the duration of the run.
 * - Credentials travel only in the child environment; log lines and errors are scrubbed.
 * - `signal` sends SIGINT (Terraform stops gracefully and saves its state), then SIGKILL to the
 *   process group after a grace period.
 * - Never throws: a failure is `{ ok: false, error }` with Terraform's error summary.
 */
export async function runTerraform(opts: TerraformRunOptions): Promise<TerraformResult> {
  const started = Date.now();
  const { credentials } = opts;
  const scrub = createScrubber([credentials.accessKeyId, credentials.secretAccessKey, credentials.sessionToken]);
  const log = (line: string) => opts.onLog?.(scrub(line));
  let shim: SandboxAws | undefined;
  try {
    checkInputs(opts);
    await mkdir(opts.workDir, { recursive: true, mode: 0o700 });
    // moto (plain http on loopback) needs the Step Functions shim; other emulators get sfn direct.
    if (opts.target.endpoint?.startsWith('http://')) shim = await startSandboxAws(opts.target.endpoint);
    const rootConfig = buildRootConfig(moduleInputs(opts.vars), {
      region: opts.target.region,
      endpoint: opts.target.endpoint,
      sfnEndpoint: shim?.sfnEndpoint,
    });
    await writeFile(join(opts.workDir, ROOT_CONFIG_FILE), `${JSON.stringify(rootConfig, null, 2)}\n`, { mode: 0o600 });
    await writeFile(join(opts.workDir, ORCHESTRATOR_PACKAGE_FILE), buildOrchestratorPackage(), { mode: 0o600 });

    const progress = createProgressTracker(opts.action, (p) => opts.onProgress?.(p));
    const run: Run = (args, extra = {}) =>
      runTerraformCommand(args, { cwd: opts.workDir, env: childEnv(opts), signal: opts.signal, onLine: log, onEvent: progress.event, processes: opts.processes, ...extra });

    await ensureInit(opts, run, log);
    let outputs: Record<string, unknown> = {};
    if (opts.action === 'apply') {
      await apply(opts, run, log, progress);
      outputs = await readOutputs(run);
    } else {
      progress.enter('destroy');
      await removeRetainedFromState(opts.workDir, run, log);
      expectSuccess('destroy', await run(['destroy', '-auto-approve', '-input=false', '-no-color', '-json', LOCK_TIMEOUT], { json: true }));
    }
    return { ok: true, outputs, durationMs: Date.now() - started };
  } catch (err) {
    const message = err instanceof RunError ? err.message : `terraform ${opts.action} failed: ${(err as Error).message}`;
    return { ok: false, outputs: {}, error: scrub(message), durationMs: Date.now() - started };
  } finally {
    await shim?.stop();
  }
}

/**
 * `terraform apply`, run up to three times: after a failure caused by resources an interrupted
 * run created but never recorded, those are adopted (./adopt.ts) first; after a transient
 * failure (a timeout, throttling, an emulator hiccup, a duplicate left by a retried call) the
 * state already holds the progress, so running again converges.
 */
async function apply(opts: TerraformRunOptions, run: Run, log: (line: string) => void, progress: ProgressTracker): Promise<void> {
  const args = ['apply', '-auto-approve', '-input=false', '-no-color', '-json', LOCK_TIMEOUT];
  progress.enter('plan');
  let result = await run(args, { json: true });
  for (let attempt = 1; attempt < MAX_APPLY_ATTEMPTS && result.code !== 0 && !result.cancelled; attempt++) {
    const ctx = { workDir: opts.workDir, accountId: opts.vars.account_id, region: opts.target.region, lockTimeout: LOCK_TIMEOUT, run, log };
    const adopted = await adoptCollisions(findCollisions(result.diagnostics), ctx);
    if (adopted === 0 && !result.errors.some((e) => RETRYABLE.test(e))) break;
    log(`terraform apply: attempt ${attempt + 1} of ${MAX_APPLY_ATTEMPTS}`);
    progress.enter('plan');
    result = await run(args, { json: true });
  }
  expectSuccess('apply', result);
}

/** Exactly the module's variables: a caller's extra properties must not become unknown arguments. */
function moduleInputs(v: ComputeNodeVars): ModuleInputs {
  return {
    node_identifier: v.node_identifier,
    node_name: v.node_name,
    compute_node_id: v.compute_node_id,
    account_id: v.account_id,
    environment: v.environment,
    deployment_mode: v.deployment_mode,
    enable_llm_access: v.enable_llm_access,
    gpu_tier: v.gpu_tier,
    max_gpu_instances: v.max_gpu_instances,
    max_interactive_sessions: v.max_interactive_sessions ?? 0,
  };
}

function checkInputs(opts: TerraformRunOptions): void {
  if (!/^[0-9a-f]{8}$/.test(opts.vars.node_identifier)) {
    throw new RunError(`node_identifier must be 8 lowercase hex digits: ${opts.vars.node_identifier}`);
  }
  if (!opts.credentials.accessKeyId || !opts.credentials.secretAccessKey) {
    throw new RunError('AWS credentials are missing an access key id or secret access key');
  }
  if (opts.credentials.expiration && opts.credentials.expiration.getTime() <= Date.now()) {
    throw new RunError(`AWS credentials expired at: ${opts.credentials.expiration.toISOString()}`);
  }
}

/** The child environment: the caller's, minus anything that could redirect AWS or Terraform, plus the credentials. */
function childEnv(opts: TerraformRunOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(AWS_|TF_LOG|TF_VAR_|TF_CLI_ARGS|TF_DATA_DIR$|TF_WORKSPACE$|TF_PLUGIN_CACHE_DIR$)/.test(key)) continue;
    env[key] = value;
  }
  env['AWS_ACCESS_KEY_ID'] = opts.credentials.accessKeyId;
  env['AWS_SECRET_ACCESS_KEY'] = opts.credentials.secretAccessKey;
  if (opts.credentials.sessionToken) env['AWS_SESSION_TOKEN'] = opts.credentials.sessionToken;
  env['AWS_REGION'] = opts.target.region;
  env['AWS_SHARED_CREDENTIALS_FILE'] = '/dev/null';
  env['AWS_CONFIG_FILE'] = '/dev/null';
  env['AWS_EC2_METADATA_DISABLED'] = 'true';
  env['TF_IN_AUTOMATION'] = '1';
  env['TF_INPUT'] = '0';
  env['CHECKPOINT_DISABLE'] = '1';
  if (opts.pluginCacheDir) env['TF_PLUGIN_CACHE_DIR'] = opts.pluginCacheDir;
  return env;
}

type Run = (args: string[], extra?: { json?: boolean; captureStdout?: boolean }) => Promise<CommandResult>;

/**
 * `terraform init`, skipped when the work directory was already initialised for the same module
 * source and provider settings (a fingerprint in `.terraform/`): re-runs after a crash and
 * destroys then start at once, and never replace a provider binary another process still runs.
 */
async function ensureInit(opts: TerraformRunOptions, run: Run, log: (line: string) => void): Promise<void> {
  const fingerprint = await initFingerprint(opts);
  const marker = join(opts.workDir, '.terraform', 'pennsieve-init');
  const previous = await readFile(marker, 'utf8').catch(() => '');
  if (previous === fingerprint && existsSync(join(opts.workDir, '.terraform.lock.hcl'))) {
    log('terraform init: work directory already initialised');
    return;
  }
  if (opts.pluginCacheDir) {
    await mkdir(opts.pluginCacheDir, { recursive: true });
    // An unpacked mirror is linked without a lock file (no checksum pass over the 700 MB
    // binary); from the registry or a packed mirror, the shared lock file is what makes init
    // use the cache instead of installing again.
    if (!opts.pluginDir || !isUnpackedMirror(opts.pluginDir)) await adoptSharedLockFile(opts.workDir, opts.pluginCacheDir);
  }
  const args = ['init', '-input=false', '-no-color'];
  if (opts.pluginDir) args.push(`-plugin-dir=${opts.pluginDir}`);
  expectSuccess('init', await run(args));
  if (opts.pluginCacheDir) await shareLockFile(opts.workDir, opts.pluginCacheDir);
  await writeFile(marker, fingerprint, { mode: 0o600 });
}

async function initFingerprint(opts: TerraformRunOptions): Promise<string> {
  const hash = createHash('sha256');
  hash.update(`${COMPUTE_NODE_MODULE_DIR}\0${opts.pluginDir ?? ''}\0${opts.pluginCacheDir ?? ''}\0`);
  for (const name of (await readdir(COMPUTE_NODE_MODULE_DIR)).sort()) {
    if (!name.endsWith('.tf')) continue;
    hash.update(`${name}\0`);
    hash.update(await readFile(join(COMPUTE_NODE_MODULE_DIR, name)));
  }
  return hash.digest('hex');
}

async function readOutputs(run: Run): Promise<Record<string, unknown>> {
  const result = await run(['output', '-json', '-no-color'], { captureStdout: true });
  expectSuccess('output', result);
  const parsed = JSON.parse(result.stdout || '{}') as Record<string, { value?: unknown }>;
  const value = parsed['compute_node']?.value;
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

/**
 * Waits for the state lock (up to the lock timeout) and releases it at once. `terraform state list`
 * takes no lock, so while another run (one a crashed backend left) writes the state it can read a
 * half-written file; this no-op (replacing a provider no state uses) locks with -lock-timeout.
 */
async function waitForStateLock(run: Run): Promise<void> {
  const none = 'registry.terraform.io/pennsieve/none';
  expectSuccess('state lock', await run(['state', 'replace-provider', '-auto-approve', '-no-color', LOCK_TIMEOUT, none, `${none}-2`]));
}

async function removeRetainedFromState(workDir: string, run: Run, log: (line: string) => void): Promise<void> {
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

function expectSuccess(step: string, result: CommandResult): void {
  if (result.cancelled) throw new RunError(`terraform ${step} was cancelled`);
  if (result.code === 0) return;
  const detail = result.errors.length > 0 ? dedupe(result.errors).slice(0, 3).join('; ') : result.stderrTail.slice(-5).join(' ');
  const text = `terraform ${step} failed: ${detail || `exit code ${String(result.code)}`}`.replace(/\s+/g, ' ').trim();
  throw new RunError(text.length > MAX_ERROR_CHARS ? `${text.slice(0, MAX_ERROR_CHARS - 1)}…` : text);
}

function dedupe(values: string[]): string[] {
  return [...new Set(values)];
}
