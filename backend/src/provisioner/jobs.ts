// Provisioning jobs: one worker per node runs the node's outstanding job (apply or destroy) through
// the Terraform runner, at most `maxConcurrentRuns` at a time, and records the outcome on the node.

import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { JobScheduler } from '../api/http';
import type { Log } from '../log';
import type { AccountRecord, JobOutcome, JobRecord, NodeRecord, Store } from '../store/types';
import { AssumeRoleError } from './assumeRole';
import { nextJob } from './jobRecords';
import { createRunQueue } from './runQueue';
import type { AwsCredentials, AwsTarget, ComputeNodeVars, TerraformResult, TerraformRunOptions } from './terraform';

export type RunTerraform = (opts: TerraformRunOptions) => Promise<TerraformResult>;
export type AssumeRole = (account: AccountRecord, node: NodeRecord) => Promise<AwsCredentials>;

export interface JobRunnerOptions {
  readonly store: Store;
  readonly log: Log;
  readonly runTerraform: RunTerraform;
  readonly assumeRole: AssumeRole;
  /** Node work directories (Terraform state) live in `<dataDir>/nodes/<uuid>/`. */
  readonly dataDir: string;
  readonly target: AwsTarget;
  readonly pluginDir?: string;
  readonly pluginCacheDir?: string;
  /** Simultaneous Terraform runs; further jobs wait in FIFO order. */
  readonly maxConcurrentRuns: number;
  /** Runs of one job interrupted by restarts before the node is failed instead of retried. */
  readonly maxAttempts?: number;
  readonly now?: () => Date;
}

export interface JobRunner extends JobScheduler {
  /** Resumes every stored job, and gives Pending/Destroying nodes without one a job; returns how many. */
  recover(): Promise<number>;
  /** Stops all runs (job rows stay, so the next start resumes them) and waits for the workers. */
  stop(): Promise<void>;
  /** Resolves when no worker is active (tests and benchmarks). */
  idle(): Promise<void>;
}

type RunResult = { readonly kind: 'finish'; readonly outcome: JobOutcome } | { readonly kind: 'interrupted' };

