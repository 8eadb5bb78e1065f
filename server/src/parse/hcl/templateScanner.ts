// Lexing inside templates: quoted strings, heredocs and bare (`.tf.json`) templates. Literal text
// becomes `lit` tokens; `${`/`%{` switch to expression mode until the matching `}`.

import type { LexerState } from './lexerState';
import { FLAG_HEREDOC_LIT, FLAG_STRIP, TOP_LEVEL_KEYWORDS } from './tokens';

const DOLLAR = 36;
const PERCENT = 37;
const LBRACE = 123;
const BACKSLASH = 92;
const QUOTE = 34;
const NL = 10;
const CR = 13;

/** Emits `${`/`%{` (with an optional `~`) at `i` and enters expression mode. */
export function openInterp(st: LexerState, i: number, control: boolean): void {
  let e = i + 2;
  const strip = st.text.charCodeAt(e) === 126;
  if (strip) e++;
  st.emit(control ? 'control' : 'interp', i, e, strip ? FLAG_STRIP : 0);
  st.pos = e;
  st.push('interp', i);
}

/** `$${` / `%%{` escapes at `i`: returns 3 when present, else 0. */
function escapedIntro(text: string, i: number, c: number): number {
  return text.charCodeAt(i + 1) === c && text.charCodeAt(i + 2) === LBRACE ? 3 : 0;
}

/** Scans quoted-string text up to the closing quote, an interpolation, or the end of the line. */
export function scanQuoted(st: LexerState): void {
  const { text } = st;
  const start = st.pos;
  let i = start;
  while (i < st.end) {
    i = st.skip(st.re.quoted, i);
    if (i >= st.end) break;
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      if (i > start) st.emit('lit', start, i);
      st.emit('cquote', i, i + 1);
      st.pos = i + 1;
      st.pop();
      return;
    }
    if (c === BACKSLASH) {
      const n = text.charCodeAt(i + 1);
      i += i + 1 < st.end && n !== NL && n !== CR ? 2 : 1;
      continue;
    }
    if (c === NL || c === CR) break;
    if ((c === DOLLAR || c === PERCENT) && text.charCodeAt(i + 1) === LBRACE) {
      if (i > start) st.emit('lit', start, i);
      openInterp(st, i, c === PERCENT);
      return;
    }
    if (c === DOLLAR || c === PERCENT) {
      i += escapedIntro(text, i, c) || 1;
      continue;
    }
    i++;
  }
  if (i > start) st.emit('lit', start, i);
  st.problem('unterminated string: missing closing quote', st.modeStarts[st.modeStarts.length - 1], i);
  st.emit('cquote', i, i);
  st.pos = i;
  st.pop();
}

/** Scans one line (or the part up to an interpolation) of a heredoc body, or its closing marker. */
export function scanHeredoc(st: LexerState): void {
  const { text } = st;
  const h = st.heredocs[st.heredocs.length - 1];
  if (st.pos >= h.closeLine) {
    if (h.closeStart >= 0) {
      st.emit('cheredoc', h.closeStart, h.closeStart + h.delim.length);
      st.pos = h.closeStart + h.delim.length;
    } else {
      st.emit('cheredoc', h.closeLine, h.closeLine);
      st.pos = h.closeLine;
    }
    st.pop();
    return;
  }
  const start = st.pos;
  let i = start;
  while (i < h.closeLine) {
    i = st.skip(st.re.heredoc, i, h.closeLine);
    if (i >= h.closeLine) break;
    const c = text.charCodeAt(i);
    if (c === NL) {
      st.emit('lit', start, i + 1, FLAG_HEREDOC_LIT);
      st.pos = i + 1;
      return;
    }
    if ((c === DOLLAR || c === PERCENT) && text.charCodeAt(i + 1) === LBRACE) {
      if (i > start) st.emit('lit', start, i, FLAG_HEREDOC_LIT);
      openInterp(st, i, c === PERCENT);
      return;
    }
    i += c === DOLLAR || c === PERCENT ? escapedIntro(text, i, c) || 1 : 1;
  }
  if (i > start) st.emit('lit', start, i, FLAG_HEREDOC_LIT);
  st.pos = i;
}

/** Scans a bare template (the content of a `.tf.json` string); returns false once the range is done. */
export function scanBare(st: LexerState, litFlag: number): boolean {
  const { text } = st;
  const start = st.pos;
  let i = start;
  while (i < st.end) {
    i = st.skip(litFlag === FLAG_HEREDOC_LIT ? st.re.bare : st.re.bareJson, i);
    if (i >= st.end) break;
    const c = text.charCodeAt(i);
    if ((c === DOLLAR || c === PERCENT) && text.charCodeAt(i + 1) === LBRACE) {
      if (i > start) st.emit('lit', start, i, litFlag);
      openInterp(st, i, c === PERCENT);
      return true;
    }
    if (c === BACKSLASH && litFlag !== FLAG_HEREDOC_LIT) i += 2;
    else if (c === DOLLAR || c === PERCENT) i += escapedIntro(text, i, c) || 1;
    else i++;
  }
  if (i > start) st.emit('lit', start, Math.min(i, st.end), litFlag);
  st.pos = st.end;
  st.pop();
  return false;
}

/**
 * Finds where a heredoc that starts at `bodyStart` ends: the line holding only `delim` (spaces
 * allowed around it). When there is none, the heredoc is cut at the first later line that starts
 * a top-level block, so the blocks after an unfinished heredoc still parse.
 */
export function findHeredocEnd(text: string, bodyStart: number, end: number, delim: string) {
  let recovery = -1;
  let ls = bodyStart;
  while (ls < end) {
    let le = text.indexOf('\n', ls);
    if (le < 0 || le > end) le = end;
    let j = ls;
    while (j < le && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9)) j++;
    if (text.startsWith(delim, j)) {
      let k = j + delim.length;
      while (k < le && isSpace(text.charCodeAt(k))) k++;
      if (k === le) return { delim, closeLine: ls, closeStart: j };
    }
    if (recovery < 0 && j === ls && startsTopLevelBlock(text, ls, le)) recovery = ls;
    ls = le + 1;
  }
  return { delim, closeLine: recovery >= 0 ? recovery : end, closeStart: -1 };
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === CR;
}

/** Whether the line `[ls, le)` begins with a top-level block keyword followed by a label or `{`. */
function startsTopLevelBlock(text: string, ls: number, le: number): boolean {
  let k = ls;
  while (k < le) {
    const c = text.charCodeAt(k);
    if (!((c >= 97 && c <= 122) || c === 95)) break;
    k++;
  }
  if (k === ls || k >= le) return false;
  const next = text.charCodeAt(k);
  return (next === 32 || next === QUOTE || next === LBRACE) && TOP_LEVEL_KEYWORDS.has(text.slice(ls, k));
}
