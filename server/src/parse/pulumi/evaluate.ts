// Evaluates script expressions to model values with exact locations: literals, object and array
// literals (with spreads), template strings, `+`, constants followed through their declarations.
// Whatever is only known when the program runs is an unknown whose reason names the expression.

import type { NewExpression, Node, ObjectExpression, TemplateLiteral } from '@babel/types';
import type { Loc } from '../../model/loc';
import { hole, renderPStr, type Part, type PStr } from '../../model/pstr';
import type { ObjEntry, Val } from '../../model/value';
import { joinParts, listVal, objVal, strVal, toPStr } from '../values';
import { evalCall, evalNew, evalTaggedTemplate, type CallEval } from './calls';
import { ev, moduleNamespace, type Ev } from './ev';
import { LimitGuard } from './limits';
import { evalMember, memberOf, propertyName, renderJson } from './members';
import { arithmetic, conditional, logical, plus, unary } from './operators';
import { AddressBook, PulumiResource, resourceAttr } from './resources';
import type { ResourceKind } from './resourceTypes';
import { declarePattern, Scope, type Binding } from './scope';

/** The evaluator of one script file; values of bindings and resources are computed once. */
export class ScriptEvaluator implements CallEval {
  private readonly memo = new Map<Binding, Ev>();
  private readonly inProgress = new Set<Binding>();
  private readonly guard = new LimitGuard();
  /** Resources by their `new` expression, in the order they were first evaluated. */
  readonly resources = new Map<Node, PulumiResource>();
  /** Addresses in use. */
  readonly addresses = new AddressBook();

  constructor(
    readonly file: string,
    private readonly text: string,
  ) {}

  loc(node: Node): Loc {
    return { file: this.file, start: node.start ?? 0, end: node.end ?? node.start ?? 0 };
  }

  /** The source of `node` on one line, shortened for messages. */
  snippet(node: Node): string {
    const s = this.text
      .slice(node.start ?? 0, node.end ?? 0)
      .replace(/\s+/g, ' ')
      .trim();
    return s.length > 60 ? `${s.slice(0, 57)}…` : s;
  }

  unknown(node: Node, why: string): Val {
    return { k: 'unknown', reason: `\`${this.snippet(node)}\` ${why}`, loc: this.loc(node) };
  }

  val(node: Node, scope: Scope): Val {
    return this.toVal(this.eval(node, scope), node);
  }

  toVal(e: Ev, node: Node): Val {
    switch (e.t) {
      case 'val':
        return e.v;
      case 'res':
        return this.resourceId(e.res, node);
      case 'fn':
        return this.unknown(node, 'is a function, not a value');
      case 'config':
        return this.unknown(node, 'is a pulumi.Config object, not a value');
      case 'ns':
        return this.unknown(node, 'is part of an SDK, not a value');
    }
  }

  eval(node: Node, scope: Scope): Ev {
    const stop = this.guard.enter();
    if (stop) return ev({ k: 'unknown', reason: stop, loc: this.loc(node) });
    try {
      return this.evalNode(node, scope);
    } finally {
      this.guard.leave();
    }
  }

  private evalNode(node: Node, scope: Scope): Ev {
    const loc = this.loc(node);
    switch (node.type) {
      case 'StringLiteral':
        return ev(strVal(node.value, loc));
      case 'NumericLiteral':
        return ev({ k: 'num', n: node.value, loc });
      case 'BooleanLiteral':
        return ev({ k: 'bool', b: node.value, loc });
      case 'NullLiteral':
        return ev({ k: 'null', loc });
      case 'TemplateLiteral':
        return ev(strVal(this.template(node, scope), loc));
      case 'ObjectExpression':
        return ev(this.object(node, scope));
      case 'ArrayExpression':
        return ev(this.array(node.elements, scope, loc));
      case 'Identifier':
        return this.identifier(node.name, node, scope);
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSNonNullExpression':
      case 'TSTypeAssertion':
      case 'TSInstantiationExpression':
      case 'ParenthesizedExpression':
        return this.eval(node.expression, scope);
      case 'AwaitExpression':
        // A promise of a known value (an invoke's result) is that value.
        return this.eval(node.argument, scope);
      case 'MemberExpression':
      case 'OptionalMemberExpression':
        return evalMember(this, node, scope);
      case 'CallExpression':
      case 'OptionalCallExpression':
        return evalCall(this, node, scope);
      case 'NewExpression':
        return evalNew(this, node, scope);
      case 'TaggedTemplateExpression':
        return evalTaggedTemplate(this, node, scope);
      case 'BinaryExpression':
        return ev(
          node.operator === '+'
            ? plus(this, node.left, node.right, scope, node)
            : arithmetic(this, node.operator, node.left, node.right, scope, node),
        );
      case 'LogicalExpression':
        return logical(this, node.operator, node.left, node.right, scope, node);
      case 'ConditionalExpression':
        return conditional(this, node.test, node.consequent, node.alternate, scope, node);
      case 'SequenceExpression':
        return this.eval(node.expressions[node.expressions.length - 1], scope);
      case 'UnaryExpression':
        return ev(unary(this, node.operator, node.argument, scope, node));
      case 'ArrowFunctionExpression':
      case 'FunctionExpression':
        return { t: 'fn', node, scope };
      default:
        return ev(this.unknown(node, 'is computed when the program runs'));
    }
  }

