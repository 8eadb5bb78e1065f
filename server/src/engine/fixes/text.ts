// Small text helpers shared by the fix builders: lines, indentation, quoting, file formats.

/** How a file is written, as far as edits care (`script`: TypeScript or JavaScript). */
export type FileFormat = 'hcl' | 'tfjson' | 'json' | 'yaml' | 'script';

/** The format of a file from its id (path or URI) and text. */
export function fileFormat(fileId: string, text: string): FileFormat {
  const name = fileId.replace(/[?#].*$/, '').toLowerCase();
  if (name.endsWith('.tf.json')) return 'tfjson';
  if (name.endsWith('.tf') || /\.tfvars$/.test(name)) return 'hcl';
  if (/\.[cm]?[jt]s$/.test(name)) return 'script';
  return /^\s*[{[]/.test(text) ? 'json' : 'yaml';
}

/** Offset of the start of the line holding `offset`. */
export function lineStart(text: string, offset: number): number {
  const nl = text.lastIndexOf('\n', offset - 1);
  return nl + 1;
}

/** Offset just past the end of the line holding `offset` (after its newline), or the text length. */
export function nextLineStart(text: string, offset: number): number {
  if (offset > 0 && text[offset - 1] === '\n') return offset;
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

/** The whitespace that starts the line holding `offset`. */
export function lineIndent(text: string, offset: number): string {
  const start = lineStart(text, offset);
  return /^[ \t]*/.exec(text.slice(start, start + 200))![0];
}

/** Column of `offset` counted in characters from its line start. */
export function columnOf(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}

/** True when only whitespace precedes `offset` on its line. */
export function startsLine(text: string, offset: number): boolean {
  return /^[ \t]*$/.test(text.slice(lineStart(text, offset), offset));
}

/** The file's indentation unit: a tab, or the smallest step by which indentation grows (default two spaces). */
export function indentUnit(text: string): string {
  let prev = -1;
  let min = Infinity;
  let n = 0;
  for (const line of text.split('\n')) {
    if (n++ > 2000) break;
    const m = /^([ \t]*)\S/.exec(line);
    if (!m) continue;
    if (m[1].startsWith('\t')) return '\t';
    const width = m[1].length;
    if (prev >= 0 && width > prev) min = Math.min(min, width - prev);
    prev = width;
  }
  return Number.isFinite(min) && min <= 8 ? ' '.repeat(min) : '  ';
}

/** The line ending the file uses. */
export function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** The range inside quotes when `[start, end)` is a quoted token, else the range itself. */
export function unquotedRange(text: string, start: number, end: number): { start: number; end: number } {
  const first = text[start];
  const last = text[end - 1];
  if (end - start >= 2 && (first === '"' || first === "'") && last === first) return { start: start + 1, end: end - 1 };
  return { start, end };
}
