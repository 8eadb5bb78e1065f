// Provisioning jobs, SQLite half: the `jobs` table. Leases are checked and changed inside one
// transaction, so two workers on one database file (or one worker and a request) never both win.

import type { SqliteDatabase } from '../sqliteDatabase';
import { isLeased, type JobOutcome, type JobProgress, type JobRecord, type JobStore, type Lease } from '../types';

/** Writes `job`, keeping the lease and progress of the row it replaces (a worker may be running it). */
export function upsertJob(s: SqliteDatabase, job: JobRecord): void {
  const held = s.readJob(job.nodeUuid);
  const { worker, leaseExpiresAt, progress } = held ?? {};
  s.writeJob({
    ...job,
    ...(worker && leaseExpiresAt ? { worker, leaseExpiresAt } : {}),
    ...(progress ? { progress } : {}),
  });
}

function withLease(job: JobRecord, lease: Lease): JobRecord {
  return {
    ...job,
    worker: lease.worker,
    leaseExpiresAt: new Date(lease.now.getTime() + lease.durationMs).toISOString(),
  };
}

function withoutLease(job: JobRecord): JobRecord {
  const { worker: _worker, leaseExpiresAt: _lease, progress: _progress, ...rest } = job;
  return rest;
}

export function sqliteJobs(s: SqliteDatabase): JobStore {
  const { db, parse } = s;
  const all = db.prepare('SELECT data FROM jobs ORDER BY rowid').pluck();
  /** The job if `worker` holds it (and, with `jobId`, if it is still that job). */
  const heldBy = (nodeUuid: string, worker: string, jobId?: string) => {
    const job = s.readJob(nodeUuid);
    return job && job.worker === worker && (jobId === undefined || job.jobId === jobId) ? job : undefined;
  };
  const tx = {
    claim: db.transaction((nodeUuid: string, lease: Lease) => {
      const job = s.readJob(nodeUuid);
      if (!job || (isLeased(job, lease.now) && job.worker !== lease.worker)) return undefined;
      const next = withLease(job, lease);
      s.writeJob(next);
      return next;
    }),
    renew: db.transaction((nodeUuid: string, lease: Lease) => {
      const job = heldBy(nodeUuid, lease.worker);
      if (!job) return undefined;
      const next = withLease(job, lease);
      s.writeJob(next);
      return next;
    }),
    release: db.transaction((nodeUuid: string, worker: string) => {
      const job = heldBy(nodeUuid, worker);
      if (job) s.writeJob(withoutLease(job));
    }),
    startAttempt: db.transaction((nodeUuid: string, jobId: string, worker: string, now: Date) => {
      const job = heldBy(nodeUuid, worker, jobId);
      if (!job) return undefined;
      const next: JobRecord = { ...job, attempts: job.attempts + 1, updatedAt: now.toISOString() };
      s.writeJob(next);
      return next;
    }),
    setProgress: db.transaction((nodeUuid: string, jobId: string, worker: string, progress: JobProgress) => {
      const job = heldBy(nodeUuid, worker, jobId);
      if (job) s.writeJob({ ...job, progress });
      return job !== undefined;
    }),
    finish: db.transaction((nodeUuid: string, jobId: string, worker: string, outcome: JobOutcome) => {
      if (!heldBy(nodeUuid, worker, jobId)) return false;
      s.deleteJob(nodeUuid);
      if (outcome.kind === 'remove') s.removeNode(nodeUuid);
      else s.patchNode(nodeUuid, outcome.patch);
      return true;
    }),
  };
  return {
    get: async (nodeUuid) => s.readJob(nodeUuid),
    list: async () => parse.rows<JobRecord>(all.all()),
    claim: async (nodeUuid, lease) => tx.claim(nodeUuid, lease),
    renew: async (nodeUuid, lease) => tx.renew(nodeUuid, lease),
    release: async (nodeUuid, worker) => tx.release(nodeUuid, worker),
    startAttempt: async (nodeUuid, jobId, worker, now) => tx.startAttempt(nodeUuid, jobId, worker, now),
    setProgress: async (nodeUuid, jobId, worker, progress) => tx.setProgress(nodeUuid, jobId, worker, progress),
    finish: async (nodeUuid, jobId, worker, outcome) => tx.finish(nodeUuid, jobId, worker, outcome),
  };
}
