// The job runner: runs nodes' outstanding jobs (apply or destroy) through the Terraform runner, at
// most `maxConcurrentRuns` at a time. Its steps: submit (a request stored a job), claim (take the
// job's lease with a conditional write), attempt (one Terraform run), finish (record the outcome),
// recover (on start: end the runs of a dead backend, then resume every job). Several runners may
// share one store (DynamoDB): each holds the jobs it runs by a lease it renews, and takes over a
// job whose lease has ended.

import { setMaxListeners } from 'node:events';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { JobScheduler } from '../api/http';
import type { Log } from '../log';
import { isLeased, type AccountRecord, type JobRecord, type Lease, type NodeRecord, type Store } from '../store/types';
import { HeldJob } from './jobLease';
import { AssumeRoleError } from './assumeRole';
import { failure, INTERRUPTED, nodeVars, successOutcome, type AttemptResult } from './jobAttempt';
import { nextJob } from './jobRecords';
import { createProgressReporter } from './progressReporter';
import { createRunQueue, type RunQueue } from './runQueue';
import { createWorkerId, isDeadLocalWorker, RunRegistry } from './runRegistry';
import type { AwsCredentials, AwsTarget, TerraformResult, TerraformRunOptions } from './terraform';
import { CANCEL_GRACE_MS } from './terraformCli';

/** How long a new attempt waits for an earlier holder's Terraform to stop (its grace, and more). */
const QUIET_WAIT_MS = CANCEL_GRACE_MS + 15_000;

export type RunTerraform = (opts: TerraformRunOptions) => Promise<TerraformResult>;
export type AssumeRole = (account: AccountRecord, node: NodeRecord) => Promise<AwsCredentials>;

export interface JobRunnerOptions {
  readonly store: Store;
  readonly log: Log;
  readonly runTerraform: RunTerraform;
  readonly assumeRole: AssumeRole;
  /** Node work directories (Terraform state) live in `<dataDir>/nodes/<uuid>/`, run records in `<dataDir>/runs/`. */
  readonly dataDir: string;
  readonly target: AwsTarget;
  readonly pluginDir?: string;
  readonly pluginCacheDir?: string;
  /** Simultaneous Terraform runs of this runner; further jobs wait in FIFO order. */
  readonly maxConcurrentRuns: number;
  /** Runs of one job interrupted by restarts before the node is failed instead of retried. */
  readonly maxAttempts?: number;
  /** How long a job stays this runner's without a renewal (default 20 s); renewed every quarter of it. */
  readonly leaseMs?: number;
  /** How often to look for jobs no live runner holds (default 5 s). */
  readonly pollMs?: number;
  readonly now?: () => Date;
}

export class JobRunner implements JobScheduler {
  /** Names this runner in job leases and run records. */
  readonly worker = createWorkerId();
  private readonly store: Store;
  private readonly log: Log;
  private readonly queue: RunQueue;
  private readonly runs: RunRegistry;
  private readonly now: () => Date;
  private readonly leaseMs: number;
  private readonly active = new Map<string, Promise<void>>();
  private readonly wake = new Set<string>();
  private readonly held = new Map<string, HeldJob>();
  private readonly claiming = new Map<string, Promise<HeldJob | undefined>>();
  private readonly stopping = new AbortController();
  private orphansEnded: Promise<unknown> = Promise.resolve();
  private poller: NodeJS.Timeout | undefined;

  constructor(private readonly opts: JobRunnerOptions) {
    this.store = opts.store;
    this.log = opts.log;
    this.queue = createRunQueue(opts.maxConcurrentRuns);
    this.runs = new RunRegistry(opts.dataDir, this.worker);
    this.now = opts.now ?? (() => new Date());
    this.leaseMs = opts.leaseMs ?? 20_000;
    // Every job waiting for a slot listens for the stop.
    setMaxListeners(0, this.stopping.signal);
  }

  /**
   * Step "submit": runs (or wakes) the node's job here, unless another runner holds it. Returns at
   * once. `takeover`: the job was abandoned by a runner that died; it is claimed at once and runs
   * before the jobs waiting for a slot.
   */
  submit(uuid: string, takeover = false): void {
    if (this.stopping.signal.aborted) return;
    if (this.active.has(uuid)) {
      this.wake.add(uuid);
      return;
    }
    this.active.set(uuid, this.loop(uuid, takeover));
  }

  /** Stops this runner's Terraform run of the node (its job row was removed or replaced). */
  cancel(uuid: string): void {
    this.held.get(uuid)?.controller.abort();
  }

