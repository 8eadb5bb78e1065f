// Lexing of punctuation, operators, brackets (with the mode stack) and heredoc openers.

import { isIdentPart, isIdentStart } from './identChars';
import type { LexerState } from './lexerState';
import { findHeredocEnd } from './templateScanner';
import { FLAG_FLUSH, FLAG_STRIP, type TokenKind } from './tokens';

const SINGLE: Record<number, TokenKind> = {
  44: ',',
  58: ':',
  63: '?',
  43: '+',
  45: '-',
  42: '*',
  47: '/',
  37: '%',
};

/** Lexes the punctuation or operator starting with character `c` (or an invalid character). */
export function punct(st: LexerState, c: number): boolean {
  const { text } = st;
  const p = st.pos;
  const n = text.charCodeAt(p + 1);
  switch (c) {
    case 123:
      return open(st, '{', 'brace');
    case 125:
      return closeBrace(st);
    case 40:
      return open(st, '(', 'paren');
    case 41:
      return close(st, ')', 'paren');
    case 91:
      return open(st, '[', 'bracket');
    case 93:
      return close(st, ']', 'bracket');
    case 61:
      return op(st, n === 61 ? '==' : n === 62 ? '=>' : '=');
    case 33:
      return op(st, n === 61 ? '!=' : '!');
    case 62:
      return op(st, n === 61 ? '>=' : '>');
    case 60:
      return n === 60 && heredoc(st) ? true : op(st, n === 61 ? '<=' : '<');
    case 38:
      return n === 38 ? op(st, '&&') : invalid(st, 1);
    case 124:
      return n === 124 ? op(st, '||') : invalid(st, 1);
    case 46:
      return op(st, n === 46 && text.charCodeAt(p + 2) === 46 ? '...' : '.');
    case 126:
      if (n === 125 && st.top === 'interp') {
        st.emit('tend', p, p + 2, FLAG_STRIP);
        st.pos = p + 2;
        st.pop();
        return true;
      }
      return invalid(st, 1);
  }
  const single = SINGLE[c];
  if (single) return op(st, single);
  return invalid(st, c >= 0xd800 && c <= 0xdbff ? 2 : 1);
}

function op(st: LexerState, kind: TokenKind): boolean {
  st.advance(kind, kind.length);
  return true;
}

function invalid(st: LexerState, len: number): boolean {
  const end = Math.min(st.pos + len, st.end);
  st.emit('invalid', st.pos, end);
  st.problem(`invalid character ${JSON.stringify(st.text.slice(st.pos, end))}`, st.pos, end);
  st.pos = end;
  return true;
}

function open(st: LexerState, kind: TokenKind, mode: 'brace' | 'paren' | 'bracket'): boolean {
  st.push(mode, st.pos);
  return op(st, kind);
}

function close(st: LexerState, kind: TokenKind, mode: 'paren' | 'bracket'): boolean {
  if (st.top === mode) st.pop();
  return op(st, kind);
}

/** `}` closes the innermost `{` or interpolation; unclosed `(`/`[` inside it are dropped (the parser reports them). */
function closeBrace(st: LexerState): boolean {
  let k = st.modes.length - 1;
  while (k >= 0 && (st.modes[k] === 'paren' || st.modes[k] === 'bracket')) k--;
  const m = k >= 0 ? st.modes[k] : undefined;
  if (m === 'interp') {
    while (st.modes.length > k) st.pop();
    st.emit('tend', st.pos, st.pos + 1);
    st.pos++;
    return true;
  }
  if (m === 'brace') while (st.modes.length > k) st.pop();
  return op(st, '}');
}

/** `<<ID` or `<<-ID` followed by a newline opens a heredoc; anything else is not one. */
function heredoc(st: LexerState): boolean {
  const { text } = st;
  const start = st.pos;
  let i = start + 2;
  const flush = text.charCodeAt(i) === 45;
  if (flush) i++;
  if (!isIdentStart(text.charCodeAt(i), text, i)) return false;
  const idStart = i;
  while (i < st.end && isIdentPart(text.charCodeAt(i), text, i)) i++;
  const idEnd = i;
  while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9 || text.charCodeAt(i) === 13) i++;
  if (i < st.end && text.charCodeAt(i) !== 10) return false;
  const bodyStart = Math.min(i + 1, st.end);
  const delim = text.slice(idStart, idEnd);
  const end = findHeredocEnd(text, bodyStart, st.end, delim);
  st.emit('oheredoc', start, idEnd, flush ? FLAG_FLUSH : 0);
  if (end.closeStart < 0) st.problem(`unterminated heredoc: no line with only ${delim} closes it`, start, idEnd);
  st.pos = bodyStart;
  st.push('heredoc', start, end);
  return true;
}
