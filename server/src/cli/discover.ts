// Finds the files to check under the given paths, and the sibling files a Terraform module needs.

import { readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { isCheckablePath, isTerraformPath } from '../engine/analyze';
import { GuardError } from '../engine/guardError';

const SKIP_DIRS = new Set(['node_modules', '.git', '.terraform']);

export interface Discovery {
  /** Files whose findings are reported (absolute paths). */
  readonly targets: ReadonlySet<string>;
  /** Every file to read: targets plus Terraform siblings needed to resolve a module. */
  readonly files: readonly string[];
  /** The folders being checked (a folder argument, or a file argument's folder): nothing outside them is read. */
  readonly roots: readonly string[];
}

/** Walks `paths` (relative to `cwd`); a missing path is a usage error. */
export function discoverFiles(paths: readonly string[], cwd: string): Discovery {
  const targets = new Set<string>();
  const roots: string[] = [];
  for (const p of paths) {
    const abs = resolve(cwd, p);
    let st;
    try {
      st = statSync(abs);
    } catch {
      throw new GuardError(`No such file or folder: ${p}`, 'usage');
    }
    roots.push(st.isDirectory() ? abs : dirname(abs));
    if (st.isDirectory()) walk(abs, targets);
    else if (isCheckablePath(abs)) targets.add(abs);
    else
      throw new GuardError(
        `Not a file pennsieve-guard reads (.tf, .tf.json, .tfvars, .json, .yaml, .yml, .template, Pulumi .ts/.js): ${p}`,
        'usage',
      );
  }
  const files = new Set(targets);
  const dirs = new Set<string>();
  for (const t of targets) if (isTerraformPath(t)) dirs.add(dirname(t));
  // Each folder listed once (not once per file in it).
  for (const dir of dirs) for (const sib of listDir(dir)) if (isTerraformPath(sib)) files.add(sib);
  return { targets, files: [...files].sort(), roots };
}

function walk(dir: string, out: Set<string>): void {
  for (const entry of safeReaddir(dir)) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) walk(full, out);
    } else if (entry.isFile() && isCheckablePath(full)) out.add(full);
  }
}

function safeReaddir(dir: string) {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

function listDir(dir: string): string[] {
  return safeReaddir(dir)
    .filter((e) => e.isFile())
    .map((e) => join(dir, e.name));
}
