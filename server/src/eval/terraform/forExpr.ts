// `[for …]` and `{for …}` over known collections.

import type { Loc } from '../../model/loc';
import type { ObjEntry, Val } from '../../model/value';
import type { ForExpr } from '../../parse/hcl/ast';
import { childEnv, type Env, type Evaluator, locIn } from './evalTypes';
import { iterateVal } from './iterate';
import { asBool, isError, knownText, listVal, objVal, propagate, unknownVal } from '../../parse/values';

/**
 * Evaluates a for expression. Elements whose `if` condition is unknown are left out and mark the
 * result with `more`; an unknown collection gives an unknown result.
 */
export function evalFor(ev: Evaluator, e: ForExpr, env: Env): Val {
  const loc = locIn(env, e);
  const coll = ev.evalExpr(e.coll, env);
  if (coll.k === 'unknown') return propagate(coll, loc);
  const it = iterateVal(coll);
  if (!it.ok) return unknownVal(`the for expression cannot iterate: ${it.reason}`, loc);
  const out: Collected = { items: [], groups: new Map(), more: it.more };
  for (const { key, value } of it.entries) {
    const vars = new Map<string, Val>();
    if (e.keyVar) vars.set(e.keyVar.name, key);
    vars.set(e.valVar.name, value);
    const err = collect(ev, e, childEnv(env, vars), out);
    if (err) return err;
  }
  if (!e.object) return listVal(out.items, loc, out.more);
  const entries: ObjEntry[] = [];
  for (const [key, g] of out.groups) {
    entries.push({ key, keyLoc: g.keyLoc, value: e.group ? listVal(g.values, loc) : g.values[g.values.length - 1] });
  }
  return objVal(entries, loc, out.more);
}

interface Collected {
  readonly items: Val[];
  readonly groups: Map<string, { keyLoc: Loc; values: Val[] }>;
  more?: string;
}

/** Evaluates one element into `out`; returns an error value that aborts the expression. */
function collect(ev: Evaluator, e: ForExpr, inner: Env, out: Collected): Val | undefined {
  if (e.cond) {
    const c = ev.evalExpr(e.cond, inner);
    const b = asBool(c);
    if (b === false) return undefined;
    if (b === undefined) {
      out.more ??= c.k === 'unknown' ? c.reason : 'a for condition is not a boolean';
      return undefined;
    }
  }
  const v = ev.evalExpr(e.valExpr, inner);
  if (isError(v)) return v;
  if (!e.object || !e.keyExpr) {
    out.items.push(v);
    return undefined;
  }
  const kv = ev.evalExpr(e.keyExpr, inner);
  const k = knownText(kv);
  if (k === undefined) {
    out.more ??= kv.k === 'unknown' ? kv.reason : 'a for key is not a string';
    return undefined;
  }
  const g = out.groups.get(k);
  if (g && e.group) g.values.push(v);
  else out.groups.set(k, { keyLoc: kv.loc, values: [v] });
  return undefined;
}
