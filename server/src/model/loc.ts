// Source locations: offsets into one file's text, converted to lines and columns only at the edges.

/** A span of source text: `start` and `end` are UTF-16 offsets into the text of `file`. */
export interface Loc {
  /** The file's id: an absolute path in the CLI, a document URI in the language server. */
  readonly file: string;
  readonly start: number;
  readonly end: number;
}

/** A 0-based line and UTF-16 column, the same convention as LSP. */
export interface LineCol {
  readonly line: number;
  readonly character: number;
}

/** Maps offsets to 0-based lines/columns and back for one text. Build once per text version. */
export class LineIndex {
  private readonly starts: number[];

  constructor(private readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** The 0-based line and column of `offset` (clamped into the text). */
  positionAt(offset: number): LineCol {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo] };
  }

  /** The offset of a 0-based line and column (clamped into the line). */
  offsetAt(pos: LineCol): number {
    if (pos.line >= this.starts.length) return this.text.length;
    if (pos.line < 0) return 0;
    const lineStart = this.starts[pos.line];
    const next = pos.line + 1 < this.starts.length ? this.starts[pos.line + 1] : this.text.length;
    return Math.max(lineStart, Math.min(lineStart + pos.character, next));
  }
}

/** A Loc covering `a` through `b` (same file). */
export function spanLoc(a: Loc, b: Loc): Loc {
  return { file: a.file, start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}
