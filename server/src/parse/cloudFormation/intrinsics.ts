// Resolves CloudFormation intrinsic functions and parameter defaults. Anything that depends on a
// parameter without a default, an import or a deploy-time id becomes an explicit unknown.

import type { Loc } from '../../model/loc';
import { hole, known, type Part, type PStr } from '../../model/pstr';
import type { Tri } from '../../model/resources';
import type { ObjEntry, StrVal, Val } from '../../model/value';
import { joinParts } from '../joinParts';
import { getAttOf, refOfResource } from './attributes';
import type { CfnContext } from './context';
import {
  decodePieces,
  joinPieces,
  looksLikeJsonObject,
  type Substitution,
  subPieces,
  withJsonSource,
} from './jsonString';

/** `AWS::NoValue`: the property is removed. */
export const NO_VALUE = Symbol('AWS::NoValue');
export type Evaluated = Val | typeof NO_VALUE;

const PSEUDO: Readonly<Record<string, (loc: Loc) => PStr>> = {
  'AWS::AccountId': () => ({ parts: [hole('the deploying account', undefined, 'account')] }),
  'AWS::Region': () => ({ parts: [hole('the deploying region', undefined, 'region')] }),
  'AWS::Partition': () => ({ parts: [hole('the deploying partition', undefined, 'partition')] }),
  'AWS::URLSuffix': () => known('amazonaws.com'),
  'AWS::StackName': (loc) => ({ parts: [hole('the stack name is known only at deployment', loc)] }),
  'AWS::StackId': (loc) => ({ parts: [hole('the stack id is known only at deployment', loc)] }),
  'AWS::NotificationARNs': (loc) => ({ parts: [hole('notification ARNs are known only at deployment', loc)] }),
};

function unknown(reason: string, loc: Loc): Val {
  return { k: 'unknown', reason, loc };
}

/** Evaluates every intrinsic inside `v`; copying a collection counts as work in the budget. */
export function evaluate(v: Val, ctx: CfnContext): Evaluated {
  if (v.k === 'list') {
    ctx.budget.charge(v.items.length);
    const items: Val[] = [];
    for (const i of v.items) {
      const e = evaluate(i, ctx);
      if (e !== NO_VALUE) items.push(e);
    }
    return { ...v, items };
  }
  if (v.k === 'str' && ctx.text !== undefined && looksLikeJsonObject(v.s)) return withJsonSource(v, ctx.text);
  if (v.k !== 'obj') return v;
  if (v.entries.length === 1 && isIntrinsicKey(v.entries[0].key))
    return guarded(v.loc, ctx, () => evalIntrinsic(v.entries[0], v.loc, ctx));
  ctx.budget.charge(v.entries.length);
  const entries: ObjEntry[] = [];
  for (const e of v.entries) {
    const value = evaluate(e.value, ctx);
    if (value !== NO_VALUE) entries.push({ ...e, value });
  }
  return { ...v, entries };
}

/** One nested evaluation within the budget: a limit reached inside makes it an unknown at `loc`. */
function guarded(loc: Loc, ctx: CfnContext, f: () => Evaluated): Evaluated {
  return ctx.budget.guard<Evaluated>(
    loc,
    (u) => u,
    () => {
      const e = f();
      return e === NO_VALUE ? e : ctx.budget.bounded(e, loc);
    },
  );
}

function isIntrinsicKey(key: string): boolean {
  return key === 'Ref' || key.startsWith('Fn::');
}

/** The evaluated Properties of a resource (memoized; a reference cycle yields unknown). */
export function propsOf(ctx: CfnContext, logicalId: string): Val | undefined {
  const memo = ctx.propsMemo.get(logicalId);
  if (memo === 'pending') return undefined;
  if (memo) return memo;
  const raw = ctx.resources.get(logicalId)?.rawProps;
  if (!raw) return undefined;
  ctx.propsMemo.set(logicalId, 'pending');
  const e = guarded(raw.loc, ctx, () => evaluate(raw, ctx));
  const out = e === NO_VALUE ? undefined : e;
  if (out) ctx.propsMemo.set(logicalId, out);
  else ctx.propsMemo.delete(logicalId);
  return out;
}

