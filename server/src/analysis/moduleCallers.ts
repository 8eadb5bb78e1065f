// Which Terraform folders call a folder as a local module (`source = "./modules/role"`), so that a
// module's own file, open alone in the editor, can show the findings its callers' calls give it.
// An index of each workspace folder's `source` lines, built on first use (bounded walk: no hidden
// folders, no node_modules, no symbolic links) and kept per file as files change.

import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isTerraformPath, localModuleSources } from '../engine/analyze';
import { LIMITS } from '../parse/limits';
import { readInside } from '../util/readInside';

/** At most this many folders are walked per workspace folder; past it the index is partial. */
const MAX_DIRS = 5_000;

/** The module calls of every Terraform file under the workspace folders asked about. */
export class ModuleCallers {
  /** Per root: file path -> the folders it calls. */
  private readonly roots = new Map<string, Map<string, readonly string[]>>();

  /** `text(path)`: an open buffer's text, if the file is open (else the disk is read). */
  constructor(private readonly bufferText: (path: string) => string | undefined = () => undefined) {}

  /** The folders under `root` with a file that calls `dir` as a module. */
  callersOf(dir: string, root: string): string[] {
    const out = new Set<string>();
    for (const [file, targets] of this.indexOf(root)) if (targets.includes(dir)) out.add(dirname(file));
    out.delete(dir);
    return [...out].sort();
  }

  /**
   * The folders that call `dir` through any chain of module calls and are not called themselves
   * (the roots Terraform runs in), nearest first; empty when nothing calls `dir`.
   */
  rootCallersOf(dir: string, root: string): string[] {
    const seen = new Set([dir]);
    const tops: string[] = [];
    const queue = [dir];
    while (queue.length) {
      const d = queue.shift()!;
      const callers = this.callersOf(d, root).filter((c) => !seen.has(c));
      if (d !== dir && this.callersOf(d, root).length === 0) tops.push(d);
      for (const c of callers) {
        seen.add(c);
        queue.push(c);
      }
    }
    return tops;
  }

  /** A Terraform file changed, appeared or vanished: its calls are read again where indexed. */
  update(path: string): void {
    if (!isTerraformPath(path)) return;
    for (const [root, index] of this.roots) {
      if (!path.startsWith(root.endsWith('/') ? root : `${root}/`)) continue;
      const targets = this.read(path, root);
      if (targets) index.set(path, targets);
      else index.delete(path);
    }
  }

  private indexOf(root: string): Map<string, readonly string[]> {
    let index = this.roots.get(root);
    if (!index) this.roots.set(root, (index = this.walk(root)));
    return index;
  }

  private walk(root: string): Map<string, readonly string[]> {
    const index = new Map<string, readonly string[]>();
    const queue = [root];
    for (let n = 0; queue.length && n < MAX_DIRS; n++) {
      const dir = queue.shift()!;
      let entries;
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch {
        continue;
      }
      for (const e of entries) {
        const path = join(dir, e.name);
        if (e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules') queue.push(path);
        else if (e.isFile() && isTerraformPath(e.name)) {
          const targets = this.read(path, root);
          if (targets?.length) index.set(path, targets);
        }
      }
    }
    return index;
  }

  /** The local module folders a file calls (undefined when it cannot be read). */
  private read(path: string, root: string): readonly string[] | undefined {
    let text = this.bufferText(path);
    if (text === undefined) {
      if (!statSafe(path)) return undefined;
      const r = readInside(path, { roots: [root], maxBytes: LIMITS.fileChars });
      if (r.kind !== 'text') return undefined;
      text = r.text;
    }
    return localModuleSources(dirname(path), text);
  }
}

function statSafe(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
