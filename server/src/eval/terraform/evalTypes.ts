// Types shared by the Terraform evaluator's parts: the evaluation environment, the evaluator
// interface the expression code calls back into, and side tables attached to values.

import type { Loc } from '../../model/loc';
import type { ReadResult } from '../../util/readInside';
import type { ParseProblem } from '../../model/source';
import type { Val } from '../../model/value';
import type { Expr, Span } from '../../parse/hcl/ast';
import type { ModuleIndex } from '../../parse/terraform/moduleIndex';
import type { ResourceInstance } from './resourceInstance';

/** The per-instance values of a resource block with `count` or `for_each`. */
export interface InstanceBinding {
  readonly address: string;
  readonly countIndex?: Val;
  readonly eachKey?: Val;
  readonly eachValue?: Val;
}

/** Where an expression is evaluated: its file, local names (for-variables, iterators) and block instance. */
export interface Env {
  readonly file: string;
  readonly vars?: ReadonlyMap<string, Val>;
  readonly parent?: Env;
  readonly instance?: InstanceBinding;
  /** Variable defaults and tfvars: references are not allowed. */
  readonly constOnly?: boolean;
}

/** A child scope of `env` that defines `vars`. */
export function childEnv(env: Env, vars: ReadonlyMap<string, Val>): Env {
  return { file: env.file, vars, parent: env, instance: env.instance, constOnly: env.constOnly };
}

/** Looks a local name up through the scope chain. */
export function lookupVar(env: Env | undefined, name: string): Val | undefined {
  for (let e = env; e; e = e.parent) {
    const v = e.vars?.get(name);
    if (v) return v;
  }
  return undefined;
}

/** Evaluates expressions in order (a loop: this runs for every tuple and call). */
export function evalAll(ev: Evaluator, exprs: readonly Expr[], env: Env): Val[] {
  const out: Val[] = new Array(exprs.length);
  for (let i = 0; i < exprs.length; i++) out[i] = ev.evalExpr(exprs[i], env);
  return out;
}

/** The Loc of `span` in the file of `env`. */
export function locIn(env: Env, span: Span): Loc {
  return { file: env.file, start: span.start, end: span.end };
}

/**
 * Facts about values kept beside them (values are immutable plain objects):
 * - `encoded`: the value stands for its JSON encoding (`jsonencode(x)`, heredoc JSON, a policy document's `.json`);
 * - `problems`: JSON syntax problems found while decoding the text the value came from;
 * - `headers`: for nested-block objects, the block header's location.
 */
export class ValMarks {
  readonly encoded = new WeakSet<object>();
  readonly problems = new WeakMap<object, readonly ParseProblem[]>();
  readonly headers = new WeakMap<object, Loc>();
  /** Whether any value got problems (lets the problem collection skip its walk). */
  hasProblems = false;

  /** Attaches JSON problems to `v`. */
  addProblems(v: Val, problems: readonly ParseProblem[]): void {
    if (!problems.length) return;
    this.problems.set(v, problems);
    this.hasProblems = true;
  }

  markEncoded<T extends Val>(v: T): T {
    if (v.k === 'obj' || v.k === 'list' || v.k === 'str') this.encoded.add(v);
    return v;
  }

  isEncoded(v: Val): boolean {
    return this.encoded.has(v);
  }

  /** Gives `to` (a copy of `from`) the marks of `from`; returns `to`. */
  copy<T extends Val>(from: Val, to: T): T {
    if (this.encoded.has(from)) this.encoded.add(to);
    const problems = this.problems.get(from);
    if (problems) this.addProblems(to, problems);
    const header = this.headers.get(from);
    if (header) this.headers.set(to, header);
    return to;
  }
}

/** A file() read that gave no text, and why. */
export interface ReadFailure {
  readonly failed: Exclude<ReadResult, { kind: 'text' }>;
}

/** A file read by `file()`/`templatefile()`: its id for Locs and its text. */
export interface ModuleFile {
  readonly id: string;
  readonly text: string;
}

/** What `module.<name>` gives a traversal: the value without index, one instance, one output. */
export interface ModuleRefTarget {
  readonly counted: boolean;
  wholeValue(useLoc: Loc): Val;
  instanceObject(useLoc: Loc): Val;
  output(name: string, useLoc: Loc): Val;
}

/** What the expression, function and block code needs from the module evaluator. */
export interface Evaluator {
  /** The module directory (`path.module`). */
  readonly dir: string;
  /** `module.a.` inside module a (empty for the root module): prefixes resource addresses. */
  readonly prefix?: string;
  readonly index: ModuleIndex;
  readonly marks: ValMarks;
  evalExpr(e: Expr, env: Env): Val;
  /** Counts work done in a loop (a function over a large list); throws LimitError past the budget. */
  charge(units: number): void;
  /** Elements plus string characters of a value, shared parts counted each time. */
  sizeOf(v: Val): number;
  /** `var.<name>`: tfvars value, else default, else unknown. */
  variable(name: string, useLoc: Loc): Val;
  /** `local.<name>`, evaluated once, with cycle detection. */
  local(name: string, useLoc: Loc): Val;
  /** The resource or data block with this address (`aws_iam_role.x`, `data.aws_region.r`). */
  instance(address: string): ResourceInstance | undefined;
  /** `module.<name>.<output>` (see moduleCall.ts). */
  moduleRef?(name: string, useLoc: Loc): ModuleRefTarget | undefined;
  /** The text of a module file by id (for templates whose raw text is needed). */
  fileText(id: string): string | undefined;
  /** Reads a file relative to the module directory (or absolute), within the read policy. */
  readModuleFile(path: string): ModuleFile | ReadFailure;
}
