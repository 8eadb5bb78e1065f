// A job this runner holds: its lease, renewed every quarter of its length while held, and the
// controller that stops the job's Terraform run.

import type { Log } from '../log';
import type { JobRecord, Lease, Store } from '../store/types';

export class HeldJob {
  /** The job id the current attempt runs. */
  jobId: string;
  controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private renewedAt = Date.now();

  /**
   * Starts renewing. A lost lease stops the run (another runner took the job over); a delete
   * stored by another runner stops a running apply, as a local one does.
   */
  constructor(
    private readonly store: Store,
    private readonly nodeUuid: string,
    job: JobRecord,
    private readonly lease: () => Lease,
    private readonly log: Log,
  ) {
    this.jobId = job.jobId;
    const every = lease().durationMs / 4;
    this.timer = setInterval(() => void this.renew(every * 2), every);
    this.timer.unref();
  }

  /** A fresh controller for the next attempt when the last one was stopped. */
  nextAttempt(job: JobRecord): void {
    this.jobId = job.jobId;
    if (this.controller.signal.aborted) this.controller = new AbortController();
  }

  /** Stops renewing and gives the lease up (the job row, if any, stays for any runner to claim). */
  async letGo(worker: string): Promise<void> {
    clearInterval(this.timer);
    await this.store.jobs.release(this.nodeUuid, worker);
  }

  private async renew(maxSilenceMs: number): Promise<void> {
    let job: JobRecord | undefined;
    try {
      job = await this.store.jobs.renew(this.nodeUuid, this.lease());
    } catch (err) {
      this.log.warn(`node ${this.nodeUuid}: lease renewal failed: ${(err as Error).message}`);
      // Stop before the lease can end unnoticed: another runner may take the job then.
      if (Date.now() - this.renewedAt <= maxSilenceMs) return;
    }
    if (!job) {
      this.log.warn(`node ${this.nodeUuid}: lease lost; stopping this runner's run`);
      this.controller.abort();
      return;
    }
    this.renewedAt = Date.now();
    if (job.jobId !== this.jobId && job.action === 'delete') this.controller.abort();
  }
}
