// Owner-only files: what in a folder lets anyone but its owner in.

import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Files and folders under `dir` (symbolic links not followed) with group or other bits, as `path mode` lines. */
export function openToOthers(dir: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const stat = lstatSync(join(dir, name));
    if (!stat.isSymbolicLink() && (stat.mode & 0o077) !== 0) found.push(`${name} ${(stat.mode & 0o777).toString(8)}`);
  }
  return found;
}