  /**
   * Step "recover", on start: ends the runs a dead backend on this host left running (before any
   * job of theirs runs again), gives Pending and Destroying nodes without a job one, resumes every
   * job no live runner holds, and starts looking for abandoned jobs. Returns how many jobs it found.
   */
  async recover(): Promise<number> {
    this.orphansEnded = this.runs.endOrphans().then(
      (n) => n > 0 && this.log.warn(`ended ${n} Terraform run(s) a stopped backend left running`),
      (err: unknown) => this.log.error('could not end the runs of a stopped backend', err),
    );
    const jobs = await this.store.jobs.list();
    const withJob = new Set(jobs.map((j) => j.nodeUuid));
    for (const node of await this.store.nodes.listByStatus(['Pending', 'Destroying'])) {
      if (withJob.has(node.uuid)) continue;
      await this.store.nodes.update(
        node.uuid,
        {},
        nextJob(undefined, node.uuid, node.status === 'Pending' ? 'create' : 'delete', this.now()),
      );
      withJob.add(node.uuid);
    }
    if (withJob.size > 0) this.log.info(`resuming ${withJob.size} provisioning job(s)`);
    await this.poll();
    this.poller = setInterval(
      () => void this.poll().catch((err: unknown) => this.log.error('job poll failed', err)),
      this.opts.pollMs ?? 5000,
    );
    this.poller.unref();
    return withJob.size;
  }

  /** Stops every run (job rows stay, their leases are released) and waits for them. */
  async stop(): Promise<void> {
    this.stopping.abort();
    clearInterval(this.poller);
    for (const h of this.held.values()) h.controller.abort();
    await Promise.all(this.active.values());
  }

  /** Resolves when no job is active here (tests and benchmarks). */
  async idle(): Promise<void> {
    while (this.active.size > 0) await Promise.all(this.active.values());
  }

  /**
   * Submits every job that no live runner holds: unclaimed ones, and those of runners that died
   * (taken over at once: claimed, and first in line for a slot, even if already waiting here).
   */
  private async poll(): Promise<void> {
    const now = this.now();
    for (const job of await this.store.jobs.list()) {
      const other = job.worker !== undefined && job.worker !== this.worker;
      const dead = other && isDeadLocalWorker(job.worker);
      if (other && !dead && isLeased(job, now)) continue;
      if (dead) await this.store.jobs.release(job.nodeUuid, job.worker!);
      if (!this.active.has(job.nodeUuid)) this.submit(job.nodeUuid, other);
      else if (other && !this.held.has(job.nodeUuid) && (await this.claim(job.nodeUuid)))
        this.queue.promote(job.nodeUuid);
    }
  }

  private async loop(uuid: string, takeover: boolean): Promise<void> {
    try {
      do {
        this.wake.delete(uuid);
        await this.work(uuid, takeover);
        takeover = false;
        // Checked in the same tick as the removal below, so a submit() cannot slip between them.
      } while (this.wake.has(uuid) && !this.stopping.signal.aborted);
    } catch (err) {
      this.log.error(`node ${uuid}: job worker stopped`, err);
    } finally {
      this.active.delete(uuid);
    }
  }

  /**
   * A slot and the lease (a taken-over job: the lease first, then a slot ahead of the queue),
   * then attempts until the node has no job this runner holds.
   */
  private async work(uuid: string, takeover: boolean): Promise<void> {
    if (takeover && !(await this.claim(uuid))) return;
    const release = await this.queue.acquire(this.stopping.signal, takeover, uuid);
    let held = this.held.get(uuid);
    try {
      if (release) held ??= await this.claim(uuid);
      if (held && release) await this.runHeld(uuid, held);
    } finally {
      release?.();
      this.held.delete(uuid);
      await held?.letGo(this.worker);
    }
  }

  /** Attempts, each followed by its finish, while this runner holds a job of the node. */
  private async runHeld(uuid: string, held: HeldJob): Promise<void> {
    let job = await this.store.jobs.get(uuid);
    while (job?.worker === this.worker && !this.stopping.signal.aborted) {
      held.nextAttempt(job);
      await this.finish(job, await this.attempt(job, held.controller.signal));
      job = await this.store.jobs.get(uuid);
    }
  }

