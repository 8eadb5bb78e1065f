// Long-running children (the demo's sandbox and code-server): each in its own process group,
// stopped gracefully with every descendant, even those that re-parented after their parent died.

import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { groupMembers, isRunning, listDescendants, signal, startTimeOf, type ProcessId } from './procfs';

/** Processes seen below a process, by pid, with their start times (pids are reused). */
export type SeenProcesses = Map<number, string>;

/** Adds the current descendants of `pid` to `seen`. */
export function recordDescendants(pid: number, seen: SeenProcesses): void {
  for (const p of listDescendants(pid)) {
    const start = startTimeOf(p);
    if (start !== undefined && !seen.has(p)) seen.set(p, start);
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

/** The seen processes that still run (the same process: same pid and start time). */
function stillRunning(seen: SeenProcesses): number[] {
  return [...seen].filter(([p, start]) => isRunning(p, start)).map(([p]) => p);
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
  const alive = () => [pid, ...groupMembers(pid), ...stillRunning(seen)].filter((p) => isRunning(p));
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
  const victims = [...listDescendants(pid), ...stillRunning(seen)];
  signal(-pid, 'SIGKILL');
  for (const p of victims) signal(p, 'SIGKILL');
}

/** A child process in its own process group, started by {@link spawnManaged}. */
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

/** Resolves with why `child` ended; `onReason` gets the same text at once. */
function exitOf(child: ChildProcess, onReason: (reason: string) => void): Promise<string> {
  return new Promise<string>((resolve) => {
    let reason: string | undefined;
    child.once('exit', (code, sig) => {
      reason = sig ? `killed by ${sig}` : `exited with code ${code}`;
      onReason(reason);
      resolve(reason);
    });
    child.once('error', (err) => {
      reason ??= `failed: ${err.message}`;
      onReason(reason);
      resolve(reason);
    });
  });
}

/** Spawns `file args` detached (own process group: Ctrl-C in the terminal reaches only us). */
export function spawnManaged(
  name: string,
  file: string,
  args: readonly string[],
  options: SpawnOptions & { graceMs: number },
): ManagedProcess {
  const { graceMs, ...spawnOptions } = options;
  const child = spawn(file, [...args], { ...spawnOptions, detached: true });
  if (child.pid === undefined) {
    // spawn reports ENOENT and friends asynchronously; the pid is missing at once.
    throw new Error(`${name} could not be started: ${file} ${args.join(' ')}`);
  }
  const pid = child.pid;
  let reason: string | undefined;
  const exited = exitOf(child, (r) => (reason = r));
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
