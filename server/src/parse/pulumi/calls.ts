// Calls the evaluator understands: JSON.stringify and pulumi.jsonStringify (the object itself is
// the policy), pulumi.interpolate/concat/output/all, `.then`/`.apply` callbacks, the invokes
// getPolicyDocument, getCallerIdentity, getRegion and getPartition, and `new` of the resources
// in resourceTypes. Any other call is unknown, with a reason naming it.

import type {
  CallExpression,
  Expression,
  NewExpression,
  OptionalCallExpression,
  TaggedTemplateExpression,
} from '@babel/types';
import type { Loc } from '../../model/loc';
import type { SelfSymbol } from '../../model/pstr';
import type { Val } from '../../model/value';
import { joinParts, objVal, strVal, unknownVal } from '../values';
import { ev, moduleNamespace, type Ev, type ScriptEval } from './ev';
import { memberOf, propertyName, renderJson } from './members';
import { policyDocumentResult } from './policyDocument';
import { selfHole } from './resources';
import { invokeKind, resourceKind, type InvokeKind } from './resourceTypes';
import type { Scope } from './scope';

/** The parts of the evaluator the call helpers use besides ScriptEval. */
export interface CallEval extends ScriptEval {
  template(node: TaggedTemplateExpression['quasi'], scope: Scope): ReturnType<typeof joinParts>;
  textOf(v: Val): ReturnType<typeof joinParts>;
  /** The resource a `new aws.iam.X(...)` creates (one per expression). */
  resource(node: NewExpression, scope: Scope, kind: NonNullable<ReturnType<typeof resourceKind>>): Ev;
}

/** `f(...)`, `obj.method(...)`. */
export function evalCall(ctx: CallEval, node: CallExpression | OptionalCallExpression, scope: Scope): Ev {
  const callee = node.callee;
  if (callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression') {
    const obj = ctx.eval(callee.object, scope);
    const name = propertyName(ctx, callee.property, callee.computed, scope);
    const method =
      name.k === 'str' && name.s.parts.length === 1 && typeof name.s.parts[0] === 'string'
        ? name.s.parts[0]
        : undefined;
    const viaMethod = method === undefined ? undefined : callMethod(ctx, obj, method, node, scope);
    if (viaMethod) return viaMethod;
    return callValue(
      ctx,
      method === undefined ? ev(ctx.unknown(callee, 'is not known')) : memberOf(ctx, obj, method, callee),
      node,
      scope,
    );
  }
  if (callee.type === 'V8IntrinsicIdentifier') return ev(ctx.unknown(node, 'is computed when the program runs'));
  return callValue(ctx, ctx.eval(callee, scope), node, scope);
}

/** Methods of values: promise and Output callbacks, `toString`, `join`. */
function callMethod(
  ctx: CallEval,
  obj: Ev,
  method: string,
  node: CallExpression | OptionalCallExpression,
  scope: Scope,
): Ev | undefined {
  if (obj.t !== 'val' && obj.t !== 'res') return undefined;
  const arg0 = node.arguments[0];
  if (method === 'then' || method === 'apply') {
    const fn =
      arg0 && arg0.type !== 'SpreadElement' && arg0.type !== 'ArgumentPlaceholder' ? ctx.eval(arg0, scope) : undefined;
    if (fn?.t !== 'fn') return ev(ctx.unknown(node, 'is computed by a callback when the program runs'));
    if (obj.t === 'val' && obj.v.k === 'unknown') return ev({ ...obj.v, loc: ctx.loc(node) });
    return ctx.callFunction(fn, [obj], node);
  }
  if (obj.t !== 'val') return undefined;
  if (method === 'toString' && obj.v.k === 'str') return obj;
  if (method === 'join' && obj.v.k === 'list' && !obj.v.more) {
    const sep =
      arg0 && arg0.type !== 'SpreadElement' && arg0.type !== 'ArgumentPlaceholder'
        ? ctx.val(arg0, scope)
        : strVal(',', ctx.loc(node));
    if (sep.k !== 'str') return ev(ctx.unknown(node, 'joins with a separator that is not known'));
    const pieces = obj.v.items.flatMap((item, i) => (i ? [sep.s, ctx.textOf(item)] : [ctx.textOf(item)]));
    return ev(strVal(joinParts(pieces), ctx.loc(node)));
  }
  return undefined;
}

function args(ctx: CallEval, node: CallExpression | OptionalCallExpression | NewExpression, scope: Scope): Val[] {
  return node.arguments.map((a) =>
    a.type === 'SpreadElement' || a.type === 'ArgumentPlaceholder'
      ? ctx.unknown(a, 'spreads arguments')
      : ctx.val(a as Expression, scope),
  );
}