function evalIntrinsic(entry: ObjEntry, loc: Loc, ctx: CfnContext): Evaluated {
  const arg = entry.value;
  switch (entry.key) {
    case 'Ref':
      return evalRef(arg, loc, ctx);
    case 'Fn::GetAtt':
      return evalGetAtt(arg, loc, ctx);
    case 'Fn::Sub':
      return evalSub(arg, loc, ctx);
    case 'Fn::Join':
      return evalJoin(arg, loc, ctx);
    case 'Fn::Select':
      return evalSelect(arg, loc, ctx);
    case 'Fn::Split':
      return evalSplit(arg, loc, ctx);
    case 'Fn::If':
      return evalIf(arg, loc, ctx);
    case 'Fn::FindInMap':
      return evalFindInMap(arg, loc, ctx);
    case 'Fn::ImportValue':
      return unknown('Fn::ImportValue is resolved only at deployment', loc);
    case 'Fn::GetAZs':
      return unknown('Fn::GetAZs is resolved only at deployment', loc);
    default:
      return unknown(`${entry.key} is not evaluated here`, loc);
  }
}

function literalText(v: Evaluated): string | undefined {
  if (v === NO_VALUE) return undefined;
  if (v.k === 'str' && v.s.parts.length === 1 && typeof v.s.parts[0] === 'string') return v.s.parts[0];
  if (v.k === 'str' && v.s.parts.length === 0) return '';
  if (v.k === 'num') return String(v.n);
  return undefined;
}

function evalRef(arg: Val, loc: Loc, ctx: CfnContext): Evaluated {
  const name = literalText(arg);
  if (name === undefined) return unknown('Ref needs a literal name', loc);
  if (name === 'AWS::NoValue') return NO_VALUE;
  const pseudo = PSEUDO[name];
  if (pseudo) return { k: 'str', s: pseudo(loc), loc };
  const param = ctx.params.get(name);
  if (param) {
    if (!param.default) return unknown(`parameter ${name} has no default`, loc);
    const d = evaluate(param.default, ctx);
    if (d === NO_VALUE) return NO_VALUE;
    // Findings about a parameter's value point at its Default, where the value is written (as for
    // Terraform variable defaults); the origin remembers the parameter.
    return { ...d, origin: { resource: `Parameters.${name}`, attr: 'Default' } };
  }
  if (ctx.resources.has(name)) return refOfResource(ctx, name, loc, (id) => propsOf(ctx, id));
  return unknown(`Ref to an undeclared name: ${name}`, loc);
}

function evalGetAtt(arg: Val, loc: Loc, ctx: CfnContext): Evaluated {
  const e = evaluate(arg, ctx);
  if (e === NO_VALUE || e.k !== 'list' || e.items.length < 2)
    return unknown('Fn::GetAtt needs [resource, attribute]', loc);
  const id = literalText(e.items[0]);
  const attr = literalText(e.items[1]);
  if (id === undefined || attr === undefined) return unknown('Fn::GetAtt with a computed name is not evaluated', loc);
  if (!ctx.resources.has(id)) return unknown(`Fn::GetAtt of an undeclared resource: ${id}`, loc);
  return getAttOf(ctx, id, attr, loc, (x) => propsOf(ctx, x));
}

