// Reads the checked files as they were at a git ref, for `--baseline REF`.

import { execFileSync, spawnSync } from 'node:child_process';
import { relative, sep } from 'node:path';
import { GuardError } from '../engine/guardError';
import type { SourceFile } from '../model/source';

/** The files among `paths` that exist at `ref`, with their content at `ref` (ids = the same absolute paths). */
export function readAtRef(paths: readonly string[], ref: string, cwd: string): SourceFile[] {
  let top: string;
  try {
    top = execFileSync('git', ['rev-parse', '--show-toplevel'], {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    throw new GuardError('--baseline needs a git repository: the current folder is not in one', 'usage');
  }
  const verify = spawnSync('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd, encoding: 'utf8' });
  if (verify.status !== 0) throw new GuardError(`Unknown git ref: ${ref}`, 'usage');
  const commit = verify.stdout.trim();
  const wanted = paths.map((p) => ({ abs: p, rel: relative(top, p).split(sep).join('/') }));
  // One `git cat-file --batch` for all files: fast on large trees.
  const input = wanted.map((w) => `${commit}:${w.rel}`).join('\n') + '\n';
  const out = execFileSync('git', ['cat-file', '--batch'], { cwd: top, input, maxBuffer: 1 << 30 });
  const files: SourceFile[] = [];
  let pos = 0;
  for (const w of wanted) {
    const nl = out.indexOf(10, pos);
    const header = out.subarray(pos, nl).toString('utf8');
    pos = nl + 1;
    if (header.endsWith(' missing')) continue;
    const size = Number(header.split(' ')[2]);
    files.push({ id: w.abs, path: w.abs, text: out.subarray(pos, pos + size).toString('utf8') });
    pos += size + 1;
  }
  return files;
}