/** A call of an evaluated callee. */
function callValue(ctx: CallEval, callee: Ev, node: CallExpression | OptionalCallExpression, scope: Scope): Ev {
  if (callee.t === 'val' && callee.v.k === 'unknown') return ev({ ...callee.v, loc: ctx.loc(node) });
  if (callee.t !== 'ns') return ev(ctx.unknown(node, 'is computed by a function call when the program runs'));
  const path = callee.path;
  const name = path.join('.');
  const a = () => args(ctx, node, scope);
  const first = () => a()[0] ?? { k: 'null' as const, loc: ctx.loc(node) };
  switch (name) {
    case 'JSON.stringify':
    case 'pulumi.jsonStringify':
    case 'pulumi.output':
    case 'pulumi.Output.create':
    case 'pulumi.secret':
    case 'pulumi.unsecret':
    case 'pulumi.all':
    case 'JSON.parse': {
      const v = first();
      return ev(
        name.endsWith('tringify') && v.k !== 'obj' && v.k !== 'list' && v.k !== 'unknown'
          ? strVal(renderJson(v), v.loc)
          : v,
      );
    }
    case 'String':
      return ev(strVal(ctx.textOf(first()), ctx.loc(node)));
    case 'pulumi.concat':
      return ev(strVal(joinParts(a().map((v) => ctx.textOf(v))), ctx.loc(node)));
  }
  if (name === 'require') return requireCall(ctx, node, scope);
  if (path[0] === '#config')
    return ev(ctx.unknown(node, 'is a stack configuration value (pulumi.Config), set per stack'));
  if (name === 'pulumi.getStack' || name === 'pulumi.getProject' || name === 'pulumi.getOrganization')
    return ev(ctx.unknown(node, 'is set per stack'));
  const invoke = path[0] === 'aws' ? invokeKind(path.slice(1)) : undefined;
  if (invoke) return ev(invokeResult(invoke, first(), ctx.loc(node)));
  return ev(ctx.unknown(node, 'is computed by a function call when the program runs'));
}

/** `require("@pulumi/aws")`: the SDK's namespace; other modules are not followed. */
function requireCall(ctx: CallEval, node: CallExpression | OptionalCallExpression, scope: Scope): Ev {
  const arg = node.arguments[0];
  const v = arg && arg.type !== 'SpreadElement' && arg.type !== 'ArgumentPlaceholder' ? ctx.val(arg, scope) : undefined;
  const module =
    v?.k === 'str' && v.s.parts.length === 1 && typeof v.s.parts[0] === 'string' ? v.s.parts[0] : undefined;
  return (
    (module !== undefined ? moduleNamespace(module) : undefined) ??
    ev(ctx.unknown(node, 'loads a module that is not followed'))
  );
}

/** The result of an evaluated invoke (a promise or Output of it: `.then`, `.apply` and `await` unwrap it). */
export function invokeResult(kind: InvokeKind, argsVal: Val, loc: Loc): Val {
  const self = (key: string, symbol: SelfSymbol) => ({
    key,
    keyLoc: loc,
    value: strVal({ parts: [selfHole(symbol, loc)] }, loc),
  });
  const later = (key: string) => ({
    key,
    keyLoc: loc,
    value: unknownVal(`${key} is known only after deployment`, loc),
  });
  switch (kind) {
    case 'policyDocument':
      return policyDocumentResult(argsVal, loc);
    case 'callerIdentity':
      return objVal([self('accountId', 'account'), later('arn'), later('userId'), self('id', 'account')], loc);
    case 'region':
      return objVal(
        [self('name', 'region'), self('id', 'region'), self('region', 'region'), later('description')],
        loc,
      );
    case 'partition':
      return objVal([self('partition', 'partition'), self('id', 'partition'), later('dnsSuffix')], loc);
  }
}

/** `new X(...)`: a resource the checker reads, a pulumi.Config, or an unknown object. */
export function evalNew(ctx: CallEval, node: NewExpression, scope: Scope): Ev {
  const callee = ctx.eval(node.callee, scope);
  if (callee.t === 'ns') {
    const [root, module, cls] = callee.path;
    const kind = root === 'aws' && callee.path.length === 3 ? resourceKind(module, cls) : undefined;
    if (kind) return ctx.resource(node, scope, kind);
    if (callee.path.join('.') === 'pulumi.Config') return { t: 'config' };
  }
  return ev(ctx.unknown(node, 'is an object created when the program runs'));
}

/** pulumi.interpolate`...` is a template string; other tags are unknown. */
export function evalTaggedTemplate(ctx: CallEval, node: TaggedTemplateExpression, scope: Scope): Ev {
  const tag = ctx.eval(node.tag, scope);
  if (tag.t === 'ns' && tag.path.join('.') === 'pulumi.interpolate')
    return ev(strVal(ctx.template(node.quasi, scope), ctx.loc(node)));
  return ev(ctx.unknown(node, 'is computed by a template tag when the program runs'));
}
