// Required tools: is a program on PATH, and a missing one fails the run loudly (never a skip).

import { spawnSync } from 'node:child_process';

/** True when `tool` is a command on PATH. */
export function isOnPath(tool: string): boolean {
  return spawnSync('sh', ['-c', 'command -v "$1"', 'sh', tool], { stdio: 'ignore' }).status === 0;
}

/** Throws with an install hint when `cmd` is not on PATH. */
export function requireTool(cmd: string, hint: string): void {
  if (!isOnPath(cmd)) throw new Error(`Required tool "${cmd}" is not on PATH: ${hint}`);
}
