// The extension as it ships: `node esbuild.mjs --production`, then `vsce package` of exactly the
// files `vsce ls` lists (the repository's .vscodeignore decides), as the e2e harness packages it
// (test/e2e/support/vsix.ts). Unlike the harness, every step can be cancelled, and the package is
// kept in <data>/build/ and made again only when a source of the bundles changed.

import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** What the bundles and the package are made of. */
const INPUTS = [
  'package.json',
  'package-lock.json',
  'esbuild.mjs',
  '.vscodeignore',
  'README.md',
  'LICENSE',
  'CHANGELOG.md',
  'media',
  'extension/src',
  'server/src',
  'server/profiles',
  'server/package.json',
  'shared',
  'scripts/build-catalog.mjs',
];

function filesUnder(root: string, rel: string, out: string[]): void {
  const path = join(root, rel);
  if (!existsSync(path)) return;
  if (statSync(path).isDirectory()) {
    for (const entry of readdirSync(path).sort()) filesUnder(root, join(rel, entry), out);
  } else {
    out.push(rel);
  }
}

/** A hash of every input file's path and content. */
export function sourceFingerprint(repoRoot: string): string {
  const files: string[] = [];
  for (const input of INPUTS) filesUnder(repoRoot, input, files);
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(file).update('\0').update(readFileSync(join(repoRoot, file))).update('\0');
  }
  return hash.digest('hex');
}

async function exec(what: string, args: string[], cwd: string, signal: AbortSignal): Promise<string> {
  try {
    const { stdout } = await run(process.execPath, args, { cwd, maxBuffer: 64 * 1024 * 1024, timeout: 300_000, signal });
    return stdout;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${what} failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

export interface BuiltVsix {
  readonly path: string;
  /** False when the package from an earlier start was still current. */
  readonly built: boolean;
}

/** `<buildDir>/pennsieve-compute.vsix`, packaged again when the sources changed or `force`. */
export async function ensureExtensionVsix(repoRoot: string, buildDir: string, force: boolean, signal: AbortSignal): Promise<BuiltVsix> {
  const out = join(buildDir, 'pennsieve-compute.vsix');
  const stampFile = join(buildDir, 'pennsieve-compute.vsix.sources');
  const fingerprint = sourceFingerprint(repoRoot);
  if (!force && existsSync(out) && existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === fingerprint) {
    return { path: out, built: false };
  }
  mkdirSync(buildDir, { recursive: true });
  rmSync(stampFile, { force: true });
  await exec('node esbuild.mjs --production', ['esbuild.mjs', '--production'], repoRoot, signal);
  const vsce = join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
  const listing = await exec('vsce ls', [vsce, 'ls', '--no-dependencies'], repoRoot, signal);
  // Pack a private copy: a build rewriting dist/ meanwhile cannot break the package.
  const stage = join(buildDir, 'stage');
  rmSync(stage, { recursive: true, force: true });
  for (const file of listing.split('\n').map((l) => l.trim()).filter(Boolean)) {
    cpSync(join(repoRoot, file), join(stage, file));
  }
  if (existsSync(join(repoRoot, '.vscodeignore'))) cpSync(join(repoRoot, '.vscodeignore'), join(stage, '.vscodeignore'));
  const partial = join(buildDir, 'pennsieve-compute.partial.vsix');
  rmSync(partial, { force: true });
  await exec('vsce package', [vsce, 'package', '--no-dependencies', '--out', partial], stage, signal);
  if (!existsSync(partial)) throw new Error(`vsce package reported success but wrote no ${partial}`);
  renameSync(partial, out);
  rmSync(stage, { recursive: true, force: true });
  writeFileSync(stampFile, `${fingerprint}\n`);
  return { path: out, built: true };
}

/** For messages: the path relative to the repository when inside it. */
export function shortPath(repoRoot: string, path: string): string {
  const rel = relative(repoRoot, path);
  return rel && !rel.startsWith('..') ? rel : path;
}
