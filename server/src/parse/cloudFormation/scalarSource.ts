// Where each character of a string value is written in the template: a YAML scalar (plain,
// quoted, literal `|` or folded `>` block) or a JSON string loses its quotes, escapes, indentation
// and line folds when decoded; this walks the decoded value along its source text to get back the
// offset of every character.

import type { Loc } from '../../model/loc';

/** Source spans of a decoded string's characters: character i is written at `[starts[i], ends[i])`. */
export interface CharSpans {
  readonly starts: Int32Array;
  readonly ends: Int32Array;
}

type Style = 'plain' | 'single' | 'double' | 'block';

/** YAML double-quoted (and JSON) single-character escapes. */
const ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  '\t': '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\x85',
  _: '\xa0',
  L: '\u2028',
  P: '\u2029',
};
const HEX_LENGTH: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

/**
 * The spans of `value`'s characters in `src`, for the scalar written at `loc`; undefined when a
 * character cannot be matched exactly (the caller then falls back to the whole scalar). Spaces
 * and line breaks that folding or indentation produced map to the nearest source position.
 */
export function charSpans(src: string, loc: Loc, value: string): CharSpans | undefined {
  const begin = contentStart(src, loc.start, loc.end);
  if (!begin) return undefined;
  const { style } = begin;
  let p = begin.at;
  const end = Math.min(loc.end, src.length);
  const starts = new Int32Array(value.length);
  const ends = new Int32Array(value.length);
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    for (;;) {
      const s = p < end ? src[p] : undefined;
      if (s === '\\' && style === 'double') {
        const u = escapeAt(src, p);
        if (!u) return undefined;
        if (u.text === '') {
          p += u.len;
          continue;
        }
        if (u.text !== value.slice(i, i + u.text.length)) return undefined;
        for (let k = 0; k < u.text.length; k++) [starts[i + k], ends[i + k]] = [p, p + u.len];
        i += u.text.length - 1;
        p += u.len;
        break;
      }
      if (s === "'" && style === 'single' && c === "'" && src[p + 1] === "'") {
        [starts[i], ends[i]] = [p, p + 2];
        p += 2;
        break;
      }
      if (s === c) {
        [starts[i], ends[i]] = [p, p + 1];
        p++;
        break;
      }
      if (s !== undefined && isSpace(s)) {
        p++;
        continue;
      }
      if (!isSpace(c)) return undefined;
      // A space or line break made by folding or chomping: no character of its own.
      [starts[i], ends[i]] = [p, p];
      break;
    }
  }
  return { starts, ends };
}

/** The style of the scalar at `start` and where its first character is written. */
function contentStart(src: string, start: number, end: number): { style: Style; at: number } | undefined {
  let p = start;
  // Node properties (`!Sub`, `&anchor`) before the scalar itself.
  while (p < end && (src[p] === '!' || src[p] === '&')) {
    while (p < end && !isSpace(src[p])) p++;
    while (p < end && isSpace(src[p])) p++;
  }
  const c = src[p];
  if (c === '"') return { style: 'double', at: p + 1 };
  if (c === "'") return { style: 'single', at: p + 1 };
  if (c === '|' || c === '>') {
    const nl = src.indexOf('\n', p);
    return nl < 0 ? undefined : { style: 'block', at: nl + 1 };
  }
  return p < end ? { style: 'plain', at: p } : undefined;
}

/** The escape at `p` (a backslash): its decoded text ('' for an escaped line break) and length. */
function escapeAt(src: string, p: number): { text: string; len: number } | undefined {
  const e = src[p + 1];
  if (e === undefined) return undefined;
  if (e === '\n') return { text: '', len: 2 };
  if (e === '\r') return { text: '', len: src[p + 2] === '\n' ? 3 : 2 };
  const single = ESCAPES[e];
  if (single !== undefined) return { text: single, len: 2 };
  const n = HEX_LENGTH[e];
  if (!n) return undefined;
  const hex = src.slice(p + 2, p + 2 + n);
  if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== n) return undefined;
  return { text: String.fromCodePoint(parseInt(hex, 16)), len: 2 + n };
}

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}
