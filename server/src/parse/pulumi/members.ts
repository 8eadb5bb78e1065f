// Property access in scripts: `aws.iam.Role` (SDK paths), `role.arn` (resource outputs),
// `doc.json` and `list[0]` (data), `aws.iam.ManagedPolicy.ReadOnlyAccess` (the SDK's ARN enum).

import type { Expression, MemberExpression, Node, OptionalMemberExpression, PrivateName } from '@babel/types';
import { hole, type Part, type PStr } from '../../model/pstr';
import { getEntry, type Val } from '../../model/value';
import { joinParts, strVal } from '../values';
import { ev, type Ev, type ScriptEval } from './ev';
import { resourceAttr } from './resources';
import type { Scope } from './scope';

/** `object.property` or `object[expr]`. */
export function evalMember(ctx: ScriptEval, node: MemberExpression | OptionalMemberExpression, scope: Scope): Ev {
  const obj = ctx.eval(node.object, scope);
  const key = propertyName(ctx, node.property, node.computed, scope);
  if (key.k === 'num') return memberOf(ctx, obj, key.n, node);
  if (key.k === 'str' && key.s.parts.length === 1 && typeof key.s.parts[0] === 'string')
    return memberOf(ctx, obj, key.s.parts[0], node);
  if (key.k === 'str' && key.s.parts.length === 0) return memberOf(ctx, obj, '', node);
  return ev(
    key.k === 'unknown'
      ? { ...key, loc: ctx.loc(node) }
      : ctx.unknown(node, 'reads a property whose name is not known'),
  );
}

/** The name of a property key: `a`, `"a"`, `1` or a computed `[expr]`. */
export function propertyName(ctx: ScriptEval, key: Expression | PrivateName, computed: boolean, scope: Scope): Val {
  const loc = ctx.loc(key);
  if (!computed) {
    if (key.type === 'Identifier') return strVal(key.name, loc);
    if (key.type === 'StringLiteral') return strVal(key.value, loc);
    if (key.type === 'NumericLiteral') return strVal(String(key.value), loc);
    return ctx.unknown(key, 'is a private name');
  }
  const v = ctx.val(key, scope);
  return v.k === 'num' && !Number.isInteger(v.n) ? strVal(String(v.n), loc) : v;
}

/** `obj[key]` for an evaluated object; `at` is the whole access (for locations and messages). */
export function memberOf(ctx: ScriptEval, obj: Ev, key: string | number, at: Node): Ev {
  const loc = ctx.loc(at);
  switch (obj.t) {
    case 'ns':
      return namespaceMember(ctx, obj.path, String(key), at);
    case 'res':
      return ev(typeof key === 'string' ? resourceAttr(obj.res, key, loc) : ctx.unknown(at, 'indexes a resource'));
    case 'config':
      return { t: 'ns', path: ['#config', String(key)] };
    case 'fn':
      return ev(ctx.unknown(at, 'reads a property of a function'));
  }
  const v = obj.v;
  if (v.k === 'unknown') return ev({ k: 'unknown', reason: v.reason, loc });
  if (v.k === 'obj') {
    const e = getEntry(v, String(key));
    if (e) return ev(e.value);
    return ev(v.more ? { k: 'unknown', reason: v.more, loc } : { k: 'null', loc });
  }
  if (v.k === 'list') {
    if (key === 'length')
      return ev(v.more ? { k: 'unknown', reason: v.more, loc } : { k: 'num', n: v.items.length, loc });
    const i = typeof key === 'number' ? key : /^\d+$/.test(key) ? Number(key) : -1;
    if (i >= 0 && i < v.items.length) return ev(v.items[i]);
    return ev(v.more ? { k: 'unknown', reason: v.more, loc } : { k: 'null', loc });
  }
  if (v.k === 'str' && key === 'length' && v.s.parts.every((p) => typeof p === 'string'))
    return ev({ k: 'num', n: v.s.parts.join('').length, loc });
  return ev(ctx.unknown(at, 'is computed when the program runs'));
}

/** A member of an SDK or global namespace; `process.env` and the managed-policy enum are values. */
function namespaceMember(ctx: ScriptEval, path: readonly string[], key: string, at: Node): Ev {
  const root = path.join('.');
  if (root === 'process.env') return ev(ctx.unknown(at, 'is read from the environment when the program runs'));
  if (root === 'aws.iam.ManagedPolicy' || root === 'aws.iam.ManagedPolicies') return ev(managedPolicyArn(ctx, key, at));
  return { t: 'ns', path: [...path, key] };
}

/** `aws.iam.ManagedPolicy.<Name>`: the AWS managed policy's ARN (its path, e.g. `service-role/`, is not known here). */
function managedPolicyArn(ctx: ScriptEval, name: string, at: Node): Val {
  const loc = ctx.loc(at);
  return strVal(
    joinParts(['arn:aws:iam::aws:policy/', hole(`the path of the AWS managed policy ${name}`, loc), name]),
    loc,
  );
}

/** A value as JSON text (`JSON.stringify` inside a string); unknown parts are holes. */
export function renderJson(v: Val): PStr {
  switch (v.k) {
    case 'str':
      return joinParts([
        '"',
        ...v.s.parts.map((p): Part => (typeof p === 'string' ? JSON.stringify(p).slice(1, -1) : p)),
        '"',
      ]);
    case 'num':
      return { parts: [String(v.n)] };
    case 'bool':
      return { parts: [String(v.b)] };
    case 'null':
      return { parts: ['null'] };
    case 'unknown':
      return { parts: [hole(v.reason, v.loc)] };
    case 'list': {
      const pieces: (Part | PStr)[] = ['['];
      v.items.forEach((item, i) => pieces.push(...(i ? [','] : []), renderJson(item)));
      if (v.more) pieces.push(hole(v.more, v.loc));
      return joinParts([...pieces, ']']);
    }
    case 'obj': {
      const pieces: (Part | PStr)[] = ['{'];
      v.entries.forEach((e, i) => pieces.push(...(i ? [','] : []), JSON.stringify(e.key), ':', renderJson(e.value)));
      if (v.more) pieces.push(hole(v.more, v.loc));
      return joinParts([...pieces, '}']);
    }
  }
}
