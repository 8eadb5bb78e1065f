// Child processes for e2e tests: free ports, whole-tree kills, and a last-resort kill on exit.

import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';

/** A loopback TCP port that was free a moment ago. */
export function getFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no port assigned'))));
    });
  });
}

/** All descendants of `pid` (children first found, then theirs), read from /proc. */
export function listDescendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited while we looked
    }
    // Field 4 (ppid) follows the command name, which is in parentheses and may hold spaces.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    const list = children.get(ppid) ?? [];
    list.push(Number(entry));
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

/** True while `pid` runs; a zombie (exited, not yet reaped by its new parent) counts as gone. */
function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

const tracked = new Set<number>();
const folders = new Set<string>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const pid of tracked) signal(-pid, 'SIGKILL');
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });
  // Interrupted (Ctrl+C, or CI stopping the job): exit, so that the hook above runs.
  process.once('SIGINT', () => process.exit(130));
  process.once('SIGTERM', () => process.exit(143));
}

/** Removes `folder` when the test process exits, unless {@link keepFolder} was called. */
export function removeOnExit(folder: string): void {
  installExitHook();
  folders.add(folder);
}

/** Cancels {@link removeOnExit} for `folder` (it was removed already, or is to be kept). */
export function keepFolder(folder: string): void {
  folders.delete(folder);
}

/**
 * Remembers a process started with `detached: true` (its own process group), so that it is
 * SIGKILLed with its group if the test run exits (or is interrupted) without stopping it.
 */
export function trackProcessGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  tracked.add(child.pid);
  installExitHook();
}

/**
 * Stops a process started with `detached: true`, its process group and every descendant
 * (some re-parent or start their own sessions): SIGTERM, then SIGKILL after `graceMs`.
 */
export async function killProcessTree(pid: number, graceMs = 5_000): Promise<void> {
  const victims = [pid, ...listDescendants(pid)];
  signal(-pid, 'SIGTERM');
  for (const p of victims) signal(p, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (victims.some(isAlive) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  signal(-pid, 'SIGKILL');
  for (const p of victims) if (isAlive(p)) signal(p, 'SIGKILL');
  tracked.delete(pid);
}
