// The extension as it ships, packaged by the harness (scripts/harness/vsix.ts) as the tests
// package it; here every step can be cancelled, and the package is kept in <data>/build/ and
// made again only when a source of the bundles changed.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { packageExtension } from '../harness/vsix';

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
    hash
      .update(file)
      .update('\0')
      .update(readFileSync(join(repoRoot, file)))
      .update('\0');
  }
  return hash.digest('hex');
}

export interface BuiltVsix {
  readonly path: string;
  /** False when the package from an earlier start was still current. */
  readonly built: boolean;
}

/** `<buildDir>/pennsieve-compute.vsix`, packaged again when the sources changed or `force`. */
export async function ensureExtensionVsix(
  repoRoot: string,
  buildDir: string,
  force: boolean,
  signal: AbortSignal,
): Promise<BuiltVsix> {
  const out = join(buildDir, 'pennsieve-compute.vsix');
  const stampFile = join(buildDir, 'pennsieve-compute.vsix.sources');
  const fingerprint = sourceFingerprint(repoRoot);
  if (!force && existsSync(out) && existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === fingerprint) {
    return { path: out, built: false };
  }
  mkdirSync(buildDir, { recursive: true });
  rmSync(stampFile, { force: true });
  const stage = join(buildDir, 'stage');
  const partial = join(buildDir, 'pennsieve-compute.partial.vsix');
  rmSync(partial, { force: true });
  await packageExtension({ stage, out: partial, signal });
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
