// What Linux's /proc says about processes: start times (pids are reused, start times are not),
// parents, process groups, working directories and command lines. Shared by the tests', the
// benchmarks' and the demo's process handling.

import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** A process identified beyond its pid: pids are reused, start times (in clock ticks) are not. */
export interface ProcessId {
  readonly pid: number;
  readonly startTime: string;
}

/** The fields of /proc/<pid>/stat after the command name (which is in parentheses, may hold spaces). */
function statFields(pid: number | string): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined; // exited while we looked
  }
}

/** Field 22 of /proc/<pid>/stat (start time since boot), or undefined when the pid is gone. */
export function startTimeOf(pid: number): string | undefined {
  const fields = statFields(pid);
  return !fields || fields[0] === 'Z' ? undefined : fields[19];
}

/** True while `pid` runs (a zombie counts as gone) and, given a start time, is that same process. */
export function isRunning(pid: number, startTime?: string): boolean {
  const now = startTimeOf(pid);
  return now !== undefined && (startTime === undefined || now === startTime);
}

/** The command line of a process, shortened for messages. */
export function commandOf(pid: number, max = 120): string {
  try {
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
    return cmd.length > max ? `${cmd.slice(0, max - 1)}…` : cmd;
  } catch {
    return '?';
  }
}

/** The pids listed in /proc. */
export function listPids(): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number);
}

/** All descendants of `pid` (children first found, then theirs), read from /proc. */
export function listDescendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of listPids()) {
    const fields = statFields(entry);
    if (!fields) continue;
    const ppid = Number(fields[1]); // field 4
    const list = children.get(ppid) ?? [];
    list.push(entry);
    children.set(ppid, list);
  }
  const result: number[] = [];
  const queue = [pid];
  while (queue.length) {
    for (const child of children.get(queue.shift()!) ?? []) {
      result.push(child);
      queue.push(child);
    }
  }
  return result;
}

/** Processes whose process group is `pgid` (field 5 of /proc/<pid>/stat). */
export function groupMembers(pgid: number): number[] {
  return listPids().filter((pid) => Number(statFields(pid)?.[2]) === pgid);
}

/** Sends `sig` to `pid` (negative: a process group), ignoring a process that is gone or not ours. */
export function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone, or not ours to signal
  }
}

/** Pids of processes whose working directory is `dir` or inside it (a run's leftovers, its Terraform). */
export function processesUnder(dir: string): number[] {
  return listPids().filter((pid) => {
    try {
      const cwd = readlinkSync(`/proc/${pid}/cwd`);
      return cwd === dir || cwd.startsWith(`${dir}/`);
    } catch {
      return false; // gone, or not ours to read
    }
  });
}

/** SIGKILLs each process still working inside `dir` (a run's own leftovers); returns how many. */
export function killProcessesUnder(dir: string): number {
  const pids = processesUnder(dir);
  for (const pid of pids) signal(pid, 'SIGKILL');
  return pids.length;
}
