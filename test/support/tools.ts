// Test prerequisites: a required tool that is missing fails the test run loudly, never skips it.

import { execFileSync } from 'node:child_process';

/** Throws with an install hint when `cmd` is not on PATH. */
export function requireTool(cmd: string, hint: string): void {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
  } catch {
    throw new Error(`Required tool "${cmd}" is not on PATH: ${hint}`);
  }
}
