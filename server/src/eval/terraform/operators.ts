// Unary and binary operators with Terraform's semantics over known and unknown operands.

import type { Val } from '../../model/value';
import type { BinaryExpr, UnaryExpr } from '../../parse/hcl/ast';
import { type Env, type Evaluator, locIn } from './evalTypes';
import { asBool, asNumber, errorVal, firstUnknown, propagate, valEquals } from '../../parse/values';

/** Evaluates `!x` and `-x`. */
export function evalUnary(ev: Evaluator, e: UnaryExpr, env: Env): Val {
  const v = ev.evalExpr(e.operand, env);
  const loc = locIn(env, e);
  if (v.k === 'unknown') return propagate(v, loc);
  if (e.op === '!') {
    const b = asBool(v);
    return b === undefined ? errorVal('! needs a boolean operand', loc) : { k: 'bool', b: !b, loc };
  }
  const n = asNumber(v);
  return n === undefined ? errorVal('- needs a number operand', loc) : { k: 'num', n: -n, loc };
}

/** Evaluates a binary operation; `&&`/`||` decide from one known operand when they can. */
export function evalBinary(ev: Evaluator, e: BinaryExpr, env: Env): Val {
  const loc = locIn(env, e);
  const left = ev.evalExpr(e.left, env);
  if (e.op === '&&' || e.op === '||') {
    const stop = e.op === '||';
    if (asBool(left) === stop) return { k: 'bool', b: stop, loc };
    const right = ev.evalExpr(e.right, env);
    if (asBool(right) === stop) return { k: 'bool', b: stop, loc };
    return logic(left, right, e.op, loc);
  }
  const right = ev.evalExpr(e.right, env);
  if (e.op === '==' || e.op === '!=') {
    const eq = valEquals(left, right);
    if (eq === undefined)
      return propagate(
        firstUnknown([left, right]) ?? { k: 'unknown', reason: 'the operands contain unknown parts', loc },
        loc,
      );
    return { k: 'bool', b: e.op === '==' ? eq : !eq, loc };
  }
  const unknown = firstUnknown([left, right]);
  if (unknown) return propagate(unknown, loc);
  const a = asNumber(left);
  const b = asNumber(right);
  if (a === undefined || b === undefined) return errorVal(`${e.op} needs number operands`, loc);
  return arithmetic(e.op, a, b, loc);
}

function logic(left: Val, right: Val, op: '&&' | '||', loc: Val['loc']): Val {
  const unknown = firstUnknown([left, right]);
  if (unknown) return propagate(unknown, loc);
  const a = asBool(left);
  const b = asBool(right);
  if (a === undefined || b === undefined) return errorVal(`${op} needs boolean operands`, loc);
  return { k: 'bool', b: op === '&&' ? a && b : a || b, loc };
}

function arithmetic(op: BinaryExpr['op'], a: number, b: number, loc: Val['loc']): Val {
  switch (op) {
    case '+':
      return { k: 'num', n: a + b, loc };
    case '-':
      return { k: 'num', n: a - b, loc };
    case '*':
      return { k: 'num', n: a * b, loc };
    case '/':
      return b === 0 ? errorVal('division by zero', loc) : { k: 'num', n: a / b, loc };
    case '%':
      return b === 0 ? errorVal('modulo by zero', loc) : { k: 'num', n: a % b, loc };
    case '<':
      return { k: 'bool', b: a < b, loc };
    case '<=':
      return { k: 'bool', b: a <= b, loc };
    case '>':
      return { k: 'bool', b: a > b, loc };
    default:
      return { k: 'bool', b: a >= b, loc };
  }
}
