// Where a `module` block's code is: a local path (`./modules/role`, `../shared`) or a module
// `terraform init` installed under `.terraform/modules` (listed in its modules.json). Only
// folders inside the checked folder are read; anything else is "not followed", with the reason.

import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import type { SourceFile } from '../../model/source';
import { isWithin, readInside } from '../../util/readInside';
import { LIMITS } from '../limits';

/** The files of a module folder, or why it is not read. */
export type ModuleSource =
  | { readonly kind: 'files'; readonly dir: string; readonly files: readonly SourceFile[] }
  | { readonly kind: 'unfollowed'; readonly reason: string };

/** How module folders are found and read for one check. */
export interface ModuleSourceOptions {
  /** The root module's directory (where `.terraform/modules/modules.json` lives). */
  readonly rootDir: string;
  /** The folders being checked: a module outside them is not read. */
  readonly roots: readonly string[];
  /** The files of a folder as the check sees them (editor buffers applied), when it knows them. */
  readonly known?: (dir: string) => readonly SourceFile[] | undefined;
  /** The id of a file read from disk (a path in the CLI, a URI in the server). */
  readonly fileId?: (path: string) => string;
}

/** Resolves a module call's `source` (called from `callerDir`, with key `a.b` in modules.json). */
export type ModuleResolver = (callerDir: string, source: string, key: string) => ModuleSource;

/** Module files read at most per folder (a real module has a handful). */
const MAX_FILES = 200;

/** A resolver for one root module; modules.json is read once. */
export function moduleResolver(opts: ModuleSourceOptions): ModuleResolver {
  let installed: ReadonlyMap<string, string> | string | undefined;
  return (callerDir, source, key) => {
    if (/^\.\.?([\\/]|$)/.test(source)) return readModuleDir(nodePath.resolve(callerDir, source), opts);
    installed ??= readModulesJson(opts);
    if (typeof installed === 'string') return { kind: 'unfollowed', reason: `${installed}; run \`terraform init\`` };
    const dir = installed.get(key);
    if (!dir)
      return {
        kind: 'unfollowed',
        reason: `"${source}" is not installed under .terraform/modules (modules.json has no "${key}"); run \`terraform init\``,
      };
    return readModuleDir(nodePath.resolve(opts.rootDir, dir), opts);
  };
}

/** modules.json: Key -> Dir, or why it cannot be read. */
function readModulesJson(opts: ModuleSourceOptions): ReadonlyMap<string, string> | string {
  const file = nodePath.join(opts.rootDir, '.terraform', 'modules', 'modules.json');
  const r = readInside(file, { roots: opts.roots, maxBytes: LIMITS.jsonChars });
  if (r.kind === 'missing') return 'it is not installed (there is no .terraform/modules/modules.json)';
  if (r.kind !== 'text') return `.terraform/modules/modules.json cannot be read (${r.reason})`;
  try {
    const json = JSON.parse(r.text.replace(/^\uFEFF/, '')) as { Modules?: { Key?: unknown; Dir?: unknown }[] };
    const out = new Map<string, string>();
    for (const m of Array.isArray(json.Modules) ? json.Modules : []) {
      if (typeof m.Key === 'string' && typeof m.Dir === 'string') out.set(m.Key, m.Dir);
    }
    return out;
  } catch {
    return '.terraform/modules/modules.json is not valid JSON';
  }
}

function readModuleDir(dir: string, opts: ModuleSourceOptions): ModuleSource {
  const known = opts.known?.(dir);
  if (known) return { kind: 'files', dir, files: known.filter((f) => /\.tf(\.json)?$/i.test(f.path)) };
  let real: string;
  try {
    real = fs.realpathSync(dir);
  } catch {
    return { kind: 'unfollowed', reason: 'its folder does not exist' };
  }
  const inside = opts.roots.some((r) => {
    try {
      return isWithin(real, fs.realpathSync(r));
    } catch {
      return false;
    }
  });
  if (!inside) return { kind: 'unfollowed', reason: 'its folder is outside the checked folder' };
  return readTfFiles(dir, opts);
}

/**
 * Every `.tf`/`.tf.json` file of the folder, or "not followed" when one of them cannot be read
 * (too large, refused, a FIFO...) or there are too many: a module checked without some of its
 * files could pass silently.
 */
function readTfFiles(dir: string, opts: ModuleSourceOptions): ModuleSource {
  let names: string[];
  try {
    names = fs
      .readdirSync(dir)
      .filter((n) => /\.tf(\.json)?$/i.test(n))
      .sort();
  } catch {
    return { kind: 'unfollowed', reason: 'its folder cannot be listed' };
  }
  if (names.length > MAX_FILES)
    return { kind: 'unfollowed', reason: `its folder has ${names.length} Terraform files (limit ${MAX_FILES})` };
  const files: SourceFile[] = [];
  for (const name of names) {
    const path = nodePath.join(dir, name);
    const r = readInside(path, { roots: opts.roots, maxBytes: LIMITS.fileChars });
    if (r.kind !== 'text')
      return {
        kind: 'unfollowed',
        reason: `its file ${name} cannot be read (${r.reason})`,
      };
    files.push({ id: opts.fileId ? opts.fileId(path) : path, path, text: r.text });
  }
  return { kind: 'files', dir, files };
}
