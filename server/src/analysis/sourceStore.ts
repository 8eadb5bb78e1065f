// The files a check reads: open editor buffers win over the disk; closed files are read from
// disk and cached until their mtime or size changes (or a watched-file event says so).

import { readdirSync, type Stats, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { isTerraformPath } from '../engine/analyze';
import type { SourceFile } from '../model/source';
import { LIMITS } from '../parse/limits';
import { readInside } from '../util/readInside';
import { documentUriOf, moduleDirOf, unitKeyOf, type UnitKey } from './units';
import { pathToUri, uriToPath } from '../util/uris';

/** An open editor buffer (vscode-languageserver's TextDocument fits). */
export interface OpenBuffer {
  readonly uri: string;
  readonly version: number;
  getText(): string;
}

/** The open buffers (vscode-languageserver's TextDocuments fits). */
export interface OpenBuffers {
  get(uri: string): OpenBuffer | undefined;
  all(): readonly OpenBuffer[];
}

/** A unit's files as read now, and a stamp per file (uri + version or mtime) for caching. */
export interface UnitSources {
  readonly files: readonly SourceFile[];
  readonly signature: string;
}

interface DiskEntry {
  readonly mtimeMs: number;
  readonly size: number;
  readonly text: string;
}

/** The text of every file a check reads, and which unit a document belongs to. */
export class SourceStore {
  private readonly disk = new Map<string, DiskEntry>();
  private readonly listings = new Map<string, { readonly mtimeMs: number; readonly names: readonly string[] }>();
  private readonly uriByPath = new Map<string, string>();

  /**
   * @param rootOf the folder being checked that holds a directory (its workspace folder): closed
   *   files are read only when they really are inside it (default: the directory itself).
   */
  constructor(
    private readonly buffers: OpenBuffers,
    private readonly log?: (message: string) => void,
    readonly rootOf: (dir: string) => string = (dir) => dir,
  ) {}

  /** Records the editor's spelling of a file's URI (publish under that, not our own encoding). */
  remember(uri: string): void {
    const path = uriToPath(uri);
    if (path) this.uriByPath.set(path, uri);
  }

  /** The URI to use for a path: the editor's when known. */
  uriFor(path: string): string {
    return this.uriByPath.get(path) ?? pathToUri(path);
  }

  /** The unit of a document, or undefined when it is not a file we check. */
  unitOf(uri: string): UnitKey | undefined {
    const path = uriToPath(uri);
    return path ? unitKeyOf(path, uri) : undefined;
  }

  /** Forgets what was read from disk for `path` (and its directory listing). */
  invalidate(path: string): void {
    this.disk.delete(path);
    this.listings.delete(dirname(path));
  }

  /** Drops every disk cache. */
  clear(): void {
    this.disk.clear();
    this.listings.clear();
  }

  /** URIs of every open buffer. */
  openUris(): string[] {
    return this.buffers.all().map((b) => b.uri);
  }

  /** The open buffers that belong to `key`. */
  openBuffersOf(key: UnitKey): OpenBuffer[] {
    const uri = documentUriOf(key);
    if (uri) {
      const b = this.buffers.get(uri);
      return b ? [b] : [];
    }
    return this.buffers.all().filter((b) => this.unitOf(b.uri) === key);
  }

  /** The unit's files now: buffers for open files, disk for the rest. */
  read(key: UnitKey): UnitSources {
    const dir = moduleDirOf(key);
    const paths = dir ? this.modulePaths(dir) : [uriToPath(documentUriOf(key)!)!];
    const files: SourceFile[] = [];
    const stamps: string[] = [];
    for (const path of paths) {
      const uri = dir ? this.uriFor(path) : documentUriOf(key)!;
      const open = this.buffers.get(uri);
      if (open) {
        files.push({ id: uri, path, text: open.getText(), version: open.version });
        stamps.push(`${uri}@v${open.version}`);
        continue;
      }
      const entry = this.readDisk(path);
      if (!entry) continue;
      files.push({ id: uri, path, text: entry.text });
      stamps.push(`${uri}@m${entry.mtimeMs}:${entry.size}`);
    }
    return { files, signature: stamps.join('\n') };
  }

  /** Module files on disk plus open (possibly unsaved, new) buffers of the directory, sorted. */
  private modulePaths(dir: string): string[] {
    const paths = new Set(this.listModule(dir).map((n) => join(dir, n)));
    for (const b of this.buffers.all()) {
      const p = uriToPath(b.uri);
      if (p && dirname(p) === dir && isTerraformPath(p)) {
        paths.add(p);
        this.remember(b.uri);
      }
    }
    return [...paths].sort();
  }

  private listModule(dir: string): readonly string[] {
    let mtimeMs: number;
    let names: string[];
    try {
      mtimeMs = statSync(dir).mtimeMs;
      const cached = this.listings.get(dir);
      if (cached && cached.mtimeMs === mtimeMs) return cached.names;
      names = readdirSync(dir).filter((n) => isTerraformPath(n) && !basename(n).startsWith('.#'));
    } catch (err) {
      this.failed(dir, err);
      return [];
    }
    this.listings.set(dir, { mtimeMs, names });
    return names;
  }

  private readDisk(path: string): DiskEntry | undefined {
    let st: Stats;
    try {
      st = statSync(path);
    } catch (err) {
      this.disk.delete(path);
      this.failed(path, err);
      return undefined;
    }
    if (!st.isFile()) return undefined;
    const cached = this.disk.get(path);
    if (cached && cached.mtimeMs === st.mtimeMs && cached.size === st.size) return cached;
    // A larger file's start is enough for the engine to report its size.
    const r = readInside(path, { roots: [this.rootOf(dirname(path))], maxBytes: 4 * LIMITS.jsonChars, truncate: true });
    if (r.kind !== 'text') {
      this.disk.delete(path);
      if (r.reason !== 'it does not exist') this.log?.(`Not reading ${path}: ${r.reason}`);
      return undefined;
    }
    const entry = { mtimeMs: st.mtimeMs, size: st.size, text: r.text };
    this.disk.set(path, entry);
    return entry;
  }

  /** A file or folder that vanished is normal (deleted, renamed); anything else is logged. */
  private failed(path: string, err: unknown): void {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') this.log?.(`Cannot read ${path}: ${(err as Error).message}`);
  }
}
