// Applies a didChange notification's content changes to a buffer. TextDocument.update rebuilds
// the whole text once per change, so a merged burst (EditInbox: 2,000 one-character edits to a
// 2,000-line file) cost 2,000 copies of the file. Many changes are applied here to the text as an
// array of lines instead, and the text is joined once; the result is the same text
// TextDocument.update gives, position rules included (a character past the end of its line means
// the line's end, before its line break; a line past the end means the end of the text; a range
// given end first is turned round; \r\n, \r and \n all end a line).

import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, TextDocumentContentChangeEvent } from 'vscode-languageserver/node';

/** Below this many changes in one notification, TextDocument.update is as fast. */
const BATCH_MIN = 8;

/** `document` with `changes` applied in order, at `version` (TextDocuments' update hook). */
export function updateDocument(
  document: TextDocument,
  changes: readonly TextDocumentContentChangeEvent[],
  version: number,
): TextDocument {
  if (changes.length < BATCH_MIN || !changes.every(isPlain))
    return TextDocument.update(document, changes as TextDocumentContentChangeEvent[], version);
  const lines = splitLines(document.getText());
  for (const change of changes) {
    if ('range' in change) replace(lines, change.range.start, change.range.end, change.text);
    else spliceIn(lines, 0, lines.length, splitLines(change.text));
  }
  return TextDocument.create(document.uri, document.languageId, version, lines.join(''));
}

/** A change whose positions are whole numbers (anything else takes the library's path). */
function isPlain(change: TextDocumentContentChangeEvent): boolean {
  if (typeof change.text !== 'string') return false;
  if (!('range' in change)) return true;
  const { start, end } = change.range ?? {};
  return isPosition(start) && isPosition(end);
}

function isPosition(p: Position | undefined): boolean {
  return !!p && Number.isSafeInteger(p.line) && Number.isSafeInteger(p.character);
}

/** The text's lines, each with its line break; the last (possibly empty) has none. */
export function splitLines(text: string): string[] {
  const lines: string[] = [];
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    if (c === 10 || c === 13) {
      lines.push(text.slice(from, i + 1));
      from = i + 1;
    }
  }
  lines.push(text.slice(from));
  return lines;
}

/** A position as (line index, column) in `lines`, as TextDocument.offsetAt resolves it. */
function locate(lines: readonly string[], p: Position): [number, number] {
  if (p.line >= lines.length) return [lines.length - 1, lines[lines.length - 1].length];
  if (p.line < 0 || p.character <= 0) return [Math.max(0, p.line), 0];
  const line = lines[p.line];
  let col = Math.min(p.character, line.length);
  while (col > 0 && isBreak(line.charCodeAt(col - 1))) col--;
  return [p.line, col];
}

function isBreak(c: number): boolean {
  return c === 10 || c === 13;
}

/** Replaces the range by `text`; the lines around it are split again (a \r may meet a \n). */
function replace(lines: string[], a: Position, b: Position, text: string): void {
  const reversed = a.line > b.line || (a.line === b.line && a.character > b.character);
  const [sl, sc] = locate(lines, reversed ? b : a);
  const [el, ec] = locate(lines, reversed ? a : b);
  const first = Math.max(0, sl - 1);
  const last = Math.min(lines.length - 1, el + 1);
  const before = lines.slice(first, sl).join('') + lines[sl].slice(0, sc);
  const after = lines[el].slice(ec) + lines.slice(el + 1, last + 1).join('');
  const region = splitLines(before + text + after);
  // Unless the region reaches the end of the text, it ends with a line break: drop the empty tail.
  if (last < lines.length - 1) region.pop();
  spliceIn(lines, first, last - first + 1, region);
}

/** Array.splice without spreading `items` into arguments (a pasted text may have a million lines). */
function spliceIn(lines: string[], start: number, count: number, items: readonly string[]): void {
  if (items.length < 1000) {
    lines.splice(start, count, ...items);
    return;
  }
  const tail = lines.slice(start + count);
  lines.length = start;
  for (const line of items) lines.push(line);
  for (const line of tail) lines.push(line);
}
