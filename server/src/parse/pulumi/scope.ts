// Lexical scopes of a script: what each name is bound to (a constant's initializer, an import, a
// parameter, a loop variable), so that the evaluator resolves a name the way JavaScript would.

import type { Expression, LVal, Node, Statement } from '@babel/types';

/** How a name was declared; only `const` (and never-reassigned `let`/`var`) values are followed. */
export type BindingKind = 'const' | 'let' | 'var' | 'param' | 'loop' | 'catch' | 'import' | 'function' | 'class';

/** One step from a destructured value to the bound name: a property key or an array index. */
export type PathStep = string | number;

export interface Binding {
  readonly name: string;
  readonly kind: BindingKind;
  /** Where the initializer is evaluated. */
  readonly scope: Scope;
  /** The declaration (for messages and fixes). */
  readonly node: Node;
  readonly init?: Expression;
  /** Destructuring: the property keys and indices from the initializer's value to this name. */
  readonly path?: readonly PathStep[];
  /** Destructuring default (`const { a = 1 } = x`). */
  readonly fallback?: Expression;
  /** A rest element (`const { a, ...rest } = x`): never followed. */
  readonly isRest?: boolean;
  /** Imports: the module and the imported name (`*` for a namespace import). */
  readonly from?: { readonly module: string; readonly imported: string };
  /** Set when the name is assigned to after its declaration. */
  reassigned: boolean;
}

/** A block, function or program scope. */
export class Scope {
  private readonly names = new Map<string, Binding>();

  constructor(
    readonly parent: Scope | undefined,
    /** The nearest function (or program) scope: where `var` declarations live. */
    readonly isFunction: boolean,
  ) {}

  /** The binding a name refers to here, searching outwards. */
  lookup(name: string): Binding | undefined {
    return this.names.get(name) ?? this.parent?.lookup(name);
  }

  /** The nearest function or program scope. */
  functionScope(): Scope {
    return this.isFunction || !this.parent ? this : this.parent.functionScope();
  }

  /** The bindings declared in this scope itself. */
  own(): Binding[] {
    return [...this.names.values()];
  }

  declare(b: Omit<Binding, 'reassigned' | 'scope'>, scope: Scope = this): void {
    if (!this.names.has(b.name)) this.names.set(b.name, { ...b, scope, reassigned: false });
  }
}

/** Declares the names a list of statements introduces in `scope` (hoisting: before anything is visited). */
export function declareStatements(statements: readonly Statement[], scope: Scope): void {
  for (const s of statements) declareStatement(s, scope);
}

function declareStatement(s: Statement, scope: Scope): void {
  switch (s.type) {
    case 'ExportNamedDeclaration':
      if (s.declaration) declareStatement(s.declaration, scope);
      return;
    case 'ExportDefaultDeclaration':
      if (s.declaration.type === 'FunctionDeclaration' || s.declaration.type === 'ClassDeclaration')
        declareStatement(s.declaration, scope);
      return;
    case 'VariableDeclaration': {
      const kind = s.kind === 'const' || s.kind === 'let' || s.kind === 'var' ? s.kind : 'const';
      const target = kind === 'var' ? scope.functionScope() : scope;
      for (const d of s.declarations) declarePattern(d.id, { kind, init: d.init ?? undefined, node: d }, target, []);
      return;
    }
    case 'FunctionDeclaration':
      if (s.id) scope.declare({ name: s.id.name, kind: 'function', node: s });
      return;
    case 'ClassDeclaration':
      if (s.id) scope.declare({ name: s.id.name, kind: 'class', node: s });
      return;
    case 'ImportDeclaration':
      for (const spec of s.specifiers) {
        const imported =
          spec.type === 'ImportNamespaceSpecifier'
            ? '*'
            : spec.type === 'ImportDefaultSpecifier'
              ? 'default'
              : spec.imported.type === 'Identifier'
                ? spec.imported.name
                : spec.imported.value;
        scope.declare({
          name: spec.local.name,
          kind: 'import',
          node: spec,
          from: { module: s.source.value, imported },
        });
      }
      return;
    case 'TSImportEqualsDeclaration':
      if (s.moduleReference.type === 'TSExternalModuleReference') {
        scope.declare({
          name: s.id.name,
          kind: 'import',
          node: s,
          from: { module: s.moduleReference.expression.value, imported: '*' },
        });
      }
      return;
  }
}

interface DeclInfo {
  readonly kind: BindingKind;
  readonly init?: Expression;
  readonly node: Node;
  readonly fallback?: Expression;
  readonly isRest?: boolean;
}

/** Declares every name in a binding pattern with the path from the initializer's value to it. */
export function declarePattern(id: LVal | Node, info: DeclInfo, scope: Scope, path: readonly PathStep[]): void {
  switch (id.type) {
    case 'Identifier':
      scope.declare({
        name: id.name,
        kind: info.kind,
        init: info.init,
        node: info.node,
        path: path.length ? path : undefined,
        fallback: info.fallback,
        isRest: info.isRest,
      });
      return;
    case 'ObjectPattern':
      for (const p of id.properties) {
        if (p.type === 'RestElement') {
          declarePattern(p.argument, { ...info, isRest: true }, scope, path);
          continue;
        }
        const key = p.computed
          ? undefined
          : p.key.type === 'Identifier'
            ? p.key.name
            : p.key.type === 'StringLiteral'
              ? p.key.value
              : undefined;
        declarePattern(p.value, info, scope, [...path, key ?? '\u0000computed']);
      }
      return;
    case 'ArrayPattern':
      id.elements.forEach((el, i) => {
        if (el) declarePattern(el, info, scope, [...path, i]);
      });
      return;
    case 'AssignmentPattern':
      declarePattern(id.left, { ...info, fallback: id.right }, scope, path);
      return;
    case 'RestElement':
      declarePattern(id.argument, { ...info, isRest: true }, scope, path);
      return;
    case 'TSParameterProperty':
      declarePattern(id.parameter, info, scope, path);
      return;
  }
}

/** Marks the names an assignment target writes to as reassigned. */
export function markAssigned(target: Node, scope: Scope): void {
  switch (target.type) {
    case 'Identifier': {
      const b = scope.lookup(target.name);
      if (b) b.reassigned = true;
      return;
    }
    case 'ObjectPattern':
      for (const p of target.properties) markAssigned(p.type === 'RestElement' ? p.argument : p.value, scope);
      return;
    case 'ArrayPattern':
      for (const el of target.elements) if (el) markAssigned(el, scope);
      return;
    case 'AssignmentPattern':
      markAssigned(target.left, scope);
      return;
    case 'RestElement':
      markAssigned(target.argument, scope);
      return;
    case 'TSAsExpression':
    case 'TSNonNullExpression':
    case 'TSSatisfiesExpression':
    case 'ParenthesizedExpression':
      markAssigned(target.expression, scope);
      return;
  }
}