  /**
   * Step "claim": the node's job with this runner's lease (renewed while held), or undefined
   * (none, or held by a live runner). Concurrent claims of one node share one result.
   */
  private claim(uuid: string): Promise<HeldJob | undefined> {
    const already = this.held.get(uuid);
    if (already) return Promise.resolve(already);
    let claiming = this.claiming.get(uuid);
    if (!claiming) {
      claiming = this.store.jobs.claim(uuid, this.lease()).then((job) => {
        if (!job) return undefined;
        const held = new HeldJob(this.store, uuid, job, () => this.lease(), this.log);
        this.held.set(uuid, held);
        return held;
      });
      claiming.finally(() => this.claiming.delete(uuid)).catch(() => undefined);
      this.claiming.set(uuid, claiming);
    }
    return claiming;
  }

  /** Step "attempt": one Terraform run of the job, unless it must fail or was superseded first. */
  private async attempt(job: JobRecord, signal: AbortSignal): Promise<AttemptResult> {
    const node = await this.store.nodes.get(job.nodeUuid);
    if (!node) return { kind: 'finish', outcome: { kind: 'remove' } };
    const maxAttempts = this.opts.maxAttempts ?? 3;
    if (job.attempts >= maxAttempts)
      return failure(`gave up after ${job.attempts} attempts that were each interrupted by a backend restart`);
    const started = await this.store.jobs.startAttempt(job.nodeUuid, job.jobId, this.worker, this.now());
    if (!started) return INTERRUPTED;
    const account = await this.store.accounts.get(node.accountUuid);
    if (!account) return failure(`account ${node.accountUuid} no longer exists`);
    await this.orphansEnded;
    // A job taken over from a dead runner on this host: its Terraform run may still be going.
    await this.runs.endOrphans(node.uuid);
    // A runner that lost the lease (it was slow, not dead) stops its run: never two at once here.
    if (!(await this.runs.waitForQuiet(this.workDir(node.uuid), QUIET_WAIT_MS)))
      this.log.warn(
        `node ${node.identifier}: another Terraform run still works on it; the state lock keeps them apart`,
      );
    try {
      return await this.runTerraform(started, node, account, signal);
    } catch (err) {
      if (err instanceof AssumeRoleError) return failure(err.message);
      this.log.error(`node ${node.identifier}: job failed`, err);
      return failure(`provisioning failed: ${(err as Error).message}`);
    }
  }

  private async runTerraform(
    job: JobRecord,
    node: NodeRecord,
    account: AccountRecord,
    signal: AbortSignal,
  ): Promise<AttemptResult> {
    const progress = createProgressReporter(this.store, job, this.worker, this.now(), this.log);
    const credentials = await this.opts.assumeRole(account, node);
    const action = job.action === 'delete' ? 'destroy' : 'apply';
    this.log.info(`node ${node.identifier}: terraform ${action} started (${job.action})`);
    const result = await this.opts.runTerraform({
      workDir: this.workDir(node.uuid),
      action,
      vars: nodeVars(node, account),
      credentials,
      target: this.opts.target,
      pluginDir: this.opts.pluginDir,
      pluginCacheDir: this.opts.pluginCacheDir,
      signal,
      onLog: (line) => this.log.debug(`node ${node.identifier}: ${line}`),
      onProgress: progress.report,
      processes: this.runs.hooksFor(node.uuid, this.workDir(node.uuid)),
    });
    await progress.flush();
    if (signal.aborted) return INTERRUPTED;
    const seconds = (result.durationMs / 1000).toFixed(1);
    if (!result.ok) {
      this.log.warn(
        `node ${node.identifier}: terraform ${action} failed after ${seconds}s: ${result.error ?? 'unknown error'}`,
      );
      return failure(result.error ?? `terraform ${action} failed`);
    }
    this.log.info(`node ${node.identifier}: terraform ${action} succeeded in ${seconds}s`);
    return { kind: 'finish', outcome: successOutcome(job, (await this.store.nodes.get(node.uuid)) ?? node, result) };
  }

  /** Step "finish": records the outcome (unless superseded or taken over) and cleans up after a removal. */
  private async finish(job: JobRecord, result: AttemptResult): Promise<void> {
    if (result.kind === 'interrupted') return;
    const finished = await this.store.jobs.finish(job.nodeUuid, job.jobId, this.worker, result.outcome);
    if (finished && result.outcome.kind === 'remove')
      await rm(this.workDir(job.nodeUuid), { recursive: true, force: true });
  }

  private lease(): Lease {
    return { worker: this.worker, now: this.now(), durationMs: this.leaseMs };
  }

  private workDir(uuid: string): string {
    return join(this.opts.dataDir, 'nodes', uuid);
  }
}

/** Builds a job runner (see {@link JobRunner}). */
export function createJobRunner(opts: JobRunnerOptions): JobRunner {
  return new JobRunner(opts);
}
