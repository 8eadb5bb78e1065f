// Bounds the nesting of YAML text before the `yaml` library reads it: its parser and composer
// recurse once per level and, past a few hundred levels, overflow the stack (caught inside the
// library at a point that depends on the stack left, so findings changed from run to run) or, for
// deep flow collections, exhaust memory. A scanner that follows YAML's structure (indentation and
// indicators in block context, brackets in flow context, quoted and block scalars, comments)
// estimates each line's nesting, never by less than half; what is nested past LIMITS.nesting is
// blanked out (spaces, line breaks kept, so offsets and lines stay) and reported.

import type { ParseProblem } from '../../model/source';
import { LIMITS, limitProblem } from '../limits';

/** The text to give the library and a PG801 problem per cut. */
export interface CappedYaml {
  readonly text: string;
  readonly problems: readonly ParseProblem[];
}

interface Cut {
  readonly start: number;
  readonly end: number;
}

/** `text` with everything nested past LIMITS.nesting blanked out. */
export function capYamlDepth(text: string, file: string): CappedYaml {
  const cuts = new YamlDepthScanner(text, LIMITS.nesting).scan();
  if (cuts.length === 0) return { text, problems: [] };
  const problems = cuts.map((c) =>
    limitProblem({ file, start: c.start, end: c.start + 1 }, `YAML nested deeper than ${LIMITS.nesting} levels`),
  );
  return { text: blank(text, cuts), problems };
}

const NL = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;

function isBlank(c: number): boolean {
  return c === SPACE || c === TAB || c === NL || c === CR || Number.isNaN(c);
}

/** One pass over the text; see the file comment. */
class YamlDepthScanner {
  private readonly cuts: Cut[] = [];
  /** Columns of the open block nodes (each nested node adds one). */
  private readonly blockCols: number[] = [];
  private i = 0;

  constructor(
    private readonly text: string,
    private readonly limit: number,
  ) {}

  scan(): Cut[] {
    while (this.i < this.text.length) this.line();
    return this.cuts;
  }

  /** One line in block context, starting at `this.i` (a line start). */
  private line(): void {
    const { text } = this;
    const start = this.i;
    let p = start;
    while (text.charCodeAt(p) === SPACE) p++;
    const c = text.charCodeAt(p);
    if (c === NL || c === CR || c === 35 || p >= text.length) return this.skipLine(p);
    const indent = p - start;
    while (this.blockCols.length && this.blockCols[this.blockCols.length - 1] >= indent) this.blockCols.pop();
    this.blockCols.push(indent);
    // Compact nesting on one line: `- - x`, `- key: v`, `? key`.
    while (
      (text.charCodeAt(p) === 45 || text.charCodeAt(p) === 63) &&
      isBlank(text.charCodeAt(p + 1)) &&
      text.charCodeAt(p + 1) !== NL
    ) {
      p += 2;
      while (text.charCodeAt(p) === SPACE) p++;
      this.blockCols.push(p - start);
    }
    if (this.blockCols.length > this.limit) return this.cutBlock(start, indent);
    this.rest(p, start);
  }

  /** The rest of a line after its indentation and indicators: values, flow collections, block scalars. */
  private rest(from: number, lineStart: number): void {
    const { text } = this;
    let p = from;
    let atNode = true;
    while (p < text.length) {
      const c = text.charCodeAt(p);
      if (c === NL) break;
      if (c === 35 && (p === from || isBlank(text.charCodeAt(p - 1)))) return this.skipLine(p);
      if (atNode && (c === 33 || c === 38)) {
        p = this.skipProperty(p);
        continue;
      }
      if (atNode && (c === 34 || c === 39)) p = this.skipQuoted(p);
      else if (atNode && (c === 91 || c === 123)) p = this.flow(p);
      else if (atNode && (c === 124 || c === 62)) return this.skipBlockScalar(p, lineStart);
      else if (c === 58 && isBlank(text.charCodeAt(p + 1))) {
        atNode = true;
        p++;
        continue;
      }
      if (c !== SPACE && c !== TAB) atNode = c === 45 && isBlank(text.charCodeAt(p + 1));
      p++;
    }
    this.i = p + 1;
  }

