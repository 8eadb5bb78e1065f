// One pass over a script's syntax tree: builds the scopes, marks reassigned names, and records
// every `new` expression with its scope and whether it runs conditionally (inside a condition,
// loop, callback, function or class), for program.ts to evaluate afterwards.

import type { Node, NewExpression, Statement } from '@babel/types';
import { isChildKey, isNode } from './ast';
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

const FUNCTIONS = new Set([
  'FunctionDeclaration',
  'FunctionExpression',
  'ArrowFunctionExpression',
  'ObjectMethod',
  'ClassMethod',
  'ClassPrivateMethod',
]);
const CONDITIONAL_BODIES = new Set([
  'WhileStatement',
  'DoWhileStatement',
  'SwitchCase',
  'ClassProperty',
  'ClassPrivateProperty',
  'StaticBlock',
]);

/** Walks a program's statements. */
export function walkProgram(body: readonly Statement[]): WalkResult {
  const root = new Scope(undefined, true);
  declareStatements(body, root);
  const w = new Walker();
  for (const s of body) w.visit(s, root, false, 0);
  return { root, sites: w.sites, tooDeep: w.tooDeep };
}

/** Nodes without children the walker cares about (most of a program): returned from at once. */
const LEAVES = new Set([
  'Identifier',
  'StringLiteral',
  'NumericLiteral',
  'BooleanLiteral',
  'NullLiteral',
  'TemplateElement',
  'ThisExpression',
  'Super',
  'RegExpLiteral',
  'BigIntLiteral',
]);

class Walker {
  readonly sites: NewSite[] = [];
  tooDeep: Node | undefined;

  visit(node: Node, scope: Scope, conditional: boolean, depth: number): void {
    if (LEAVES.has(node.type)) return;
    if (depth > MAX_DEPTH) {
      this.tooDeep ??= node;
      return;
    }
    const d = depth + 1;
    if (FUNCTIONS.has(node.type)) return this.visitFunction(node, scope, d);
    switch (node.type) {
      case 'BlockStatement': {
        const s = new Scope(scope, false);
        declareStatements(node.body, s);
        for (const c of node.body) this.visit(c, s, conditional, d);
        return;
      }
      case 'ForStatement':
      case 'ForInStatement':
      case 'ForOfStatement':
        return this.visitLoop(node, scope, conditional, d);
      case 'CatchClause': {
        const s = new Scope(scope, false);
        if (node.param) declarePattern(node.param, { kind: 'catch', node: node.param }, s, []);
        this.visit(node.body, s, true, d);
        return;
      }
      case 'IfStatement':
      case 'ConditionalExpression':
        this.visit(node.test, scope, conditional, d);
        this.visit(node.consequent, scope, true, d);
        if (node.alternate) this.visit(node.alternate, scope, true, d);
        return;
      case 'LogicalExpression':
        this.visit(node.left, scope, conditional, d);
        this.visit(node.right, scope, true, d);
        return;
      case 'AssignmentExpression':
        markAssigned(node.left, scope);
        break;
      case 'UpdateExpression':
        markAssigned(node.argument, scope);
        break;
      case 'NewExpression':
        this.sites.push({ node, scope, conditional });
        break;
    }
    this.visitChildren(node, scope, conditional || CONDITIONAL_BODIES.has(node.type), d);
  }

  /** Every child node, without allocating (this is the walker's hot loop). */
  private visitChildren(node: Node, scope: Scope, conditional: boolean, depth: number): void {
    const record = node as unknown as Record<string, unknown>;
    for (const key in record) {
      const value = record[key];
      if (!value || typeof value !== 'object' || !isChildKey(key)) continue;
      if (Array.isArray(value)) {
        for (const v of value) if (isNode(v)) this.visit(v, scope, conditional, depth);
      } else if (isNode(value)) this.visit(value, scope, conditional, depth);
    }
  }

  private visitFunction(node: Node, scope: Scope, depth: number): void {
    if (!('params' in node) || !('body' in node)) return;
    const s = new Scope(scope, true);
    for (const p of node.params) declarePattern(p, { kind: 'param', node: p }, s, []);
    for (const p of node.params) this.visit(p, s, true, depth);
    const body = node.body as Node;
    if (body.type !== 'BlockStatement') return this.visit(body, s, true, depth);
    declareStatements(body.body, s);
    for (const c of body.body) this.visit(c, s, true, depth);
  }

  /** A loop's head variables are loop bindings; its iterable runs once, the rest conditionally. */
  private visitLoop(node: Node, scope: Scope, conditional: boolean, depth: number): void {
    if (node.type !== 'ForStatement' && node.type !== 'ForInStatement' && node.type !== 'ForOfStatement') return;
    const s = new Scope(scope, false);
    const head = node.type === 'ForStatement' ? node.init : node.left;
    if (head?.type === 'VariableDeclaration') {
      for (const decl of head.declarations) declarePattern(decl.id, { kind: 'loop', node: decl }, s, []);
    } else if (head && node.type !== 'ForStatement') markAssigned(head, scope);
    if (head) this.visit(head, s, conditional, depth);
    if (node.type === 'ForStatement') {
      for (const part of [node.test, node.update]) if (part) this.visit(part, s, true, depth);
    } else this.visit(node.right, s, conditional, depth);
    this.visit(node.body, s, true, depth);
  }
}
