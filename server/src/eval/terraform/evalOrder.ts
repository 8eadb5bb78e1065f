// Evaluates a module's locals and resources leaves first (parse/dependencyOrder.ts): 1,450
// chained locals (valid Terraform) overflowed the stack when each link was evaluated inside the
// previous one. What this order misses (a chain through a function's result, a cycle) is still
// bounded by the evaluation budget.

import { visitInDependencyOrder } from '../../parse/dependencyOrder';
import type { Block, Expr, TemplatePart } from '../../parse/hcl/ast';
import type { ModuleIndex } from '../../parse/terraform/moduleIndex';

/** A local (`local.x`) or a resource or data block (its address). */
export type EvalNode = string;

/** What the order needs from the evaluator: how to evaluate one local or one block. */
export interface OrderTarget {
  readonly index: ModuleIndex;
  evaluateLocal(name: string): void;
  evaluateResource(address: string): void;
}

const LOCAL = 'local.';

/** Evaluates every local and resource of the module, each after what it references. */
export function evaluateInOrder(t: OrderTarget): void {
  const deps = new Map<EvalNode, EvalNode[]>();
  for (const [name, decl] of t.index.locals) deps.set(LOCAL + name, referencesIn(decl.node.expr, t.index));
  for (const [address, decl] of t.index.resources) deps.set(address, referencesIn(decl.block, t.index));
  visitInDependencyOrder(deps, (node) =>
    node.startsWith(LOCAL) ? t.evaluateLocal(node.slice(LOCAL.length)) : t.evaluateResource(node),
  );
}

type AstNode = Expr | Block | TemplatePart;

/** The locals and blocks referenced anywhere in `root` (a walk with an explicit stack). */
export function referencesIn(root: AstNode, index: ModuleIndex): EvalNode[] {
  const out = new Set<EvalNode>();
  const stack: AstNode[] = [root];
  for (let n = stack.pop(); n; n = stack.pop()) {
    if (n.kind === 'getattr') {
      const ref = referenceOf(n, index);
      if (ref) out.add(ref);
    }
    pushChildren(n, stack);
  }
  return [...out];
}

/** `local.x`, `type.name` or `data.type.name` at the root of an attribute chain. */
function referenceOf(e: Expr & { kind: 'getattr' }, index: ModuleIndex): EvalNode | undefined {
  const names: string[] = [];
  let cur: Expr = e;
  while (cur.kind === 'getattr' || cur.kind === 'index') {
    if (cur.kind === 'getattr') names.push(cur.name.name);
    cur = cur.target;
  }
  if (cur.kind !== 'variable') return undefined;
  names.reverse();
  if (cur.name === 'local') return names.length ? LOCAL + names[0] : undefined;
  const address =
    cur.name === 'data'
      ? names.length >= 2
        ? `data.${names[0]}.${names[1]}`
        : undefined
      : names.length
        ? `${cur.name}.${names[0]}`
        : undefined;
  return address && index.resources.has(address) ? address : undefined;
}

function pushChildren(n: AstNode, stack: AstNode[]): void {
  switch (n.kind) {
    case 'block':
      for (const item of n.body.items) stack.push(item.kind === 'block' ? item : item.expr);
      return;
    case 'template':
      pushAll(stack, n.parts);
      return;
    case 'tuple':
      pushAll(stack, n.items);
      return;
    case 'object':
      for (const item of n.items) stack.push(item.key, item.value);
      return;
    case 'getattr':
    case 'index':
    case 'splat':
      stack.push(n.target);
      if (n.kind === 'index') stack.push(n.key);
      if (n.kind === 'splat') stack.push(n.each);
      return;
    case 'call':
      pushAll(stack, n.args);
      return;
    default:
      pushOther(n, stack);
  }
}

function pushOther(n: AstNode, stack: AstNode[]): void {
  switch (n.kind) {
    case 'interp':
      stack.push(n.expr);
      return;
    case 'if':
      stack.push(n.cond);
      pushAll(stack, n.then);
      pushAll(stack, n.else ?? []);
      return;
    case 'for':
      stack.push(n.coll);
      if ('valExpr' in n) {
        stack.push(n.valExpr);
        if (n.keyExpr) stack.push(n.keyExpr);
        if (n.cond) stack.push(n.cond);
      } else pushAll(stack, n.body);
      return;
    case 'conditional':
      stack.push(n.cond, n.then, n.else);
      return;
    case 'binary':
      stack.push(n.left, n.right);
      return;
    case 'unary':
      stack.push(n.operand);
      return;
    case 'paren':
      stack.push(n.expr);
  }
}

/** Pushes every item (a loop: spreading a huge array into push() overflows the stack). */
function pushAll(stack: AstNode[], items: readonly AstNode[]): void {
  for (let i = 0; i < items.length; i++) stack.push(items[i]);
}
