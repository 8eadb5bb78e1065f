// Expressions: conditional, binary operators by HCL precedence, unary operators, terms and the
// postfix traversals (attribute, index, legacy index, splats).

import { LIMITS } from '../limits';
import type { BinaryOp, Expr, Ident, SplatItemExpr } from './ast';
import { parseCall, parseObject, parseParen, parseTuple } from './collectionParser';
import type { ParserState } from './parserState';
import { skipToCloser } from './recovery';
import { parseTemplate } from './templateParser';
import type { TokenKind } from './tokens';

const PRECEDENCE: Partial<Record<TokenKind, number>> = {
  '||': 1,
  '&&': 2,
  '==': 3,
  '!=': 3,
  '<': 4,
  '<=': 4,
  '>': 4,
  '>=': 4,
  '+': 5,
  '-': 5,
  '*': 6,
  '/': 6,
  '%': 6,
};

/** Parses one expression (a conditional or anything it can contain). Never throws. */
export function parseExpression(p: ParserState): Expr {
  if (!p.enter()) return invalidAt(p);
  try {
    return parseConditional(p);
  } finally {
    p.leave();
  }
}

function parseConditional(p: ParserState): Expr {
  const cond = parseBinary(p, 1);
  if (p.recovering || p.peekKind() !== '?') return cond;
  p.next();
  const then = parseExpression(p);
  if (p.recovering) return { kind: 'conditional', cond, then, else: invalidAt(p), start: cond.start, end: then.end };
  const colon = p.peek();
  if (p.kinds[colon] !== ':') {
    p.errorAt(colon, `expected : in the conditional expression, found ${p.describe(colon)}`);
    return { kind: 'conditional', cond, then, else: invalidAt(p), start: cond.start, end: then.end };
  }
  p.next();
  const otherwise = parseExpression(p);
  return { kind: 'conditional', cond, then, else: otherwise, start: cond.start, end: otherwise.end };
}

/** Operators of one precedence level associate to the left: a long chain is a deep tree, so it is bounded. */
function parseBinary(p: ParserState, minPrec: number): Expr {
  let left = parseUnary(p);
  for (let n = 0; ; n++) {
    if (p.recovering) return left;
    const i = p.peek();
    const prec = PRECEDENCE[p.kinds[i]];
    if (prec === undefined || prec < minPrec) return left;
    if (n >= LIMITS.nesting) {
      p.limitAt(i, `more than ${LIMITS.nesting} operators in a row`);
      return left;
    }
    p.next();
    const right = parseBinary(p, prec + 1);
    left = { kind: 'binary', op: p.kinds[i] as BinaryOp, left, right, start: left.start, end: right.end };
  }
}

/** `-x`, `!x`, `!!x`: the operators are collected in a loop and applied to the operand inside out. */
function parseUnary(p: ParserState): Expr {
  const ops: number[] = [];
  for (;;) {
    const i = p.peek();
    const k = p.kinds[i];
    if (k !== '-' && k !== '!') break;
    if (ops.length >= LIMITS.nesting) {
      p.limitAt(i, `more than ${LIMITS.nesting} unary operators in a row`);
      return invalidAt(p);
    }
    p.next();
    ops.push(i);
  }
  let e = parsePostfix(p, parseTerm(p));
  for (let j = ops.length - 1; j >= 0; j--) {
    const i = ops[j];
    e = { kind: 'unary', op: p.kinds[i] as '-' | '!', operand: e, start: p.starts[i], end: e.end };
  }
  return e;
}

function parseTerm(p: ParserState): Expr {
  const i = p.peek();
  const start = p.starts[i];
  const end = p.ends[i];
  switch (p.kinds[i]) {
    case 'number':
      p.next();
      return { kind: 'literal', value: Number(p.tokenText(i)), start, end };
    case 'ident':
      return parseIdentTerm(p, i);
    case 'oquote':
    case 'oheredoc':
      p.pos = i;
      return parseTemplate(p);
    case '[':
      return parseTuple(p);
    case '{':
      return parseObject(p);
    case '(':
      return parseParen(p);
  }
  p.errorAt(i, `expected an expression, found ${p.describe(i)}`);
  return { kind: 'invalid', start, end: start };
}

