// Which files of a workspace folder the working tree changes against git HEAD, for the
// Permission Changes view: `git status` (untracked files included, ignored ones not), with the
// repository's file-system monitor hook turned off so that no configured program runs.

import { existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { runGit, type Repo } from './git';

/** A file git reports as changed, by absolute path. */
interface ChangedFile {
  readonly path: string;
  /** Gone from the working tree (it is only at HEAD). */
  readonly deleted: boolean;
}

/** Files under `folder` that differ from HEAD (staged, unstaged or untracked); rejects when git fails. */
export async function changedFiles(repo: Repo, folder: string): Promise<ChangedFile[]> {
  const rel = relative(repo.top, folder).split(sep).join('/');
  const r = await runGit(
    [
      '-c',
      'core.fsmonitor=false',
      'status',
      '--porcelain=v1',
      '-z',
      '--untracked-files=all',
      '--no-renames',
      '--ignore-submodules=all',
      '--',
      rel === '' ? '.' : rel,
    ],
    repo.top,
  );
  if (r.code !== 0) throw new Error(`git status failed: ${r.stderr.trim().slice(0, 300)}`);
  const out: ChangedFile[] = [];
  for (const entry of r.stdout.toString('utf8').split('\0')) {
    if (entry.length < 4) continue;
    const path = join(repo.top, ...entry.slice(3).split('/'));
    out.push({ path, deleted: entry.slice(0, 2).includes('D') && !existsSync(path) });
  }
  return out;
}
