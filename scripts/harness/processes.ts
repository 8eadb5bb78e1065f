// Child processes of a test or bench run: whole-tree kills, and a last-resort kill (and folder
// removal) when the run exits or is interrupted.

import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { isRunning, listDescendants, signal } from './procfs';

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
  const isAlive = (p: number) => isRunning(p);
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