  /** A flow collection from its opener at `p`; returns the index of its closer (or the end). */
  private flow(p: number): number {
    const { text } = this;
    const base = this.blockCols.length;
    let depth = 0;
    let atNode = true;
    for (; p < text.length; p++) {
      const c = text.charCodeAt(p);
      if (atNode && (c === 33 || c === 38)) p = this.skipProperty(p) - 1;
      else if (atNode && (c === 34 || c === 39)) {
        p = this.skipQuoted(p);
        atNode = false;
      } else if (c === 35 && isBlank(text.charCodeAt(p - 1))) {
        while (p < text.length && text.charCodeAt(p) !== NL) p++;
      } else if (c === 91 || c === 123) {
        if (base + depth + 1 > this.limit) {
          const end = this.matchingEnd(p);
          this.cuts.push({ start: p, end });
          p = end - 1;
          atNode = false;
          continue;
        }
        depth++;
        atNode = true;
      } else if (c === 93 || c === 125) {
        depth--;
        if (depth === 0) return p;
        atNode = false;
      } else if (c === 44 || c === 58) atNode = true;
      else if (!isBlank(c)) atNode = false;
    }
    return p;
  }

  /** Index after the bracket matching the opener at `p` (quoted scalars skipped), or the end. */
  private matchingEnd(p: number): number {
    const { text } = this;
    let depth = 0;
    let atNode = true;
    for (; p < text.length; p++) {
      const c = text.charCodeAt(p);
      if (atNode && (c === 34 || c === 39)) p = this.skipQuoted(p);
      else if (c === 91 || c === 123) depth++;
      else if (c === 93 || c === 125) {
        if (--depth === 0) return p + 1;
      }
      atNode = c === 91 || c === 123 || c === 44 || c === 58 || isBlank(c);
    }
    return text.length;
  }

  /** A tag (`!Sub`) or anchor (`&a`) before a node: index after it and the blanks that follow. */
  private skipProperty(p: number): number {
    const { text } = this;
    let j = p;
    while (j < text.length && !isBlank(text.charCodeAt(j)) && text.charCodeAt(j) !== 44) j++;
    while (text.charCodeAt(j) === SPACE || text.charCodeAt(j) === TAB) j++;
    return j;
  }

  /** Index of the closing quote of the quoted scalar at `p` (it may span lines), or the end. */
  private skipQuoted(p: number): number {
    const { text } = this;
    const q = text.charCodeAt(p);
    for (let j = p + 1; j < text.length; j++) {
      const c = text.charCodeAt(j);
      if (q === 34 && c === 92) j++;
      else if (c === q) {
        if (q === 39 && text.charCodeAt(j + 1) === 39) j++;
        else return j;
      }
    }
    return text.length;
  }

  /** A block scalar (`|`, `>`): its content is the following lines indented more than this line. */
  private skipBlockScalar(p: number, lineStart: number): void {
    const indent = this.indentAt(lineStart);
    this.skipLine(p);
    while (this.i < this.text.length) {
      const next = this.indentAt(this.i);
      const c = this.text.charCodeAt(this.i + next);
      if (c !== NL && c !== CR && this.i + next < this.text.length && next <= indent) return;
      this.skipLine(this.i);
    }
  }

  /** Blanks this line and every following line indented at least as much (the nodes past the limit). */
  private cutBlock(start: number, indent: number): void {
    this.skipLine(start);
    while (this.i < this.text.length) {
      const next = this.indentAt(this.i);
      const c = this.text.charCodeAt(this.i + next);
      if (c !== NL && c !== CR && c !== 35 && this.i + next < this.text.length && next < indent) break;
      this.skipLine(this.i);
    }
    this.cuts.push({ start: start + indent, end: this.i });
  }

  private indentAt(lineStart: number): number {
    let p = lineStart;
    while (this.text.charCodeAt(p) === SPACE) p++;
    return p - lineStart;
  }

  private skipLine(p: number): void {
    const nl = this.text.indexOf('\n', p);
    this.i = nl < 0 ? this.text.length : nl + 1;
  }
}

/** Spaces over every cut (line breaks kept). */
function blank(text: string, cuts: readonly Cut[]): string {
  let out = '';
  let from = 0;
  for (const c of [...cuts].sort((a, b) => a.start - b.start)) {
    if (c.start < from) continue;
    out += text.slice(from, c.start) + text.slice(c.start, c.end).replace(/[^\r\n]/g, ' ');
    from = c.end;
  }
  return out + text.slice(from);
}
