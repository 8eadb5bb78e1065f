// The git plumbing the HEAD baseline needs: find the repository of a folder, read HEAD without
// spawning git (it is read on every check), and read many files at a commit in one process.

import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A git work tree and where its HEAD and refs live. */
export interface Repo {
  /** The work tree's top folder. */
  readonly top: string;
  /** This work tree's git dir (holds HEAD). */
  readonly gitDir: string;
  /** The git dir holding refs and objects (differs from gitDir in linked work trees). */
  readonly commonDir: string;
}

interface GitOutput {
  readonly code: number;
  readonly stdout: Buffer;
  readonly stderr: string;
}

/** Runs git; rejects only when git cannot be started at all. */
export function runGit(args: readonly string[], cwd: string, input?: string): Promise<GitOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd, stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ code: code ?? 1, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') }),
    );
    child.stdin.on('error', () => undefined); // git may exit before reading all input; 'close' reports it
    child.stdin.end(input ?? '');
  });
}

/** The repository containing `dir`, or undefined when it is not in one. */
export async function findRepo(dir: string): Promise<Repo | undefined> {
  // spawn reports a missing cwd as ENOENT, the same as a missing git: rule the folder out first.
  if (!existsSync(dir)) return undefined;
  const r = await runGit(['rev-parse', '--show-toplevel', '--absolute-git-dir', '--git-common-dir'], dir);
  if (r.code !== 0) return undefined;
  const [top, gitDir, common] = r.stdout.toString('utf8').trim().split('\n');
  if (!top || !gitDir || !common) return undefined;
  // A folder git ignores (scratch space such as .sandbox/) is not in the work tree: nothing there is "new since HEAD".
  if ((await runGit(['check-ignore', '-q', '--', dir], dir)).code === 0) return undefined;
  return { top, gitDir, commonDir: common.startsWith('/') || /^[A-Za-z]:/.test(common) ? common : join(dir, common) };
}

/**
 * The commit HEAD points at, read from the git dir: a sha, `null` for a branch with no commit
 * yet, undefined when the files cannot be read (then ask git).
 */
export function readHead(repo: Repo): string | null | undefined {
  let head: string;
  try {
    head = readFileSync(join(repo.gitDir, 'HEAD'), 'utf8').trim();
  } catch {
    return undefined;
  }
  if (/^[0-9a-f]{40,64}$/.test(head)) return head;
  const ref = /^ref:\s*(\S+)$/.exec(head)?.[1];
  if (!ref) return undefined;
  for (const dir of [repo.gitDir, repo.commonDir]) {
    try {
      const sha = readFileSync(join(dir, ref), 'utf8').trim();
      if (/^[0-9a-f]{40,64}$/.test(sha)) return sha;
    } catch {
      // Not a loose ref here: look in the other dir, then in packed-refs.
    }
  }
  try {
    for (const line of readFileSync(join(repo.commonDir, 'packed-refs'), 'utf8').split('\n')) {
      const [sha, name] = line.split(' ');
      if (name === ref && /^[0-9a-f]{40,64}$/.test(sha)) return sha;
    }
  } catch {
    // No packed-refs: the branch has no commit yet.
  }
  return null;
}

/** HEAD's commit by asking git (when readHead cannot tell): null when there is none. */
export async function resolveHead(repo: Repo): Promise<string | null> {
  const r = await runGit(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], repo.top);
  return r.code === 0 ? r.stdout.toString('utf8').trim() : null;
}

/** The contents of `paths` (relative to the top, `/`-separated) at `commit`; missing files are absent. */
export async function readAtCommit(repo: Repo, commit: string, paths: readonly string[]): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  if (paths.length === 0) return files;
  const r = await runGit(['cat-file', '--batch'], repo.top, paths.map((p) => `${commit}:${p}`).join('\n') + '\n');
  if (r.code !== 0) throw new Error(`git cat-file failed: ${r.stderr.trim()}`);
  const out = r.stdout;
  let pos = 0;
  for (const p of paths) {
    const nl = out.indexOf(10, pos);
    if (nl < 0) break;
    const header = out.subarray(pos, nl).toString('utf8');
    pos = nl + 1;
    if (header.endsWith(' missing') || header.endsWith(' ambiguous')) continue;
    const size = Number(header.split(' ')[2]);
    if (!Number.isFinite(size)) break;
    files.set(p, out.subarray(pos, pos + size).toString('utf8'));
    pos += size + 1;
  }
  return files;
}
