// Processes and ports for `npm start`: children in their own process groups, stopped with every
// descendant; the run file that lets the next start find a live demo or an earlier run's leftovers;
// loopback ports and who holds them.

import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { listDescendants } from '../../test/e2e/support/processes';

/** A process identified beyond its pid: pids are reused, start times (in clock ticks) are not. */
export interface ProcessId {
  readonly pid: number;
  readonly startTime: string;
}

/** Field 22 of /proc/<pid>/stat (start time since boot), or undefined when the pid is gone. */
export function startTimeOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[0] === 'Z' ? undefined : fields[19];
  } catch {
    return undefined;
  }
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

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone, or not ours to signal
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitGone(pids: readonly number[], until: number): Promise<boolean> {
  while (pids.some((p) => isRunning(p))) {
    if (Date.now() >= until) return false;
    await pause(100);
  }
  return true;
}

/** Processes whose process group is `pgid` (field 5 of /proc/<pid>/stat). */
export function groupMembers(pgid: number): number[] {
  const members: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]) === pgid) members.push(Number(entry));
    } catch {
      // exited while we looked
    }
  }
  return members;
}

/** Processes seen below a process, by pid, with their start times (pids are reused). */
export type SeenProcesses = Map<number, string>;

/** Adds the current descendants of `pid` to `seen`. */
export function recordDescendants(pid: number, seen: SeenProcesses): void {
  for (const p of listDescendants(pid)) {
    const start = startTimeOf(p);
    if (start !== undefined && !seen.has(p)) seen.set(p, start);
  }
}

/**
 * Stops a process that leads its own process group, and everything it started: SIGTERM to the
 * leader, so that it can shut down in order (the sandbox stops Terraform, then moto); after
 * `graceMs`, SIGTERM to its group and to every descendant seen (Terraform runs in groups of its
 * own; a child of a leader that died is no longer below it); two seconds later SIGKILL to what
 * is left.
 */
export async function stopProcessTree(pid: number, graceMs: number, seen: SeenProcesses = new Map()): Promise<void> {
  const rescan = () => {
    if (isRunning(pid)) recordDescendants(pid, seen);
  };
  rescan();
  signal(pid, 'SIGTERM');
  const until = Date.now() + graceMs;
  while (isRunning(pid) && Date.now() < until) {
    rescan();
    await pause(100);
  }
  rescan();
  const alive = () => [pid, ...groupMembers(pid), ...[...seen].filter(([p, start]) => isRunning(p, start)).map(([p]) => p)].filter((p) => isRunning(p));
  let victims = alive();
  if (!victims.length) return;
  signal(-pid, 'SIGTERM');
  for (const p of victims) signal(p, 'SIGTERM');
  if (await waitGone(victims, Date.now() + 2_000)) return;
  victims = alive();
  signal(-pid, 'SIGKILL');
  for (const p of victims) signal(p, 'SIGKILL');
  await waitGone(victims, Date.now() + 2_000);
}

/** Last resort on exit (synchronous): SIGKILL a group, its descendants and those seen before. */
export function killProcessTreeNow(pid: number, seen: SeenProcesses = new Map()): void {
  const victims = [...listDescendants(pid), ...[...seen].filter(([p, start]) => isRunning(p, start)).map(([p]) => p)];
  signal(-pid, 'SIGKILL');
  for (const p of victims) signal(p, 'SIGKILL');
}

/** A child process started by the demo, in its own process group. */
export interface ManagedProcess extends ProcessId {
  readonly name: string;
  readonly child: ChildProcess;
  /** `exited with code 1` / `killed by SIGKILL` once it has exited, else undefined. */
  exitReason(): string | undefined;
  /** Resolves when the process exits. */
  readonly exited: Promise<string>;
  stop(): Promise<void>;
  /** True once `stop()` has finished: nothing of it runs any more. */
  isStopped(): boolean;
  /** Processes seen below it so far. */
  readonly seen: SeenProcesses;
}

/** Spawns `file args` detached (own process group: Ctrl-C in the terminal reaches only us). */
export function spawnManaged(name: string, file: string, args: readonly string[], options: SpawnOptions & { graceMs: number }): ManagedProcess {
  const { graceMs, ...spawnOptions } = options;
  const child = spawn(file, [...args], { ...spawnOptions, detached: true });
  if (child.pid === undefined) {
    // spawn reports ENOENT and friends asynchronously; the pid is missing at once.
    throw new Error(`${name} could not be started: ${file} ${args.join(' ')}`);
  }
  const pid = child.pid;
  let reason: string | undefined;
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, sig) => {
      reason = sig ? `killed by ${sig}` : `exited with code ${code}`;
      resolve(reason);
    });
    child.once('error', (err) => {
      reason ??= `failed: ${err.message}`;
      resolve(reason);
    });
  });
  // Remember what runs below it, to stop that too should it die first (its children then
  // belong to init, not to it).
  const seen: SeenProcesses = new Map();
  const watch = setInterval(() => recordDescendants(pid, seen), 2_000);
  watch.unref();
  void exited.then(() => clearInterval(watch));
  let stopping: Promise<void> | undefined;
  let stopped = false;
  return {
    name,
    pid,
    startTime: startTimeOf(pid) ?? '',
    child,
    exited,
    exitReason: () => reason,
    stop: () =>
      (stopping ??= stopProcessTree(pid, graceMs, seen).finally(() => {
        clearInterval(watch);
        stopped = true;
      })),
    isStopped: () => stopped,
    seen,
  };
}

// ---------------------------------------------------------------------------------------------
// The run file: <data>/demo-run.json

export interface RunRecord {
  readonly orchestrator: ProcessId;
  readonly dataDir: string;
  processes: { name: string; pid: number; startTime: string; port?: number }[];
  editorUrl?: string;
}

export const RUN_FILE = 'demo-run.json';

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

export function updateRunRecord(record: RunRecord): void {
  writeFileSync(join(record.dataDir, RUN_FILE), JSON.stringify(record, null, 2), { mode: 0o600 });
}

export function removeRunRecord(dataDir: string): void {
  rmSync(join(dataDir, RUN_FILE), { force: true });
}

// ---------------------------------------------------------------------------------------------
// Ports

/** True when nothing listens on 127.0.0.1:`port` (we could bind it a moment ago). */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** A loopback port that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('the OS assigned no port'))));
    });
  });
}

/**
 * Who listens on TCP `port` (any address), from /proc: the socket's inode, then the process
 * holding it. Undefined when nobody does or we may not look (another user's process).
 */
export function portHolder(port: number): { pid?: number; command?: string } | undefined {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length < 10 || f[3] !== '0A') continue; // 0A: LISTEN
      if (parseInt(f[1]!.split(':').pop()!, 16) === port) inodes.add(f[9]!);
    }
  }
  if (!inodes.size) return undefined;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      let link: string;
      try {
        link = readlinkSync(`/proc/${entry}/fd/${fd}`);
      } catch {
        continue;
      }
      const m = /^socket:\[(\d+)\]$/.exec(link);
      if (m && inodes.has(m[1]!)) return { pid: Number(entry), command: commandOf(Number(entry)) };
    }
  }
  return {};
}

/** " (held by pid 123: node …)" or "" — for messages about a taken port. */
export function describeHolder(port: number): string {
  const holder = portHolder(port);
  if (!holder) return '';
  return holder.pid ? ` (held by pid ${holder.pid}: ${holder.command})` : ' (held by a process we cannot inspect)';
}
