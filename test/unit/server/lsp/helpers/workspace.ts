// Test workspaces: files in a temporary folder (optionally a git repository) and editor buffers
// as vscode-languageserver-textdocument TextDocuments.

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { OpenBuffers } from '../../../../../server/src/analysis/sourceStore';
import { pathToUri } from '../../../../../server/src/util/uris';

export class TempWorkspace {
  readonly dir: string;

  constructor(files: Readonly<Record<string, string>> = {}) {
    this.dir = mkdtempSync(join(tmpdir(), 'pg-lsp-'));
    for (const [rel, text] of Object.entries(files)) this.write(rel, text);
  }

  path(rel: string): string {
    return join(this.dir, rel);
  }

  uri(rel: string): string {
    return pathToUri(this.path(rel));
  }

  write(rel: string, text: string): void {
    mkdirSync(dirname(this.path(rel)), { recursive: true });
    writeFileSync(this.path(rel), text);
  }

  remove(rel: string): void {
    rmSync(this.path(rel), { force: true });
  }

  /** Runs git in the workspace (a repository after `git('init')`). */
  git(...args: string[]): string {
    return execFileSync(
      'git',
      ['-c', 'user.email=t@example.com', '-c', 'user.name=t', '-c', 'commit.gpgsign=false', ...args],
      { cwd: this.dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Editor buffers: open, edit (whole text), close. */
export class FakeBuffers implements OpenBuffers {
  private readonly docs = new Map<string, TextDocument>();

  open(uri: string, text: string): TextDocument {
    const doc = TextDocument.create(uri, languageOf(uri), 1, text);
    this.docs.set(uri, doc);
    return doc;
  }

  edit(uri: string, text: string): TextDocument {
    const old = this.docs.get(uri);
    if (!old) throw new Error(`not open: ${uri}`);
    const doc = TextDocument.update(old, [{ text }], old.version + 1);
    this.docs.set(uri, doc);
    return doc;
  }

  close(uri: string): void {
    this.docs.delete(uri);
  }

  get(uri: string): TextDocument | undefined {
    return this.docs.get(uri);
  }

  all(): TextDocument[] {
    return [...this.docs.values()];
  }
}

function languageOf(uri: string): string {
  if (/\.tf$/.test(uri)) return 'terraform';
  if (/\.ya?ml$/.test(uri)) return 'yaml';
  return 'json';
}

/** Applies offset edits (any order, non-overlapping) to a text. */
export function applyEdits(text: string, edits: readonly { start: number; end: number; newText: string }[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start))
    out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/** Splits a fixture at its `|` caret: the text without it and the caret's offset. */
export function caret(fixture: string): { text: string; offset: number } {
  const offset = fixture.indexOf('|');
  if (offset < 0) throw new Error('fixture has no | caret');
  return { text: fixture.slice(0, offset) + fixture.slice(offset + 1), offset };
}
