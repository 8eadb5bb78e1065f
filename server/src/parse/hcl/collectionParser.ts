// Bracketed expressions: tuples, objects, `for` expressions, function calls and parentheses.
// Each recovers from an error inside it by skipping to its own closer, keeping the items before.

import type { Expr, Ident, ObjectItem } from './ast';
import { invalidAt, parseExpression } from './expressionParser';
import type { ParserState } from './parserState';
import { skipToCloser } from './recovery';
import type { TokenKind } from './tokens';

/** `[ a, b ]` or `[for …]`; the cursor is at `[`. */
export function parseTuple(p: ParserState): Expr {
  const open = p.next();
  p.pushNewlines(false);
  try {
    if (isForIntro(p)) return parseFor(p, open, false);
    const items: Expr[] = [];
    const close = parseList(p, ']', items, false);
    return { kind: 'tuple', items, start: p.starts[open], end: endOf(p, close, items, open) };
  } finally {
    p.popNewlines();
  }
}

/** `f(a, b...)`; the cursor is at `(` after the name. */
export function parseCall(p: ParserState, name: Ident): Expr {
  const open = p.next();
  p.pushNewlines(false);
  const args: Expr[] = [];
  const close = parseList(p, ')', args, true);
  let before = close - 1;
  while (before > open && p.kinds[before] === 'nl') before--;
  const expandFinal = close === ELLIPSIS || (close >= 0 && p.kinds[before] === '...');
  p.popNewlines();
  const closeIndex = close === ELLIPSIS ? -1 : close;
  return { kind: 'call', name, args, expandFinal, start: name.start, end: endOf(p, closeIndex, args, open) };
}

/** `( expr )`; the cursor is at `(`. */
export function parseParen(p: ParserState): Expr {
  const open = p.next();
  p.pushNewlines(false);
  const expr = parseExpression(p);
  const close = expectCloser(p, ')', 'to close the parentheses');
  p.popNewlines();
  return { kind: 'paren', expr, start: p.starts[open], end: close >= 0 ? p.ends[close] : expr.end };
}

/** parseList's result when a final `...` was seen but its closer is missing. */
const ELLIPSIS = -2;

/**
 * Parses comma-separated expressions into `items` up to `closer` (newlines already
 * insignificant); `ellipsis` allows a final `...`. Returns the closer's index (the token before it
 * is `...` when one was given), -1 after recovery, or ELLIPSIS after `...` with no closer.
 */
function parseList(p: ParserState, closer: TokenKind, items: Expr[], ellipsis: boolean): number {
  for (;;) {
    let i = p.peek();
    if (p.kinds[i] === closer) {
      p.pos = i + 1;
      return i;
    }
    items.push(parseExpression(p));
    if (p.recovering) return skipToCloser(p, closer);
    i = p.peek();
    if (ellipsis && p.kinds[i] === '...') {
      p.pos = i + 1;
      const close = expectCloser(p, closer, 'after ...');
      return close >= 0 ? close : ELLIPSIS;
    }
    if (p.kinds[i] === ',') p.pos = i + 1;
    else if (p.kinds[i] !== closer) {
      p.errorAt(i, `expected , or ${closer}, found ${p.describe(i)}`);
      return skipToCloser(p, closer);
    }
  }
}

function expectCloser(p: ParserState, closer: TokenKind, why: string): number {
  if (!p.recovering) {
    const i = p.peek();
    if (p.kinds[i] === closer) {
      p.pos = i + 1;
      return i;
    }
    p.errorAt(i, `expected ${closer} ${why}, found ${p.describe(i)}`);
  }
  return skipToCloser(p, closer);
}

function endOf(p: ParserState, close: number, items: readonly Expr[], open: number): number {
  if (close >= 0) return p.ends[close];
  return items.length ? items[items.length - 1].end : p.ends[open];
}

/** `{ k = v, k: v }` (newline or comma separated) or `{for …}`; the cursor is at `{`. */
export function parseObject(p: ParserState): Expr {
  const open = p.next();
  p.pushNewlines(false);
  const isFor = isForIntro(p);
  if (isFor) {
    const e = parseFor(p, open, true);
    p.popNewlines();
    return e;
  }
  p.popNewlines();
  p.pushNewlines(true);
  const items: ObjectItem[] = [];
  const close = parseObjectItems(p, items);
  p.popNewlines();
  return {
    kind: 'object',
    items,
    start: p.starts[open],
    end: close >= 0 ? p.ends[close] : (items[items.length - 1]?.end ?? p.ends[open]),
  };
}

