// A fresh clone of this repository's HEAD in a temporary folder, and `npm ci` in it: what a
// newcomer has after following the README's first line.

import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../../scripts/harness/paths';
import { removeOnExit } from '../../scripts/harness/processes';

const run = promisify(execFile);

/** The result of a command: its exit code and both outputs (a non-zero exit is not an error). */
export interface Outcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `file args` in `cwd` and returns its outcome, whatever its exit code. */
export async function runIn(
  cwd: string,
  file: string,
  args: readonly string[],
  timeoutMs = 120_000,
  env?: NodeJS.ProcessEnv,
): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run(file, [...args], {
      cwd,
      env,
      timeout: timeoutMs,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number | string; stdout?: string; stderr?: string; message: string };
    if (typeof e.code !== 'number')
      throw new Error(`${file} ${args.join(' ')} in ${cwd} failed: ${e.message}\n${e.stderr ?? ''}`, { cause: error });
    return { code: e.code, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/** Runs `file args` in `cwd` and returns its stdout; throws with its output unless it exits 0. */
export async function mustRun(cwd: string, file: string, args: readonly string[], timeoutMs?: number): Promise<string> {
  const outcome = await runIn(cwd, file, args, timeoutMs);
  if (outcome.code !== 0)
    throw new Error(`${file} ${args.join(' ')} exited with ${outcome.code}:\n${outcome.stdout}${outcome.stderr}`);
  return outcome.stdout;
}

/** A clone of HEAD (committed files only, as a newcomer gets them). */
export interface FreshClone {
  readonly dir: string;
  readonly commit: string;
  /** Set when the clone had no `origin/main` and the test made it point at HEAD. */
  readonly madeOriginMain: boolean;
  remove(): void;
}

/** `git clone` of this repository into a temporary folder, checked out at this HEAD. */
export async function cloneHead(): Promise<FreshClone> {
  const parent = mkdtempSync(join(tmpdir(), 'pennsieve-quickstart-'));
  removeOnExit(parent);
  const dir = join(parent, 'pennsieve-compute-vscode');
  const commit = (await mustRun(repoRoot, 'git', ['rev-parse', 'HEAD'])).trim();
  await mustRun(parent, 'git', ['clone', '--quiet', '--no-checkout', repoRoot, dir]);
  await mustRun(dir, 'git', ['checkout', '--quiet', '--detach', commit]);
  // `--baseline origin/main` needs the branch a clone from GitHub has; a CI checkout of a
  // detached commit may lack it: then it is HEAD (nothing on this branch is new).
  const hasMain =
    (await runIn(dir, 'git', ['rev-parse', '--verify', '--quiet', 'refs/remotes/origin/main'])).code === 0;
  if (!hasMain) await mustRun(dir, 'git', ['update-ref', 'refs/remotes/origin/main', commit]);
  return { dir, commit, madeOriginMain: !hasMain, remove: () => rmSync(parent, { recursive: true, force: true }) };
}

/** Writes `text` to `rel` inside `dir`, creating folders. */
export function writeFileIn(dir: string, rel: string, text: string): void {
  mkdirSync(dirname(join(dir, rel)), { recursive: true });
  writeFileSync(join(dir, rel), text);
}
