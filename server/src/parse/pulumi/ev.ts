// What a script expression evaluates to: a model value, or one of the few non-data things the
// evaluator follows (an SDK namespace, a resource object, a callback, a pulumi.Config object).

import type { ArrowFunctionExpression, FunctionDeclaration, FunctionExpression, Node } from '@babel/types';
import type { Loc } from '../../model/loc';
import type { Val } from '../../model/value';
import type { PulumiResource } from './resources';
import type { Scope } from './scope';

export type FunctionNode = ArrowFunctionExpression | FunctionExpression | FunctionDeclaration;

/**
 * `ns` is a path into a known module or global: `['aws', 'iam', 'Role']` for `@pulumi/aws`,
 * `['pulumi', 'interpolate']` for `@pulumi/pulumi`, `['JSON', 'stringify']`.
 */
export type Ev =
  | { readonly t: 'val'; readonly v: Val }
  | { readonly t: 'ns'; readonly path: readonly string[] }
  | { readonly t: 'res'; readonly res: PulumiResource }
  | { readonly t: 'fn'; readonly node: FunctionNode; readonly scope: Scope }
  | { readonly t: 'config' };

/** Wraps a value. */
export function ev(v: Val): Ev {
  return { t: 'val', v };
}

/** What the call and member helpers need from the evaluator. */
export interface ScriptEval {
  readonly file: string;
  /** Evaluates an expression in a scope. */
  eval(node: Node, scope: Scope): Ev;
  /** Evaluates an expression to a model value (resources become their id, other things unknown). */
  val(node: Node, scope: Scope): Val;
  /** A value of an evaluation, located at `node` when it is not data. */
  toVal(e: Ev, node: Node): Val;
  /** An unknown value at `node` whose reason names the expression: "`config.require("x")` <why>". */
  unknown(node: Node, why: string): Val;
  /** Calls an inline callback (`.then(d => d.json)`, `.apply(arn => ...)`) with evaluated arguments. */
  callFunction(fn: Extract<Ev, { t: 'fn' }>, args: readonly Ev[], at: Node): Ev;
  loc(node: Node): Loc;
}

/** `@pulumi/aws` -> aws, `@pulumi/aws/iam` -> aws.iam, `@pulumi/pulumi` -> pulumi; other modules are not followed. */
export function moduleNamespace(module: string): Extract<Ev, { t: 'ns' }> | undefined {
  const m = /^@pulumi\/(aws|pulumi)(?:\/([A-Za-z]+))?$/.exec(module);
  return m ? { t: 'ns', path: [m[1], ...(m[2] ? [m[2]] : [])] } : undefined;
}
