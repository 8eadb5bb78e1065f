// Builds and packages .vsix files: the extension as it ships (for the tests, the bench and the
// demo) and test-only extensions, once per run.

import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from './paths';
import { removeOnExit } from './processes';

const run = promisify(execFile);

let runDir: string | undefined;
const built = new Map<string, Promise<string>>();

/** A temporary folder for this test run's packages, removed when the process exits. */
function getRunDir(): string {
  if (!runDir) {
    runDir = mkdtempSync(join(tmpdir(), 'pennsieve-e2e-vsix-'));
    removeOnExit(runDir);
  }
  return runDir;
}

/** Runs `node args` in `cwd`; returns its stdout, or throws with both of its outputs. */
async function runNode(what: string, args: string[], cwd: string, signal?: AbortSignal): Promise<string> {
  try {
    const { stdout } = await run(process.execPath, args, {
      cwd,
      maxBuffer: 64 * 1024 * 1024,
      timeout: 300_000,
      signal,
    });
    return stdout;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${what} failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`, { cause: error });
  }
}

const vsce = join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');

/** Runs `vsce package` in `dir` (offline: no dependency detection) and returns the .vsix path. */
export async function packageVsix(
  dir: string,
  out: string,
  extraArgs: string[] = [],
  signal?: AbortSignal,
): Promise<string> {
  const args = [vsce, 'package', '--no-dependencies', '--out', out, ...extraArgs];
  await runNode(`vsce package in ${dir}`, args, dir, signal);
  if (!existsSync(out)) throw new Error(`vsce package in ${dir} reported success but wrote no ${out}`);
  return out;
}

/** Where {@link packageExtension} works and writes. */
export interface PackageOptions {
  /** A folder it may empty and fill: the private copy of the files to pack. */
  readonly stage: string;
  /** The .vsix to write. */
  readonly out: string;
  readonly signal?: AbortSignal;
}

/**
 * The extension as it ships: `node esbuild.mjs --production`, then `vsce package` of a copy of
 * exactly the files `vsce ls` lists at the repository root (its `.vscodeignore` decides).
 * Shared by the tests, the bench (through {@link getExtensionVsix}) and the demo.
 */
export async function packageExtension(opts: PackageOptions): Promise<string> {
  await runNode('node esbuild.mjs --production', ['esbuild.mjs', '--production'], repoRoot, opts.signal);
  // vsce reads (and scans for secrets) every file it packs, for 10-40 s: pack a private copy of
  // exactly the files it lists, so that another build rewriting dist/ meanwhile cannot break it.
  const listing = await runNode('vsce ls', [vsce, 'ls', '--no-dependencies'], repoRoot, opts.signal);
  rmSync(opts.stage, { recursive: true, force: true });
  for (const file of listing
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)) {
    cpSync(join(repoRoot, file), join(opts.stage, file));
  }
  const ignoreFile = join(repoRoot, '.vscodeignore');
  if (existsSync(ignoreFile)) cpSync(ignoreFile, join(opts.stage, '.vscodeignore'));
  return packageVsix(opts.stage, opts.out, [], opts.signal);
}

/**
 * The extension packaged as it ships ({@link packageExtension}), once per run;
 * `PENNSIEVE_E2E_VSIX` names a prebuilt one instead.
 */
export function getExtensionVsix(): Promise<string> {
  if (process.env.PENNSIEVE_E2E_VSIX) return Promise.resolve(process.env.PENNSIEVE_E2E_VSIX);
  let vsix = built.get('extension');
  if (!vsix) {
    vsix = packageExtension({ stage: join(getRunDir(), 'stage'), out: join(getRunDir(), 'pennsieve-compute.vsix') });
    built.set('extension', vsix);
  }
  return vsix;
}

/**
 * The E2E Bridge (bridge-extension/ beside this file), packaged once per run: it lets
 * `Workbench.executeCommand` run a command by its id. Installed by every e2e suite and the bench.
 */
export function getBridgeVsix(): Promise<string> {
  return getFixtureVsix(join(__dirname, 'bridge-extension'));
}

/** Packages a test-only extension folder (no license, no repository needed), once per run. */
export function getFixtureVsix(dir: string): Promise<string> {
  let vsix = built.get(dir);
  if (!vsix) {
    const out = join(getRunDir(), `${basename(dir)}.vsix`);
    vsix = packageVsix(dir, out, ['--skip-license', '--allow-missing-repository']);
    built.set(dir, vsix);
  }
  return vsix;
}