function parseIdentTerm(p: ParserState, i: number): Expr {
  const name = p.tokenText(i);
  const start = p.starts[i];
  const end = p.ends[i];
  p.next();
  if (name === 'true' || name === 'false') return { kind: 'literal', value: name === 'true', start, end };
  if (name === 'null') return { kind: 'literal', value: null, start, end };
  if (p.kinds[p.pos] === '(') return parseCall(p, { name, start, end });
  return { kind: 'variable', name, start, end };
}

/** Applies `.name`, `.0`, `[key]`, `[*]` and `.*` to `target`. */
function parsePostfix(p: ParserState, target: Expr): Expr {
  let e = target;
  for (let n = 0; ; n++) {
    if (p.recovering) return e;
    const i = p.peek();
    const k = p.kinds[i];
    if ((k === '.' || k === '[') && n >= LIMITS.nesting) {
      p.limitAt(i, `more than ${LIMITS.nesting} attribute or index steps in a row`);
      return e;
    }
    if (k === '.') {
      const n = i + 1;
      if (p.kinds[n] === '*') {
        p.pos = n + 1;
        e = parseSplat(p, e, p.starts[i], p.ends[n], false);
      } else e = parseDotStep(p, e, i);
    } else if (k === '[') {
      const s = i + 1;
      if (p.kinds[s] === '*' && p.kinds[s + 1] === ']') {
        p.pos = s + 2;
        e = parseSplat(p, e, p.starts[i], p.ends[s + 1], true);
      } else e = parseIndex(p, e, i);
    } else return e;
  }
}

/** `.name` or the legacy `.0` (a number token `0.1` stands for two legacy indexes). */
function parseDotStep(p: ParserState, target: Expr, dot: number): Expr {
  const n = dot + 1;
  const k = p.kinds[n];
  if (k === 'ident') {
    p.pos = n + 1;
    const name: Ident = { name: p.tokenText(n), start: p.starts[n], end: p.ends[n] };
    return { kind: 'getattr', target, name, start: target.start, end: name.end };
  }
  if (k === 'number') {
    p.pos = n + 1;
    let e = target;
    let off = p.starts[n];
    for (const digits of p.tokenText(n).split('.')) {
      const key = { kind: 'literal' as const, value: Number(digits), start: off, end: off + digits.length };
      e = { kind: 'index', target: e, key, legacy: true, start: target.start, end: key.end };
      off = key.end + 1;
    }
    return e;
  }
  p.errorAt(n, `expected an attribute name after ".", found ${p.describe(n)}`);
  p.pos = n;
  return target;
}

function parseIndex(p: ParserState, target: Expr, open: number): Expr {
  p.pos = open + 1;
  p.pushNewlines(false);
  const key = parseExpression(p);
  let close = -1;
  if (!p.recovering) {
    const i = p.peek();
    if (p.kinds[i] === ']') {
      close = i;
      p.pos = i + 1;
    } else p.errorAt(i, `expected ] to close the index, found ${p.describe(i)}`);
  }
  if (p.recovering) close = skipToCloser(p, ']');
  p.popNewlines();
  const end = close >= 0 ? p.ends[close] : key.end;
  return { kind: 'index', target, key, legacy: false, start: target.start, end };
}

/** Collects the traversal after `[*]` (attributes and indexes) or `.*` (attributes only). */
function parseSplat(p: ParserState, target: Expr, start: number, end: number, full: boolean): Expr {
  let each: Expr = { kind: 'splatitem', start, end } as SplatItemExpr;
  for (let n = 0; ; n++) {
    const i = p.peek();
    const k = p.kinds[i];
    if ((k === '.' || k === '[') && n >= LIMITS.nesting) {
      p.limitAt(i, `more than ${LIMITS.nesting} attribute or index steps in a row`);
      break;
    }
    if (k === '.' && p.kinds[i + 1] !== '*') each = parseDotStep(p, each, i);
    else if (k === '[' && full && p.kinds[i + 1] !== '*') each = parseIndex(p, each, i);
    else break;
    if (p.recovering) break;
  }
  return { kind: 'splat', target, each, full, start: target.start, end: Math.max(end, each.end) };
}

/** A zero-width invalid expression at the current token. */
export function invalidAt(p: ParserState): Expr {
  const s = p.starts[p.peek()];
  return { kind: 'invalid', start: s, end: s };
}