  /** Template text with unknown parts as holes. */
  template(node: TemplateLiteral, scope: Scope): PStr {
    const pieces: (Part | PStr)[] = [];
    node.quasis.forEach((q, i) => {
      pieces.push(q.value.cooked ?? q.value.raw);
      const e = node.expressions[i];
      if (e) pieces.push(this.textOf(this.val(e, scope)));
    });
    return joinParts(pieces);
  }

  /** A value as string text (JS string conversion); what cannot be converted is a hole. */
  textOf(v: Val): PStr {
    if (v.k === 'obj' || v.k === 'list') return renderJson(v);
    if (v.k === 'null') return { parts: ['null'] };
    return toPStr(v) ?? { parts: [hole('a value is not text', v.loc)] };
  }

  private object(node: ObjectExpression, scope: Scope): Val {
    const entries: ObjEntry[] = [];
    const index = new Map<string, number>();
    let more: string | undefined;
    // A later property of the same name replaces the earlier one in place, as in JavaScript.
    const put = (e: ObjEntry) => {
      const at = index.get(e.key);
      if (at !== undefined) entries[at] = e;
      else index.set(e.key, entries.push(e) - 1);
    };
    for (const p of node.properties) {
      if (p.type === 'SpreadElement') {
        const v = this.val(p.argument, scope);
        if (v.k === 'obj') {
          v.entries.forEach(put);
          more ??= v.more;
        } else if (v.k === 'unknown') more ??= v.reason;
        continue;
      }
      if (p.type === 'ObjectMethod') continue;
      const key = propertyName(this, p.key, p.computed, scope);
      if (key.k !== 'str' || key.s.parts.length !== 1 || typeof key.s.parts[0] !== 'string') {
        more ??= key.k === 'unknown' ? key.reason : `the key \`${this.snippet(p.key)}\` is not known`;
        continue;
      }
      if (p.value.type === 'Identifier' && p.value.name === 'undefined' && !scope.lookup('undefined')) continue;
      put({ key: key.s.parts[0], keyLoc: this.loc(p.key), value: this.val(p.value, scope) });
    }
    return objVal(entries, this.loc(node), more);
  }

  private array(elements: readonly (Node | null)[], scope: Scope, loc: Loc): Val {
    const items: Val[] = [];
    let more: string | undefined;
    for (const el of elements) {
      if (!el) items.push({ k: 'null', loc });
      else if (el.type === 'SpreadElement') {
        const v = this.val(el.argument, scope);
        if (v.k === 'list') {
          items.push(...v.items);
          more ??= v.more;
        } else more ??= v.k === 'unknown' ? v.reason : `\`${this.snippet(el)}\` is not a list`;
      } else items.push(this.val(el, scope));
    }
    return listVal(items, loc, more);
  }

  private identifier(name: string, node: Node, scope: Scope): Ev {
    const b = scope.lookup(name);
    if (!b) return globalName(name, this.loc(node)) ?? ev(this.unknown(node, 'is not declared in this file'));
    return this.binding(b, node);
  }

  /** The value a binding holds (memoized); `use` is where it is read. */
  binding(b: Binding, use: Node): Ev {
    const cached = this.memo.get(b);
    if (cached) return cached;
    if (this.inProgress.has(b)) return ev(this.unknown(use, 'refers to itself'));
    this.inProgress.add(b);
    try {
      const e = this.bindingValue(b, use);
      this.memo.set(b, e);
      return e;
    } finally {
      this.inProgress.delete(b);
    }
  }

