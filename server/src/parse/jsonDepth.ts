// Bounds the nesting of JSON text before it is parsed: jsonc-parser and every walk over its tree
// recurse once per level. Each bracket nested past LIMITS.nesting is cut out together with its
// content, replaced by `0` and spaces of the same length (offsets and lines stay as they were).

import type { Loc } from '../model/loc';
import type { ParseProblem } from '../model/source';
import { LIMITS, limitProblem } from './limits';

/** The text to parse and the spans that were cut (offsets into the text). */
export interface CappedJson {
  readonly text: string;
  readonly cuts: readonly { readonly start: number; readonly end: number }[];
}

const OPEN_BRACKET = 91;
const OPEN_BRACE = 123;
const CLOSE_BRACKET = 93;
const CLOSE_BRACE = 125;
const QUOTE = 34;
const BACKSLASH = 92;
const SLASH = 47;

/** `text` with everything nested deeper than `limit` cut out; the text itself when nothing is. */
export function capJsonDepth(text: string, limit: number = LIMITS.nesting): CappedJson {
  const cuts: { start: number; end: number }[] = [];
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) i = skipString(text, i);
    else if (c === SLASH) i = skipComment(text, i);
    else if (c === OPEN_BRACKET || c === OPEN_BRACE) {
      if (depth < limit) depth++;
      else {
        const end = matchingEnd(text, i);
        cuts.push({ start: i, end });
        i = end - 1;
      }
    } else if ((c === CLOSE_BRACKET || c === CLOSE_BRACE) && depth > 0) depth--;
  }
  return { text: cuts.length ? blank(text, cuts) : text, cuts };
}

/** The PG801 problems for the cuts of `capped`, in `file` at offset `base`. */
export function depthProblems(capped: CappedJson, file: string, base = 0): ParseProblem[] {
  return capped.cuts.map((c) =>
    limitProblem(cutLoc(c, file, base), `JSON nested deeper than ${LIMITS.nesting} levels`),
  );
}

/** The Loc of the first character of a cut (where the limit was hit). */
export function cutLoc(c: { readonly start: number }, file: string, base = 0): Loc {
  return { file, start: base + c.start, end: base + c.start + 1 };
}

/** Index after the closing quote of the string starting at `i` (or the end of the text). */
function skipString(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === BACKSLASH) j++;
    else if (c === QUOTE) return j;
  }
  return text.length;
}

/** Index of the last character of a comment starting at `i`, or `i` when it is none. */
function skipComment(text: string, i: number): number {
  const next = text.charCodeAt(i + 1);
  if (next === SLASH) {
    const nl = text.indexOf('\n', i);
    return nl < 0 ? text.length : nl;
  }
  if (next === 42) {
    const close = text.indexOf('*/', i + 2);
    return close < 0 ? text.length : close + 1;
  }
  return i;
}

/** Index after the bracket matching the opener at `i` (or the end of the text when it is unclosed). */
function matchingEnd(text: string, i: number): number {
  let depth = 0;
  for (let j = i; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === QUOTE) j = skipString(text, j);
    else if (c === SLASH) j = skipComment(text, j);
    else if (c === OPEN_BRACKET || c === OPEN_BRACE) depth++;
    else if (c === CLOSE_BRACKET || c === CLOSE_BRACE) {
      depth--;
      if (depth === 0) return j + 1;
    }
  }
  return text.length;
}

/** Replaces each cut by `0` and spaces, keeping line breaks so line numbers stay. */
function blank(text: string, cuts: readonly { start: number; end: number }[]): string {
  let out = '';
  let from = 0;
  for (const c of cuts) {
    out += text.slice(from, c.start) + '0' + text.slice(c.start + 1, c.end).replace(/[^\r\n]/g, ' ');
    from = c.end;
  }
  return out + text.slice(from);
}
