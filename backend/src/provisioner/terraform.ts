// The Terraform runner: applies or destroys the compute-node module for one node, with state in
// the node's work directory and credentials only in the child process environment.

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startSandboxAws, type SandboxAws } from '../sandbox/sfnShim';
import { awsAdoptLookups } from './adoptLookups';
import { createProgressTracker, type RunProgress } from './progress';
import {
  buildOrchestratorPackage,
  buildRootConfig,
  moduleSourceFrom,
  ORCHESTRATOR_PACKAGE_FILE,
  ROOT_CONFIG_FILE,
  type ModuleInputs,
} from './rootConfig';
import { createScrubber } from './scrub';
import { runTerraformCommand, type ProcessHooks } from './terraformCli';
import { apply, destroy, ensureInit, RunError, type Run } from './terraformSteps';

export { findProviderMirror } from './providers';

export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
}
export interface AwsTarget {
  readonly region: string;
  /** moto or another emulator; undefined = real AWS */ readonly endpoint?: string;
}
export interface ComputeNodeVars {
  readonly node_identifier: string;
  readonly node_name: string;
  readonly compute_node_id: string;
  readonly account_id: string;
  readonly deployment_mode: 'basic' | 'secure' | 'compliant';
  readonly enable_llm_access: boolean;
  readonly gpu_tier: string;
  readonly max_gpu_instances: number;
  readonly environment: string;
  readonly max_interactive_sessions?: number;
}
/** A provider server while a run holds it (./providerPool.ts). */
export interface ProviderServer {
  /** `TF_REATTACH_PROVIDERS` for the next command (the server is started again if it died). */
  attach(): Promise<string>;
  /** The run's credentials, served to this server until cleared. */
  setCredentials(credentials: AwsCredentials | undefined): void;
}

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
  /** A warm provider server to reattach to (./providerPool.ts); absent: Terraform starts the provider. */
  readonly provider?: ProviderServer;
}
export interface TerraformResult {
  readonly ok: boolean;
  readonly outputs: Record<string, unknown>;
  readonly error?: string;
  readonly durationMs: number;
}

/**
 * Applies (creates or converges) or destroys one compute node with the project's module.
 *
 * - Writes `main.tf.json` and the orchestrator package into `workDir`; the state stays there
 *   (local backend), so re-running either action after a crash converges.
 * - With `provider` (a warm provider server of ./providerPool.ts), every command reattaches to
 *   it: the provider block is empty, and the server gets the credentials from the pool's
 *   credentials endpoint. Without it, Terraform starts the provider for each command with the
 *   credentials in the child environment, from `pluginDir` (a filesystem mirror, `-plugin-dir`),
 *   `pluginCacheDir` (`TF_PLUGIN_CACHE_DIR`; init links from the cache, see ./providers.ts),
 *   both, or the registry; with `target.endpoint` (moto) every service points there except Step
 *   Functions, which goes through the shim of `../sandbox/sfnShim.ts` for the duration of the run.
 * - Credentials never reach a file or a log line; log lines and errors are scrubbed.
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
    // moto (plain http on loopback) needs the Step Functions shim; a provider server has its own.
    if (!opts.provider && opts.target.endpoint?.startsWith('http://'))
      shim = await startSandboxAws(opts.target.endpoint);
    await writeWorkDir(opts, shim?.sfnEndpoint);
    const progress = createProgressTracker(opts.action, (p) => opts.onProgress?.(p));
    const run: Run = async (args, extra = {}) =>
      runTerraformCommand(args, {
        cwd: opts.workDir,
        env: await childEnv(opts),
        signal: opts.signal,
        onLine: log,
        onEvent: progress.event,
        processes: opts.processes,
        ...extra,
      });
    await ensureInit(
      opts.workDir,
      { reattached: opts.provider !== undefined, pluginDir: opts.pluginDir, pluginCacheDir: opts.pluginCacheDir },
      run,
      log,
    );
    let outputs: Record<string, unknown> = {};
    if (opts.action === 'apply')
      outputs = await apply(
        {
          workDir: opts.workDir,
          accountId: opts.vars.account_id,
          region: opts.target.region,
          lookups: awsAdoptLookups(credentials, opts.target),
        },
        run,
        log,
        progress,
      );
    else await destroy(opts.workDir, run, log, progress);
    return { ok: true, outputs, durationMs: Date.now() - started };
  } catch (err) {
    const message =
      err instanceof RunError ? err.message : `terraform ${opts.action} failed: ${(err as Error).message}`;
    return { ok: false, outputs: {}, error: scrub(message), durationMs: Date.now() - started };
  } finally {
    await shim?.stop();
  }
}

/** The root configuration and the orchestrator package, owner-only. */
async function writeWorkDir(opts: TerraformRunOptions, sfnEndpoint: string | undefined): Promise<void> {
  await mkdir(opts.workDir, { recursive: true, mode: 0o700 });
  const target = {
    region: opts.target.region,
    endpoint: opts.target.endpoint,
    sfnEndpoint,
    external: opts.provider !== undefined,
  };
  const rootConfig = buildRootConfig(moduleInputs(opts.vars), target, moduleSourceFrom(opts.workDir));
  await writeFile(join(opts.workDir, ROOT_CONFIG_FILE), `${JSON.stringify(rootConfig, null, 2)}\n`, { mode: 0o600 });
  await writeFile(join(opts.workDir, ORCHESTRATOR_PACKAGE_FILE), buildOrchestratorPackage(), { mode: 0o600 });
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

/**
 * The child environment: the caller's, minus anything that could redirect AWS or Terraform, plus
 * the credentials, or with a provider server, where to reattach (it holds no credentials then).
 */
async function childEnv(opts: TerraformRunOptions): Promise<NodeJS.ProcessEnv> {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (
      /^(AWS_|TF_LOG|TF_VAR_|TF_CLI_ARGS|TF_DATA_DIR$|TF_WORKSPACE$|TF_PLUGIN_CACHE_DIR$|TF_REATTACH_PROVIDERS$)/.test(
        key,
      )
    )
      continue;
    env[key] = value;
  }
  if (opts.provider) {
    env['TF_REATTACH_PROVIDERS'] = await opts.provider.attach();
  } else {
    env['AWS_ACCESS_KEY_ID'] = opts.credentials.accessKeyId;
    env['AWS_SECRET_ACCESS_KEY'] = opts.credentials.secretAccessKey;
    if (opts.credentials.sessionToken) env['AWS_SESSION_TOKEN'] = opts.credentials.sessionToken;
    if (opts.pluginCacheDir) env['TF_PLUGIN_CACHE_DIR'] = opts.pluginCacheDir;
  }
  env['AWS_REGION'] = opts.target.region;
  env['AWS_SHARED_CREDENTIALS_FILE'] = '/dev/null';
  env['AWS_CONFIG_FILE'] = '/dev/null';
  env['AWS_EC2_METADATA_DISABLED'] = 'true';
  env['TF_IN_AUTOMATION'] = '1';
  env['TF_INPUT'] = '0';
  env['CHECKPOINT_DISABLE'] = '1';
  return env;
}
