// Expression evaluation: dispatch over the HCL tree, plus literals, collections and conditionals.

import type { ObjEntry, Val } from '../../model/value';
import type { ConditionalExpr, Expr, ObjectExpr } from '../../parse/hcl/ast';
import { type Env, evalAll, type Evaluator, locIn, lookupVar } from './evalTypes';
import { evalFor } from './forExpr';
import { callFunction } from './functions/callFunction';
import { evalBinary, evalUnary } from './operators';
import { evalTraversal, SPLAT_ITEM } from './references';
import { evalTemplate } from './templates';
import { asBool, errorVal, knownText, lastByKey, listVal, objVal, propagate } from '../../parse/values';

/** Evaluates `e` in `env`. Never throws: what cannot be resolved is an unknown value with a reason. */
export function evalExpr(ev: Evaluator, e: Expr, env: Env): Val {
  const loc = locIn(env, e);
  switch (e.kind) {
    case 'literal':
      if (typeof e.value === 'number') return { k: 'num', n: e.value, loc };
      if (typeof e.value === 'boolean') return { k: 'bool', b: e.value, loc };
      return { k: 'null', loc };
    case 'template':
      return evalTemplate(ev, e, env);
    case 'tuple':
      return listVal(evalAll(ev, e.items, env), loc);
    case 'object':
      return evalObject(ev, e, env);
    case 'variable':
    case 'getattr':
    case 'index':
    case 'splat':
      return evalTraversal(ev, e, env);
    case 'splatitem':
      return lookupVar(env, SPLAT_ITEM) ?? errorVal('[*] used outside a splat expression', loc);
    case 'call':
      return callFunction(ev, e, env);
    case 'for':
      return evalFor(ev, e, env);
    case 'conditional':
      return evalConditional(ev, e, env);
    case 'binary':
      return evalBinary(ev, e, env);
    case 'unary':
      return evalUnary(ev, e, env);
    case 'paren':
      return ev.evalExpr(e.expr, env);
    case 'invalid':
      return errorVal('the expression has a syntax error', loc);
  }
}

function evalObject(ev: Evaluator, e: ObjectExpr, env: Env): Val {
  const entries: ObjEntry[] = [];
  let more: string | undefined;
  for (const item of e.items) {
    const keyLoc = locIn(env, item.key);
    let key: string | undefined;
    if (item.bareKey && item.key.kind === 'variable') key = item.key.name;
    else {
      const kv = ev.evalExpr(item.key, env);
      key = knownText(kv);
      if (key === undefined) {
        more ??= kv.k === 'unknown' ? kv.reason : 'an object key is not a string';
        continue;
      }
    }
    const value = ev.evalExpr(item.value, env);
    entries.push({ key, keyLoc, value });
  }
  return objVal(lastByKey(entries), locIn(env, e), more);
}

/** `c ? a : b`: only the chosen branch is evaluated; an unknown condition gives an unknown. */
function evalConditional(ev: Evaluator, e: ConditionalExpr, env: Env): Val {
  const cond = ev.evalExpr(e.cond, env);
  const b = asBool(cond);
  if (b === true) return ev.evalExpr(e.then, env);
  if (b === false) return ev.evalExpr(e.else, env);
  const loc = locIn(env, e);
  if (cond.k === 'unknown') return propagate(cond, loc);
  return errorVal('the condition of a conditional expression must be true or false', loc);
}