function evalSub(arg: Val, loc: Loc, ctx: CfnContext): Evaluated {
  let template: Val = arg;
  const vars = new Map<string, Val>();
  if (arg.k === 'list') {
    template = arg.items[0] ?? unknown('Fn::Sub needs a string', loc);
    const map = arg.items[1] ? evaluate(arg.items[1], ctx) : undefined;
    if (map && map !== NO_VALUE && map.k === 'obj') for (const e of map.entries) vars.set(e.key, e.value);
  }
  const text = literalText(template);
  if (text === undefined) return unknown('Fn::Sub needs a literal string', loc);
  const subs: Substitution[] = [];
  const re = /\$\{([^}]*)\}/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const name = m[1].trim();
    const value = name.startsWith('!') ? known('${' + name.slice(1) + '}') : subVariable(name, vars, loc, ctx);
    subs.push({ start: m.index, end: m.index + m[0].length, value });
  }
  const parts: (Part | PStr)[] = [];
  let last = 0;
  for (const sub of subs) {
    parts.push(text.slice(last, sub.start), sub.value);
    last = sub.end;
  }
  parts.push(text.slice(last));
  const out: StrVal = { k: 'str', s: joinParts(parts), loc };
  const src = ctx.text;
  if (src === undefined || !looksLikeJsonObject(known(text))) return out;
  return { ...out, json: () => decodePieces(subPieces(template, subs, src) ?? [], loc.file) };
}

function subVariable(name: string, vars: Map<string, Val>, loc: Loc, ctx: CfnContext): PStr {
  const local = vars.get(name);
  let v: Evaluated;
  if (local) v = local;
  else if (name.includes('.') && !PSEUDO[name]) {
    const dot = name.indexOf('.');
    const id = name.slice(0, dot);
    v = ctx.resources.has(id)
      ? getAttOf(ctx, id, name.slice(dot + 1), loc, (x) => propsOf(ctx, x))
      : unknown(`\${${name}} names an undeclared resource`, loc);
  } else v = evalRef({ k: 'str', s: known(name), loc }, loc, ctx);
  return toPStr(v, loc);
}

/** A scalar as a string, or a hole with the reason it is not known. */
export function toPStr(v: Evaluated, loc: Loc): PStr {
  if (v === NO_VALUE) return known('');
  if (v.k === 'str') return v.s;
  if (v.k === 'num') return known(String(v.n));
  if (v.k === 'bool') return known(String(v.b));
  if (v.k === 'unknown') return { parts: [hole(v.reason, v.loc)] };
  return { parts: [hole('a list or object used as a string', loc)] };
}

function evalJoin(arg: Val, loc: Loc, ctx: CfnContext): Evaluated {
  const e = evaluate(arg, ctx);
  if (e === NO_VALUE || e.k !== 'list' || e.items.length !== 2) return unknown('Fn::Join needs [delimiter, list]', loc);
  const delim = literalText(e.items[0]);
  const list = e.items[1];
  if (delim === undefined) return unknown('Fn::Join needs a literal delimiter', loc);
  if (list.k === 'unknown') return unknown(list.reason, loc);
  if (list.k !== 'list') return unknown('Fn::Join needs a list', loc);
  if (list.more) return unknown(list.more, loc);
  const parts: (Part | PStr)[] = [];
  list.items.forEach((item, i) => {
    if (i > 0) parts.push(delim);
    parts.push(toPStr(item, loc));
  });
  const out: StrVal = { k: 'str', s: joinParts(parts), loc };
  const src = ctx.text;
  if (src === undefined || !looksLikeJsonObject(out.s)) return out;
  const asText = (v: Val) => toPStr(v, v.loc);
  return { ...out, json: () => decodePieces(joinPieces(e.items[0], list.items, asText, src), loc.file) };
}

function evalSelect(arg: Val, loc: Loc, ctx: CfnContext): Evaluated {
  const e = evaluate(arg, ctx);
  if (e === NO_VALUE || e.k !== 'list' || e.items.length !== 2) return unknown('Fn::Select needs [index, list]', loc);
  const index = Number(literalText(e.items[0]));
  const list = e.items[1];
  if (!Number.isInteger(index) || list.k !== 'list') return unknown('Fn::Select over an unknown list', loc);
  return list.items[index] ?? unknown(`Fn::Select index out of range: ${index}`, loc);
}

