// Writes a running job's progress to its job row, where any backend serving the API reads it:
// a new stage at once, new resource counts at most once a second, always in order.

import type { Log } from '../log';
import type { JobProgress, JobRecord, Store } from '../store/types';
import type { RunProgress } from './progress';

const MIN_INTERVAL_MS = 1000;

export interface ProgressReporter {
  /** Passed to the Terraform runner as `onProgress`. */
  report(progress: RunProgress): void;
  /** Writes what is still pending; resolves when every write is done. */
  flush(): Promise<void>;
}

/** Reports the progress of the run of `job` that `worker` started at `startedAt` (stage `init` at once). */
export function createProgressReporter(
  store: Store,
  job: JobRecord,
  worker: string,
  startedAt: Date,
  log: Log,
): ProgressReporter {
  const started = startedAt.toISOString();
  let pending: JobProgress | undefined;
  let lastStage: string | undefined;
  let lastWrite = 0;
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> = Promise.resolve();

  const write = async () => {
    const progress = pending;
    pending = undefined;
    if (!progress) return;
    lastStage = progress.stage;
    lastWrite = Date.now();
    await store.jobs.setProgress(job.nodeUuid, job.jobId, worker, progress).catch((err: unknown) => {
      log.warn(`node ${job.nodeUuid}: progress not recorded: ${(err as Error).message}`);
    });
  };
  const schedule = () => {
    clearTimeout(timer);
    timer = undefined;
    writing = writing.then(write);
  };
  const report = (p: RunProgress) => {
    pending = { stage: p.stage, resourcesDone: p.resourcesDone, resourcesTotal: p.resourcesTotal, startedAt: started };
    const wait = MIN_INTERVAL_MS - (Date.now() - lastWrite);
    if (p.stage !== lastStage || wait <= 0) schedule();
    else timer ??= setTimeout(schedule, wait);
  };
  report({ stage: 'init', resourcesDone: 0, resourcesTotal: null });
  return {
    report,
    flush() {
      schedule();
      return writing;
    },
  };
}
