// One pass over a script's syntax tree: builds the scopes, marks reassigned names, and records
// every `new` expression with its scope and whether it runs conditionally (inside a condition,
// loop, callback, function or class), for program.ts to evaluate afterwards.

import type { Node, NewExpression, Statement } from '@babel/types';
import { children } from './ast';
import { declarePattern, declareStatements, markAssigned, Scope } from './scope';

/** A `new` expression and where it is. */
export interface NewSite {
  readonly node: NewExpression;
  readonly scope: Scope;
  readonly conditional: boolean;
}

export interface WalkResult {
  readonly root: Scope;
  readonly sites: readonly NewSite[];
  /** Where the tree is nested beyond the walker's limit (not walked further). */
  readonly tooDeep?: Node;
}

/** Nesting of syntax nodes beyond which the walker stops (a generated or hostile file). */
const MAX_DEPTH = 400;

const FUNCTIONS = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'ObjectMethod', 'ClassMethod', 'ClassPrivateMethod']);
const LOOPS = new Set(['ForStatement', 'ForInStatement', 'ForOfStatement']);
const CONDITIONAL_BODIES = new Set(['WhileStatement', 'DoWhileStatement', 'SwitchCase', 'ClassProperty', 'ClassPrivateProperty', 'StaticBlock']);

/** Walks a program's statements. */
export function walkProgram(body: readonly Statement[]): WalkResult {
  const root = new Scope(undefined, true);
  declareStatements(body, root);
  const sites: NewSite[] = [];
  const state = { sites, tooDeep: undefined as Node | undefined };
  for (const s of body) visit(s, root, false, 0, state);
  return { root, sites, tooDeep: state.tooDeep };
}

interface WalkState {
  readonly sites: NewSite[];
  tooDeep: Node | undefined;
}

function visit(node: Node, scope: Scope, conditional: boolean, depth: number, st: WalkState): void {
  if (depth > MAX_DEPTH) {
    st.tooDeep ??= node;
    return;
  }
  const next: Next = (n, s = scope, c = false) => {
    if (n) visit(n, s, conditional || c, depth + 1, st);
  };
  if (FUNCTIONS.has(node.type)) return visitFunction(node, scope, next);
  switch (node.type) {
    case 'BlockStatement': {
      const s = new Scope(scope, false);
      declareStatements(node.body, s);
      for (const c of node.body) next(c, s);
      return;
    }
    case 'ForStatement':
    case 'ForInStatement':
    case 'ForOfStatement':
      return visitLoop(node, scope, next);
    case 'CatchClause': {
      const s = new Scope(scope, false);
      if (node.param) declarePattern(node.param, { kind: 'catch', node: node.param }, s, []);
      next(node.body, s, true);
      return;
    }
    case 'IfStatement':
      next(node.test);
      next(node.consequent, scope, true);
      next(node.alternate, scope, true);
      return;
    case 'ConditionalExpression':
      next(node.test);
      next(node.consequent, scope, true);
      next(node.alternate, scope, true);
      return;
    case 'LogicalExpression':
      next(node.left);
      next(node.right, scope, true);
      return;
    case 'AssignmentExpression':
      markAssigned(node.left, scope);
      break;
    case 'UpdateExpression':
      markAssigned(node.argument, scope);
      break;
    case 'NewExpression':
      st.sites.push({ node, scope, conditional });
      break;
  }
  const c = CONDITIONAL_BODIES.has(node.type);
  for (const child of children(node)) next(child, scope, c);
}

/** Visits a child, in scope `s`, conditionally when `c` (or when the parent is). */
type Next = (n: Node | null | undefined, s?: Scope, c?: boolean) => void;

function visitFunction(node: Node, scope: Scope, next: Next): void {
  if (!('params' in node) || !('body' in node)) return;
  const s = new Scope(scope, true);
  for (const p of node.params) declarePattern(p, { kind: 'param', node: p }, s, []);
  for (const p of node.params) next(p, s, true);
  const body = node.body as Node;
  if (body.type !== 'BlockStatement') return next(body, s, true);
  declareStatements(body.body, s);
  for (const c of body.body) next(c, s, true);
}

function visitLoop(node: Node, scope: Scope, next: Next): void {
  if (!LOOPS.has(node.type)) return;
  const s = new Scope(scope, false);
  const head = node.type === 'ForStatement' ? node.init : 'left' in node ? node.left : null;
  if (head?.type === 'VariableDeclaration') {
    for (const d of head.declarations) declarePattern(d.id, { kind: 'loop', node: d }, s, []);
  } else if (head && node.type !== 'ForStatement') markAssigned(head, scope);
  for (const child of children(node)) next(child, s, child !== head && child !== ('right' in node ? node.right : null));
}