  private bindingValue(b: Binding, use: Node): Ev {
    switch (b.kind) {
      case 'import':
        return importValue(b, this, use);
      case 'param':
        return ev(this.unknown(use, 'is a function parameter'));
      case 'loop':
        return ev(this.unknown(use, 'is a loop variable'));
      case 'catch':
      case 'class':
        return ev(this.unknown(use, 'is not a value known before the program runs'));
      case 'function':
        return b.node.type === 'FunctionDeclaration'
          ? { t: 'fn', node: b.node, scope: b.scope }
          : ev(this.unknown(use, 'is a function'));
    }
    if (b.reassigned)
      return ev(this.unknown(use, `is reassigned (declared with ${b.kind}), so its value is not known here`));
    if (!b.init) return ev(this.unknown(use, 'is declared without a value'));
    if (b.isRest) return ev(this.unknown(use, 'collects the rest of a destructured value'));
    let e = this.eval(b.init, b.scope);
    for (const step of b.path ?? []) e = memberOf(this, e, step, use);
    if (b.fallback && e.t === 'val' && e.v.k === 'null') return this.eval(b.fallback, b.scope);
    return e;
  }

  callFunction(fn: Extract<Ev, { t: 'fn' }>, args: readonly Ev[], at: Node): Ev {
    const body = fn.node.body;
    const scope = new Scope(fn.scope, true);
    fn.node.params.forEach((p, i) => {
      declarePattern(p, { kind: 'param', node: p }, scope, []);
      for (const b of scope.own())
        if (b.node === p && !this.memo.has(b))
          this.memo.set(b, this.stepInto(args[i] ?? ev({ k: 'null', loc: this.loc(at) }), b, at));
    });
    if (body.type !== 'BlockStatement') return this.eval(body, scope);
    const ret = body.body.length === 1 && body.body[0].type === 'ReturnStatement' ? body.body[0] : undefined;
    if (!ret?.argument) return ev(this.unknown(at, 'runs a callback whose body is more than one return statement'));
    return this.eval(ret.argument, scope);
  }

  /** The part of an argument a destructured parameter binds. */
  private stepInto(arg: Ev, b: Binding, at: Node): Ev {
    let e = arg;
    for (const step of b.path ?? []) e = memberOf(this, e, step, at);
    return e;
  }

  resource(node: NewExpression, scope: Scope, kind: ResourceKind): Ev {
    const known = this.resources.get(node);
    if (known) return { t: 'res', res: known };
    const [nameArg, argsArg] = node.arguments;
    const logical = nameArg ? this.val(nameArg, scope) : this.unknown(node, 'has no name');
    const label = logical.k === 'str' ? renderPStr(logical.s) : '(name not known)';
    const address = this.addresses.unique(`${kind.display} ${label}`);
    const labelLoc = { file: this.file, start: node.start ?? 0, end: nameArg?.end ?? node.callee.end ?? 0 };
    const compute = () => {
      if (!argsArg) return objVal([], this.loc(node));
      const v = this.val(argsArg, scope);
      if (v.k === 'obj') return v;
      return objVal([], v.loc, v.k === 'unknown' ? v.reason : `the arguments of ${address} are not an object`);
    };
    const res = new PulumiResource(kind, address, logical, this.loc(node), labelLoc, compute);
    this.resources.set(node, res);
    return { t: 'res', res };
  }

  /** A resource used as a value (`role: role`): Pulumi passes its id (a role's name). */
  private resourceId(r: PulumiResource, node: Node): Val {
    return resourceAttr(r, 'id', this.loc(node));
  }
}

/** Globals the evaluator knows: `JSON.stringify`, `String(...)`, `require(...)`, `undefined`. */
function globalName(name: string, loc: Loc): Ev | undefined {
  if (name === 'JSON' || name === 'String' || name === 'Object' || name === 'process' || name === 'require')
    return { t: 'ns', path: [name] };
  if (name === 'undefined') return { t: 'val', v: { k: 'null', loc } };
  return undefined;
}

/** An import: the Pulumi SDKs become namespaces; anything else is not followed. */
function importValue(b: Binding, ctx: ScriptEvaluator, use: Node): Ev {
  const from = b.from!;
  const ns = moduleNamespace(from.module);
  if (!ns) return ev(ctx.unknown(use, `is imported from ${from.module}, which is not followed`));
  if (from.imported === '*' || from.imported === 'default') return ns;
  return { t: 'ns', path: [...ns.path, from.imported] };
}