function parseObjectItems(p: ParserState, items: ObjectItem[]): number {
  for (;;) {
    let i = p.peek();
    const k = p.kinds[i];
    if (k === 'nl' || k === ',') {
      p.pos = i + 1;
      continue;
    }
    if (k === '}') {
      p.pos = i + 1;
      return i;
    }
    if (k === 'eof') return expectCloser(p, '}', 'to close the object');
    const bare = k === 'ident';
    const key = parseExpression(p);
    if (p.recovering) return skipToCloser(p, '}');
    i = p.peek();
    if (p.kinds[i] !== '=' && p.kinds[i] !== ':') {
      p.errorAt(i, `expected = after the object key, found ${p.describe(i)}`);
      return skipToCloser(p, '}');
    }
    p.pos = i + 1;
    const value = parseObjectValue(p, i);
    items.push({
      key,
      bareKey: bare && key.kind === 'variable',
      value,
      start: key.start,
      end: Math.max(value.end, p.ends[i]),
    });
    if (p.recovering) return skipToCloser(p, '}');
    i = p.peek();
    const after = p.kinds[i];
    if (after !== 'nl' && after !== ',' && after !== '}') {
      p.errorAt(i, `expected a newline or comma after the object item, found ${p.describe(i)}`);
      return skipToCloser(p, '}');
    }
  }
}

/** The value after `=`; a missing value (end of line) is reported without losing the rest. */
function parseObjectValue(p: ParserState, eq: number): Expr {
  const i = p.peek();
  const k = p.kinds[i];
  if (k === 'nl' || k === ',' || k === '}') {
    p.note('expected a value after =', p.starts[eq], p.ends[eq]);
    return { kind: 'invalid', start: p.ends[eq], end: p.ends[eq] };
  }
  return parseExpression(p);
}

function isForIntro(p: ParserState): boolean {
  const i = p.peek();
  if (!p.isWord(i, 'for')) return false;
  let j = i + 1;
  while (p.kinds[j] === 'nl') j++;
  return p.kinds[j] === 'ident';
}

/** `for k, v in coll : expr (=> expr ...)? (if cond)?` up to `]` or `}`; the cursor is at `for`. */
function parseFor(p: ParserState, open: number, object: boolean): Expr {
  const closer: TokenKind = object ? '}' : ']';
  p.next();
  const first = ident(p);
  let keyVar: Ident | undefined;
  let valVar = first;
  if (p.accept(',') >= 0) {
    keyVar = first;
    valVar = ident(p);
  }
  const inTok = p.peek();
  if (!p.recovering && !p.isWord(inTok, 'in'))
    p.errorAt(inTok, `expected "in" in the for expression, found ${p.describe(inTok)}`);
  if (!p.recovering) p.next();
  const coll = p.recovering ? invalidAt(p) : parseExpression(p);
  const colon = p.peek();
  if (!p.recovering && p.kinds[colon] !== ':')
    p.errorAt(colon, `expected : in the for expression, found ${p.describe(colon)}`);
  if (!p.recovering) p.next();
  let valExpr = p.recovering ? invalidAt(p) : parseExpression(p);
  let keyExpr: Expr | undefined;
  if (object && !p.recovering) {
    if (p.accept('=>') >= 0) {
      keyExpr = valExpr;
      valExpr = parseExpression(p);
    } else p.errorAt(p.peek(), 'expected => in the object for expression');
  }
  const group = !p.recovering && object && p.accept('...') >= 0;
  let cond: Expr | undefined;
  if (!p.recovering && p.isWord(p.peek(), 'if')) {
    p.next();
    cond = parseExpression(p);
  }
  const close = expectCloser(p, closer, 'to close the for expression');
  const end = close >= 0 ? p.ends[close] : Math.max(valExpr.end, p.ends[open]);
  return { kind: 'for', object, keyVar, valVar, coll, keyExpr, valExpr, cond, group, start: p.starts[open], end };
}

function ident(p: ParserState): Ident {
  const i = p.peek();
  if (p.kinds[i] !== 'ident') {
    p.errorAt(i, `expected a variable name in the for expression, found ${p.describe(i)}`);
    return { name: '', start: p.starts[i], end: p.starts[i] };
  }
  p.next();
  return { name: p.tokenText(i), start: p.starts[i], end: p.ends[i] };
}
