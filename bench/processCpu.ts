// CPU time of the processes a provisioning benchmark starts, read from Linux's /proc.

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { processesUnder } from '../scripts/harness/procfs';

/** CPU seconds a process has used (itself, plus its waited-for children with `children`); 0 when gone. */
export function cpuSeconds(pid: number, children = false): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    const own = Number(f[11]) + Number(f[12]);
    return (children ? own + Number(f[13]) + Number(f[14]) : own) / 100;
  } catch {
    return 0;
  }
}

/** CPU seconds of the live processes working under `dir` (e.g. the provider servers). */
export function cpuUnder(dir: string): number {
  return processesUnder(dir).reduce((sum, pid) => sum + cpuSeconds(pid), 0);
}

/** The process listening on loopback TCP `port` (moto_server, which does not say its pid). */
export function listenerPid(port: number): number {
  const out = execFileSync('ss', ['-ltnpH', `sport = :${port}`], { encoding: 'utf8' });
  return Number(/pid=(\d+)/.exec(out)?.[1]);
}
