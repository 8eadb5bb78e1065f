// The run file, <data>/demo-run.json: it lets the next `npm start` find a live demo, or stop
// what an earlier run left behind (processes are recorded with their start times, so nothing
// else can be mistaken for them).

import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stopProcessTree } from '../harness/managedProcess';
import { isRunning, type ProcessId } from '../harness/procfs';
import { DemoError, type Reporter } from './report';

/** What the run file holds: the orchestrator, and every process it started with its port. */
export interface RunRecord {
  readonly orchestrator: ProcessId;
  readonly dataDir: string;
  processes: { name: string; pid: number; startTime: string; port?: number }[];
  editorUrl?: string;
}

/** The run file's name inside the data folder. */
export const RUN_FILE = 'demo-run.json';

/** The run file of `dataDir`, or undefined when there is none (or it is unreadable). */
export function readRunRecord(dataDir: string): RunRecord | undefined {
  try {
    return JSON.parse(readFileSync(join(dataDir, RUN_FILE), 'utf8')) as RunRecord;
  } catch {
    return undefined;
  }
}

/** Creates the run file; fails (EEXIST) when another start created it a moment ago. */
export function claimRunRecord(record: RunRecord): void {
  writeFileSync(join(record.dataDir, RUN_FILE), JSON.stringify(record, null, 2), { flag: 'wx', mode: 0o600 });
}

/** Rewrites the run file (a process was added, the editor URL is known). */
export function updateRunRecord(record: RunRecord): void {
  writeFileSync(join(record.dataDir, RUN_FILE), JSON.stringify(record, null, 2), { mode: 0o600 });
}

/** Deletes the run file (the demo stopped). */
export function removeRunRecord(dataDir: string): void {
  rmSync(join(dataDir, RUN_FILE), { force: true });
}

/**
 * Refuses when a demo runs from this data folder; stops what an earlier run left behind (its
 * processes are recorded with their start times, so nothing else can be mistaken for them).
 */
export async function handleEarlierRun(dataDir: string, report: Reporter): Promise<void> {
  const earlier = readRunRecord(dataDir);
  if (!earlier) return;
  const { pid, startTime } = earlier.orchestrator;
  if (pid !== process.pid && isRunning(pid, startTime)) {
    throw new DemoError(
      `A demo is already running from ${dataDir} (pid ${pid}${earlier.editorUrl ? `, ${earlier.editorUrl}` : ''}). ` +
        `Use it, or stop it first: Ctrl-C in its terminal, or \`kill ${pid}\`.`,
    );
  }
  const left = earlier.processes.filter((p) => isRunning(p.pid, p.startTime));
  if (left.length) {
    report.warn(
      `an earlier demo (pid ${pid}) ended without stopping its processes; stopping them now: ` +
        left.map((p) => `${p.name} (pid ${p.pid}${p.port ? `, port ${p.port}` : ''})`).join(', '),
    );
    await Promise.all(left.map((p) => stopProcessTree(p.pid, p.name === 'sandbox' ? 30_000 : 5_000)));
  }
  removeRunRecord(dataDir);
}