export function createJobRunner(opts: JobRunnerOptions): JobRunner {
  const { store, log } = opts;
  const now = opts.now ?? (() => new Date());
  const maxAttempts = opts.maxAttempts ?? 3;
  const queue = createRunQueue(opts.maxConcurrentRuns);
  const workers = new Map<string, Promise<void>>();
  const controllers = new Map<string, AbortController>();
  const rerun = new Set<string>();
  let stopped = false;

  const workDir = (uuid: string) => join(opts.dataDir, 'nodes', uuid);
  const fail = (reason: string): RunResult => ({
    kind: 'finish',
    outcome: { kind: 'update', patch: { status: 'Failed', statusReason: reason } },
  });

  const vars = (node: NodeRecord, account: AccountRecord): ComputeNodeVars => ({
    node_identifier: node.identifier,
    node_name: node.name,
    compute_node_id: node.uuid,
    account_id: account.accountId,
    deployment_mode: node.deploymentMode,
    enable_llm_access: node.enableLLMAccess,
    gpu_tier: node.gpuTier,
    max_gpu_instances: node.maxGpuInstances,
    environment: node.environment,
    max_interactive_sessions: node.maxInteractiveSessions,
  });

  /** What a successful run leaves on the node. */
  const success = async (job: JobRecord, node: NodeRecord, result: TerraformResult): Promise<JobOutcome> => {
    if (job.action === 'delete') return { kind: 'remove' };
    const current = (await store.getNode(node.uuid)) ?? node;
    const out = result.outputs;
    return {
      kind: 'update',
      patch: {
        // An update leaves a paused node paused; a create (or a repaired node) becomes Enabled.
        status: job.action === 'update' && current.status === 'Paused' ? 'Paused' : 'Enabled',
        statusReason: '',
        outputs: out,
        efsId: typeof out.efs_id === 'string' ? out.efs_id : current.efsId,
        computeNodeGatewayUrl: typeof out.compute_node_gateway_url === 'string' ? out.compute_node_gateway_url : current.computeNodeGatewayUrl,
        queueUrl: typeof out.queue_url === 'string' ? out.queue_url : current.queueUrl,
      },
    };
  };

  const runOnce = async (job: JobRecord, signal: AbortSignal): Promise<RunResult> => {
    const node = await store.getNode(job.nodeUuid);
    if (!node) return { kind: 'finish', outcome: { kind: 'remove' } };
    if (job.attempts >= maxAttempts) {
      return fail(`gave up after ${job.attempts} attempts that were each interrupted by a backend restart`);
    }
    const started = await store.startJobAttempt(job.nodeUuid, job.jobId, now());
    if (!started) return { kind: 'interrupted' };
    const account = await store.getAccount(node.accountUuid);
    if (!account) return fail(`account ${node.accountUuid} no longer exists`);
    const release = await queue.acquire(signal);
    if (!release) return { kind: 'interrupted' };
    try {
      const credentials = await opts.assumeRole(account, node);
      const action = job.action === 'delete' ? 'destroy' : 'apply';
      log.info(`node ${node.identifier}: terraform ${action} started (${job.action})`);
      const result = await opts.runTerraform({
        workDir: workDir(node.uuid),
        action,
        vars: vars(node, account),
        credentials,
        target: opts.target,
        pluginDir: opts.pluginDir,
        pluginCacheDir: opts.pluginCacheDir,
        signal,
        onLog: (line) => log.debug(`node ${node.identifier}: ${line}`),
      });
      if (signal.aborted) return { kind: 'interrupted' };
      const seconds = (result.durationMs / 1000).toFixed(1);
      if (!result.ok) {
        log.warn(`node ${node.identifier}: terraform ${action} failed after ${seconds}s: ${result.error ?? 'unknown error'}`);
        return fail(result.error ?? `terraform ${action} failed`);
      }
      log.info(`node ${node.identifier}: terraform ${action} succeeded in ${seconds}s`);
      return { kind: 'finish', outcome: await success(job, node, result) };
    } catch (err) {
      if (err instanceof AssumeRoleError) return fail(err.message);
      log.error(`node ${node.identifier}: job failed`, err);
      return fail(`provisioning failed: ${(err as Error).message}`);
    } finally {
      release();
    }
  };

  const work = async (uuid: string): Promise<void> => {
    for (;;) {
      rerun.delete(uuid);
      const job = stopped ? undefined : await store.getJob(uuid);
      if (!job || stopped) {
        // Checked in the same tick as the deletion, so a submit() cannot slip between them.
        if (rerun.has(uuid) && !stopped) continue;
        workers.delete(uuid);
        return;
      }
      const controller = new AbortController();
      controllers.set(uuid, controller);
      let result: RunResult;
      try {
        result = await runOnce(job, controller.signal);
      } finally {
        controllers.delete(uuid);
      }
      if (result.kind === 'interrupted') continue;
      const finished = await store.finishJob(uuid, job.jobId, result.outcome);
      if (finished && result.outcome.kind === 'remove') await rm(workDir(uuid), { recursive: true, force: true });
    }
  };

  const submit = (uuid: string): void => {
    if (stopped) return;
    if (workers.has(uuid)) {
      rerun.add(uuid);
      return;
    }
    const worker = work(uuid).catch((err: unknown) => {
      workers.delete(uuid);
      log.error(`node ${uuid}: job worker stopped`, err);
    });
    workers.set(uuid, worker);
  };

  return {
    submit,
    cancel(uuid) {
      controllers.get(uuid)?.abort();
    },
    async recover() {
      const jobs = await store.listJobs();
      const withJob = new Set(jobs.map((j) => j.nodeUuid));
      let count = jobs.length;
      for (const node of await store.listNodesByStatus(['Pending', 'Destroying'])) {
        if (withJob.has(node.uuid)) continue;
        const action = node.status === 'Pending' ? 'create' : 'delete';
        await store.updateNode(node.uuid, {}, nextJob(undefined, node.uuid, action, now()));
        withJob.add(node.uuid);
        count++;
      }
      for (const uuid of withJob) submit(uuid);
      if (count > 0) log.info(`resuming ${count} provisioning job(s)`);
      return count;
    },
    async stop() {
      stopped = true;
      for (const controller of controllers.values()) controller.abort();
      await Promise.all(workers.values());
    },
    async idle() {
      while (workers.size > 0) await Promise.all(workers.values());
    },
  };
}
