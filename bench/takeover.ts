// Lease takeover for the scale-out benchmark: SIGKILL to the process group of the worker that
// runs the most jobs, then the time until another worker has claimed each of those jobs (a
// conditional write on the shared jobs table; the bench reads the table every 250 ms).

import { waitFor } from '../scripts/harness/backend/client';
import type { Cluster } from './scaleOutCluster';

const workerPid = (worker: string | undefined) => Number((worker ?? '').split(':')[1]);

/** Jobs with a running Terraform command, by the index of the worker that holds them. */
async function runningByWorker(c: Cluster): Promise<Map<number, string[]>> {
  const byIndex = new Map<number, string[]>();
  for (const job of await c.store.jobs.list()) {
    const i = c.workers.findIndex((w) => w.pid === workerPid(job.worker));
    if (i < 0 || !job.progress) continue;
    byIndex.set(i, [...(byIndex.get(i) ?? []), job.nodeUuid]);
  }
  return byIndex;
}

/** The worker holding the most running jobs, with them; undefined if none runs any. */
async function busiestWorker(c: Cluster): Promise<{ index: number; jobs: string[] } | undefined> {
  const best = [...(await runningByWorker(c))].sort((x, y) => y[1].length - x[1].length)[0];
  return best && { index: best[0], jobs: best[1] };
}

/**
 * Kills the busiest worker (after `addJobs`, when no worker runs a job any more) and waits until
 * each of its jobs is claimed by another worker (or finished).
 */
export async function measureTakeover(c: Cluster, addJobs: () => Promise<string[]>) {
  let extraNodes: string[] = [];
  let victim = await busiestWorker(c);
  if (!victim) {
    extraNodes = await addJobs();
    victim = await waitFor('a worker to run jobs', () => busiestWorker(c), 300_000, 250);
  }
  const worker = c.workers[victim.index]!;
  const killedAt = Date.now();
  process.kill(-worker.pid, 'SIGKILL');
  await worker.kill9();
  // The jobs it still held when it died (one may have finished between the look and the kill).
  const jobs = (await Promise.all(victim.jobs.map((uuid) => c.store.jobs.get(uuid))))
    .filter((job) => job && (job.worker === undefined || workerPid(job.worker) === worker.pid))
    .map((job) => job!.nodeUuid);
  const claimedAfterMs = await Promise.all(
    jobs.map((uuid) =>
      waitFor(
        `job ${uuid} to be taken over`,
        async () => {
          const job = await c.store.jobs.get(uuid);
          const taken = !job || (job.worker !== undefined && workerPid(job.worker) !== worker.pid);
          return taken ? Date.now() - killedAt : undefined;
        },
        120_000,
        250,
      ),
    ),
  );
  return {
    killedWorker: victim.index,
    jobsItRan: jobs.length,
    secondsUntilClaimed: claimedAfterMs.map((ms) => Math.round(ms / 100) / 10),
    extraNodes,
  };
}
