// The files of the checked folders as they are at a git ref, for `diff --baseline REF`: the
// folders' files are listed with `git ls-tree` (so files deleted or moved since are read too),
// each read with `git cat-file` through execFile (no shell), nothing outside the folders.

import { execFileSync } from 'node:child_process';
import { realpathSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { isCheckablePath } from '../engine/analyze';
import { GuardError } from '../engine/guardError';
import type { SourceFile } from '../model/source';
import { readAtRef } from './baseline';

const SKIP = new Set(['node_modules', '.git', '.terraform']);

/** Regular files at `ref` under the folder arguments, plus `files` (the current version's), read at `ref`. */
export function readTreeAtRef(
  paths: readonly string[],
  files: readonly string[],
  ref: string,
  cwd: string,
): SourceFile[] {
  const wanted = new Set(files);
  for (const p of paths) {
    const abs = resolve(cwd, p);
    if (!isDirectory(abs)) continue;
    for (const f of listAtRef(abs, ref)) wanted.add(f);
  }
  return readAtRef([...wanted].sort(), ref, cwd);
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** Checkable regular files under `dir` at `ref` (absolute paths), skipping the folders `check` skips. */
function listAtRef(dir: string, ref: string): string[] {
  let rel: string;
  let out: string;
  try {
    const top = execFileSync('git', ['rev-parse', '--show-toplevel'], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    rel = relative(top, realpathSync(dir)).split(sep).join('/');
    out = execFileSync('git', ['ls-tree', '-r', '-z', `${ref}^{commit}`, '--', rel || '.'], {
      cwd: top,
      encoding: 'utf8',
      maxBuffer: 1 << 28,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    throw new GuardError(`Unknown git ref or not a git repository: ${ref}`, 'usage');
  }
  const found: string[] = [];
  for (const entry of out.split('\0')) {
    const tab = entry.indexOf('\t');
    if (tab < 0) continue;
    const [mode, type] = entry.slice(0, tab).split(' ');
    const path = entry.slice(tab + 1);
    if (type !== 'blob' || (mode !== '100644' && mode !== '100755')) continue;
    if (path.split('/').some((seg) => SKIP.has(seg))) continue;
    // Paths under `dir` as the caller spells it (the same ids as the working copy's files).
    if (rel !== '' && !path.startsWith(rel + '/')) continue;
    const abs = join(dir, ...(rel === '' ? path : path.slice(rel.length + 1)).split('/'));
    if (isCheckablePath(abs)) found.push(abs);
  }
  return found;
}
