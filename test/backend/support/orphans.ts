// Processes a killed backend leaves behind (its Terraform runs live in their own process groups):
// found by their working directory under the test's data folder, and stopped by pid.

import { readdirSync, readlinkSync } from 'node:fs';

/** Pids of processes whose working directory is inside `dir`. */
export function processesUnder(dir: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cwd = readlinkSync(`/proc/${entry}/cwd`);
      if (cwd === dir || cwd.startsWith(`${dir}/`)) pids.push(Number(entry));
    } catch {
      // gone, or not ours to read
    }
  }
  return pids;
}

/** SIGKILLs each process still working inside `dir` (the test's own leftovers). */
export function killProcessesUnder(dir: string): number {
  const pids = processesUnder(dir);
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already exited
    }
  }
  return pids.length;
}
