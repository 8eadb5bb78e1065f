// Error recovery: skipping to a matching closer inside expressions, and to the next line that
// starts a body item at the structural level.

import type { ParserState } from './parserState';
import { isCloser, isOpener, type TokenKind } from './tokens';

/**
 * Skips tokens to the closer `kind` that matches the current nesting level and consumes it.
 * Stops without consuming at an outer closer, at end of file, or at a top-level block start.
 * Returns the closer's index, or -1 when it was not found.
 */
export function skipToCloser(p: ParserState, kind: TokenKind): number {
  let depth = 0;
  let i = p.pos;
  const { kinds } = p;
  for (;;) {
    const k = kinds[i];
    if (k === 'eof') break;
    if (depth === 0 && k === kind) {
      p.pos = i + 1;
      return i;
    }
    if (isOpener(k)) depth++;
    else if (isCloser(k)) {
      if (depth === 0) break;
      depth--;
    } else if (k === 'ident' && p.atLineStart(i) && p.isTopLevelStart(i)) break;
    i++;
  }
  p.pos = i;
  p.lostCloser = true;
  return -1;
}

/**
 * After an error inside a body item that began at token `itemStart`, moves to the next line that
 * looks like the start of a body item (`name =`, `type label {`), a `}` or a top-level block.
 * When an unclosed bracket swallowed later lines, it restarts at the error's own line, so `foo(`
 * followed by `name = 1` keeps `name`.
 */
export function recoverInBody(p: ParserState, itemStart: number): void {
  const lineStart = p.lostCloser && p.errorIndex >= 0 ? lineStartOf(p, p.errorIndex) : -1;
  let i = lineStart > itemStart && lineStart < p.pos ? lineStart : p.pos;
  if (i <= itemStart) i = itemStart + 1;
  const { kinds } = p;
  for (;;) {
    const k = kinds[i];
    if (k === 'eof') break;
    if (p.atLineStart(i) && isResyncPoint(p, i)) break;
    i++;
  }
  p.pos = i;
}

function lineStartOf(p: ParserState, i: number): number {
  let j = Math.min(i, p.kinds.length - 1);
  while (j > 0 && p.kinds[j - 1] !== 'nl') j--;
  return j;
}

function isResyncPoint(p: ParserState, i: number): boolean {
  const { kinds } = p;
  const k = kinds[i];
  if (k === '}') return true;
  if (k !== 'ident') return false;
  if (p.isTopLevelStart(i)) return true;
  let j = i + 1;
  if (kinds[j] === '=') return true;
  while (kinds[j] === 'ident' || kinds[j] === 'oquote') {
    if (kinds[j] === 'oquote') {
      j++;
      while (kinds[j] === 'lit') j++;
      if (kinds[j] !== 'cquote') return false;
    }
    j++;
  }
  return kinds[j] === '{';
}