function evalSplit(arg: Val, loc: Loc, ctx: CfnContext): Evaluated {
  const e = evaluate(arg, ctx);
  if (e === NO_VALUE || e.k !== 'list' || e.items.length !== 2)
    return unknown('Fn::Split needs [delimiter, string]', loc);
  const delim = literalText(e.items[0]);
  const text = literalText(e.items[1]);
  if (delim === undefined || text === undefined) return unknown('Fn::Split of a value known only at deployment', loc);
  return { k: 'list', items: text.split(delim).map((s) => ({ k: 'str', s: known(s), loc })), loc };
}

function evalIf(arg: Val, loc: Loc, ctx: CfnContext): Evaluated {
  if (arg.k !== 'list' || arg.items.length !== 3) return unknown('Fn::If needs [condition, then, else]', loc);
  const name = literalText(arg.items[0]);
  if (name === undefined) return unknown('Fn::If needs a condition name', loc);
  const c = evaluateCondition(name, ctx);
  if (c === 'yes') return evaluate(arg.items[1], ctx);
  if (c === 'no') return evaluate(arg.items[2], ctx);
  return unknown(`condition ${name} cannot be decided here`, loc);
}

function evalFindInMap(arg: Val, loc: Loc, ctx: CfnContext): Evaluated {
  const e = evaluate(arg, ctx);
  if (e === NO_VALUE || e.k !== 'list' || e.items.length < 3)
    return unknown('Fn::FindInMap needs [map, key, key]', loc);
  const keys = e.items.slice(0, 3).map(literalText);
  if (keys.some((k) => k === undefined)) return unknown('Fn::FindInMap with a key known only at deployment', loc);
  let cur: Val | undefined = ctx.mappings;
  for (const k of keys) cur = cur?.k === 'obj' ? cur.entries.find((x) => x.key === k)?.value : undefined;
  return cur ? evaluate(cur, ctx) : unknown(`Fn::FindInMap found nothing at ${keys.join('.')}`, loc);
}

/** Decides a named condition from the Conditions section. */
export function evaluateCondition(name: string, ctx: CfnContext): Tri {
  const memo = ctx.conditionMemo.get(name);
  if (memo === 'pending') return 'unknown';
  if (memo) return memo;
  const def = ctx.conditionDefs.get(name);
  if (!def) return 'unknown';
  ctx.conditionMemo.set(name, 'pending');
  const r = ctx.budget.guard<Tri>(
    def.loc,
    () => 'unknown',
    () => conditionValue(def, ctx),
  );
  ctx.conditionMemo.set(name, r);
  return r;
}

function conditionValue(v: Val, ctx: CfnContext): Tri {
  if (v.k === 'bool') return v.b ? 'yes' : 'no';
  if (v.k !== 'obj' || v.entries.length !== 1) return 'unknown';
  const { key, value } = v.entries[0];
  const args = value.k === 'list' ? value.items : [value];
  switch (key) {
    case 'Condition': {
      const n = literalText(value);
      return n === undefined ? 'unknown' : evaluateCondition(n, ctx);
    }
    case 'Fn::Equals': {
      const [a, b] = args.map((x) => literalText(evaluate(x, ctx)));
      if (a === undefined || b === undefined) return 'unknown';
      return a === b ? 'yes' : 'no';
    }
    case 'Fn::Not':
      return not(conditionValue(args[0], ctx));
    case 'Fn::And':
      return args.map((x) => conditionValue(x, ctx)).reduce(and, 'yes' as Tri);
    case 'Fn::Or':
      return not(args.map((x) => not(conditionValue(x, ctx))).reduce(and, 'yes' as Tri));
    default:
      return 'unknown';
  }
}

function not(t: Tri): Tri {
  return t === 'yes' ? 'no' : t === 'no' ? 'yes' : 'unknown';
}

function and(a: Tri, b: Tri): Tri {
  if (a === 'no' || b === 'no') return 'no';
  if (a === 'unknown' || b === 'unknown') return 'unknown';
  return 'yes';
}
