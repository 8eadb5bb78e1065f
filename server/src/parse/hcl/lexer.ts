// HCL lexer: text -> TokenList in one pass with charCodeAt (no per-character strings). Expression
// mode lives here; template text is scanned by templateScanner.ts.

import type { HclProblem } from './ast';
import { LexerState } from './lexerState';
import { isIdentPart, isIdentStart } from './identChars';
import { punct } from './punctuation';
import { scanBare, scanHeredoc, scanQuoted } from './templateScanner';
import type { TokenList } from './tokens';

/** Tokens (always ending with `eof`) and lexical problems. */
export interface LexResult {
  readonly tokens: TokenList;
  readonly problems: readonly HclProblem[];
}

/** Lexes `text[start, end)` as HCL body text; offsets stay absolute in `text`. */
export function lexHclRange(text: string, start: number, end: number): LexResult {
  const st = new LexerState(text, start, end);
  for (;;) {
    const m = st.top;
    if (m === 'quoted') scanQuoted(st);
    else if (m === 'heredoc') scanHeredoc(st);
    else if (!scanExpr(st)) break;
  }
  return { tokens: st.tokens, problems: st.problems };
}

/** Lexes `text[start, end)` as a bare template (a `.tf.json` string); `litFlag` picks the escape rules. */
export function lexTemplateRange(text: string, start: number, end: number, litFlag: number): LexResult {
  const st = new LexerState(text, start, end);
  st.push('bare', start);
  for (;;) {
    const m = st.top;
    if (m === 'bare') {
      if (!scanBare(st, litFlag)) {
        st.emit('eof', end, end);
        break;
      }
    } else if (m === 'quoted') scanQuoted(st);
    else if (m === 'heredoc') scanHeredoc(st);
    else if (!scanExpr(st)) break;
  }
  return { tokens: st.tokens, problems: st.problems };
}

/** Lexes one expression-mode token; returns false after emitting `eof`. */
function scanExpr(st: LexerState): boolean {
  skipBlank(st);
  if (st.guard >= 0 && st.pos >= st.guard) {
    const h = st.lastIndexOf('heredoc');
    st.problem('unterminated interpolation: missing }', st.modeStarts[h + 1], st.pos);
    st.unwindTo(h + 1);
    return true;
  }
  if (st.pos >= st.end) return finish(st);
  const c = st.text.charCodeAt(st.pos);
  if (c === 10) return newline(st);
  if (c === 34) {
    st.emit('oquote', st.pos, st.pos + 1);
    st.push('quoted', st.pos);
    st.pos++;
    return true;
  }
  if (c >= 48 && c <= 57) return number(st);
  if (isIdentStart(c, st.text, st.pos)) return ident(st);
  return punct(st, c);
}

/** Skips spaces, tabs, carriage returns and comments (a line comment stops before its newline). */
function skipBlank(st: LexerState): void {
  const { text, end } = st;
  let i = st.pos;
  while (i < end) {
    let c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 13) {
      i = st.skip(st.re.blank, i);
      c = text.charCodeAt(i);
    }
    if (c === 35 || (c === 47 && text.charCodeAt(i + 1) === 47)) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 || nl > end ? end : nl;
    } else if (c === 47 && text.charCodeAt(i + 1) === 42) {
      const close = text.indexOf('*/', i + 2);
      if (close < 0 || close + 2 > end) {
        st.problem('unterminated comment: missing */', i, i + 2);
        i = end;
      } else i = close + 2;
    } else break;
  }
  st.pos = i;
}

function finish(st: LexerState): boolean {
  for (let k = st.modes.length - 1; k >= 0; k--) {
    const m = st.modes[k];
    if (m === 'quoted') st.problem('unterminated string: missing closing quote', st.modeStarts[k], st.end);
    else if (m === 'interp')
      st.problem('unterminated interpolation: missing }', st.modeStarts[k], st.modeStarts[k] + 2);
    else continue;
    break;
  }
  st.unwindTo(0);
  st.emit('eof', st.end, st.end);
  return false;
}

function newline(st: LexerState): boolean {
  // A quoted string cannot span lines, except inside brackets of an interpolation: a newline
  // directly in `"${…` ends the string (and its open interpolations) here.
  if (st.top === 'interp' && st.modes[st.modes.length - 2] === 'quoted') {
    const q = st.modes.indexOf('quoted', st.lastIndexOf('heredoc') + 1);
    st.problem('unterminated string: missing closing quote', st.modeStarts[q], st.pos);
    st.unwindTo(q);
  }
  st.emit('nl', st.pos, st.pos + 1);
  st.pos++;
  return true;
}

function number(st: LexerState): boolean {
  const { text } = st;
  const start = st.pos;
  let i = digits(text, start);
  if (text.charCodeAt(i) === 46 && isDigit(text.charCodeAt(i + 1))) i = digits(text, i + 1);
  const e = text.charCodeAt(i);
  if (e === 101 || e === 69) {
    let j = i + 1;
    const s = text.charCodeAt(j);
    if (s === 43 || s === 45) j++;
    if (isDigit(text.charCodeAt(j))) i = digits(text, j);
  }
  st.emit('number', start, i);
  st.pos = i;
  return true;
}

function digits(text: string, i: number): number {
  while (isDigit(text.charCodeAt(i))) i++;
  return i;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function ident(st: LexerState): boolean {
  const { text, end } = st;
  const start = st.pos;
  let i = start + 1;
  for (;;) {
    i = st.skip(st.re.identRest, i);
    while (i < end && isIdentPart(text.charCodeAt(i), text, i)) i++;
    // Provider functions: `provider::aws::arn_parse` is one name.
    if (
      text.charCodeAt(i) === 58 &&
      text.charCodeAt(i + 1) === 58 &&
      isIdentStart(text.charCodeAt(i + 2), text, i + 2)
    ) {
      i += 3;
      continue;
    }
    break;
  }
  st.emit('ident', start, i);
  st.pos = i;
  return true;
}
