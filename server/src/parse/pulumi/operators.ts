// Operators in script expressions: `+` (strings with holes, numbers), arithmetic on known
// numbers, `??`/`||`/`&&` and `? :` when what decides is known, unary operators.

import type { Node } from '@babel/types';
import type { PStr } from '../../model/pstr';
import type { Val } from '../../model/value';
import { joinParts, strVal } from '../values';
import { ev, type Ev, type ScriptEval } from './ev';
import type { Scope } from './scope';

/** What the operators need from the evaluator. */
export interface OperatorEval extends ScriptEval {
  /** A value as string text (JS string conversion); what cannot be converted is a hole. */
  textOf(v: Val): PStr;
  /** The source of `node` on one line, shortened for messages. */
  snippet(node: Node): string;
}

const ARITHMETIC: Readonly<Partial<Record<string, (a: number, b: number) => number>>> = {
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => a / b,
  '%': (a, b) => a % b,
  '**': (a, b) => a ** b,
};

/** `+`: string concatenation (unknown parts are holes) or numeric addition. */
export function plus(ctx: OperatorEval, left: Node, right: Node, scope: Scope, node: Node): Val {
  const l = ctx.val(left, scope);
  const r = ctx.val(right, scope);
  if (l.k === 'num' && r.k === 'num') return { k: 'num', n: l.n + r.n, loc: ctx.loc(node) };
  if (l.k === 'str' || r.k === 'str') return strVal(joinParts([ctx.textOf(l), ctx.textOf(r)]), ctx.loc(node));
  if (l.k === 'unknown' || r.k === 'unknown')
    return {
      k: 'unknown',
      reason: l.k === 'unknown' ? l.reason : (r as { reason: string }).reason,
      loc: ctx.loc(node),
    };
  return ctx.unknown(node, 'is computed when the program runs');
}

/** `-`, `*`, `/`, `%`, `**` on known numbers (`12 * 60 * 60`). */
export function arithmetic(ctx: OperatorEval, op: string, left: Node, right: Node, scope: Scope, node: Node): Val {
  const fn = ARITHMETIC[op];
  const l = fn && ctx.val(left, scope);
  const r = fn && ctx.val(right, scope);
  if (fn && l?.k === 'num' && r?.k === 'num') return { k: 'num', n: fn(l.n, r.n), loc: ctx.loc(node) };
  const cause = [l, r].find((v) => v?.k === 'unknown');
  return cause?.k === 'unknown'
    ? { ...cause, loc: ctx.loc(node) }
    : ctx.unknown(node, 'is computed when the program runs');
}

/** `??`, `||`, `&&` when the left side is known. */
export function logical(ctx: OperatorEval, op: string, left: Node, right: Node, scope: Scope, node: Node): Ev {
  const l = ctx.eval(left, scope);
  if (l.t !== 'val') return op === '&&' ? ctx.eval(right, scope) : l;
  const v = l.v;
  if (v.k === 'unknown') return ev({ k: 'unknown', reason: v.reason, loc: ctx.loc(node) });
  if (op === '??') return v.k === 'null' ? ctx.eval(right, scope) : l;
  if (v.k === 'str' && v.s.parts.some((p) => typeof p !== 'string'))
    return ev(ctx.unknown(node, 'depends on a value known only when the program runs'));
  return (op === '||') === isTruthy(v) ? l : ctx.eval(right, scope);
}

/** JavaScript truthiness of a known value (collections are objects, hence true). */
function isTruthy(v: Val): boolean {
  switch (v.k) {
    case 'null':
      return false;
    case 'bool':
      return v.b;
    case 'num':
      return v.n !== 0 && !Number.isNaN(v.n);
    case 'str':
      return v.s.parts.length > 0 && v.s.parts.join('') !== '';
    default:
      return true;
  }
}

/** `test ? yes : no` when the test is a known boolean. */
export function conditional(ctx: OperatorEval, test: Node, yes: Node, no: Node, scope: Scope, node: Node): Ev {
  const t = ctx.val(test, scope);
  if (t.k === 'bool') return ctx.eval(t.b ? yes : no, scope);
  return ev(ctx.unknown(node, `depends on \`${ctx.snippet(test)}\`, known only when the program runs`));
}

/** `-x`, `+x`, `!x`, `void x`. */
export function unary(ctx: OperatorEval, op: string, arg: Node, scope: Scope, node: Node): Val {
  const v = ctx.val(arg, scope);
  if (op === '-' && v.k === 'num') return { k: 'num', n: -v.n, loc: ctx.loc(node) };
  if (op === '+' && v.k === 'num') return v;
  if (op === '!' && v.k === 'bool') return { k: 'bool', b: !v.b, loc: ctx.loc(node) };
  if (op === 'void') return { k: 'null', loc: ctx.loc(node) };
  return v.k === 'unknown' ? { ...v, loc: ctx.loc(node) } : ctx.unknown(node, 'is computed when the program runs');
}
