// The evaluation state of one module: variables, locals (with cycle detection), resource
// instances, and files read by file()/templatefile(). One instance per evaluation; nothing global.

import * as nodePath from 'node:path';
import type { Loc } from '../../model/loc';
import type { Val } from '../../model/value';
import type { Expr } from '../../parse/hcl/ast';
import type { ReadResult } from '../../util/readInside';
import { EvalBudget } from '../../parse/evalBudget';
import { type Env, type Evaluator, locIn, type ModuleFile, type ReadFailure, ValMarks } from './evalTypes';
import { ModuleCall, type ModuleScope } from './moduleCall';
import { evaluateInOrder } from './evalOrder';
import { evalExpr } from './expressions';
import type { ModuleIndex } from '../../parse/terraform/moduleIndex';
import { ResourceInstance } from './resourceInstance';
import { errorVal, unknownVal } from '../../parse/values';

/** Reads a file named by file() or templatefile() (an absolute path); see util/readInside.ts. */
export type FileReader = (path: string) => ReadResult;

/** The Evaluator of one module evaluation. */
export class ModuleEvaluator implements Evaluator {
  readonly marks: ValMarks;
  /** Bounds nesting, total work and value sizes (shared by the modules it calls); its problems are PG801 findings. */
  readonly budget: EvalBudget;
  /** `module.a.` inside module a (empty for the root module): prefixes resource addresses. */
  readonly prefix: string;
  private readonly calls = new Map<string, ModuleCall | undefined>();
  private readonly outputs = new Map<string, Val>();
  private readonly busyOutputs = new Set<string>();
  private readonly vars = new Map<string, Val>();
  private readonly locals = new Map<string, Val>();
  private readonly localStack: string[] = [];
  private readonly instances = new Map<string, ResourceInstance>();
  private readonly readFiles = new Map<string, ModuleFile | ReadFailure>();

  constructor(
    readonly dir: string,
    readonly index: ModuleIndex,
    private readonly texts: ReadonlyMap<string, string>,
    private readonly readFile: FileReader,
    /** Where this module sits in the module tree; undefined when modules are not followed. */
    readonly scope?: ModuleScope,
  ) {
    this.marks = scope?.tree.marks ?? new ValMarks();
    this.budget = scope?.tree.budget ?? new EvalBudget();
    this.prefix = scope?.prefix ?? '';
  }

  evalExpr(e: Expr, env: Env): Val {
    return this.budget.run(locIn(env, e), () => evalExpr(this, e, env));
  }

  charge(units: number): void {
    this.budget.charge(units);
  }

  sizeOf(v: Val): number {
    return this.budget.sizeOf(v);
  }

  /** Evaluates every local and resource, each after what it references (see evalOrder.ts). */
  evaluateAll(): void {
    evaluateInOrder({
      index: this.index,
      evaluateLocal: (name) => void this.local(name, this.localLoc(name)),
      evaluateResource: (address) => this.instance(address)?.evaluateAll(),
    });
  }

  variable(name: string, useLoc: Loc): Val {
    const hit = this.vars.get(name);
    if (hit) return hit;
    const decl = this.index.variables.get(name);
    if (!decl) return errorVal(`var.${name} is not declared in this module`, useLoc);
    const input = this.scope?.inputs?.(name);
    if (input) return input;
    const tfvar = this.scope?.inputs ? undefined : this.index.tfvars.get(name);
    let v: Val;
    if (tfvar) v = this.evalExpr(tfvar.node.expr, { file: tfvar.file, constOnly: true });
    else {
      const def = decl.node.body.items.find((i) => i.kind === 'attribute' && i.name.name === 'default');
      if (!def || def.kind !== 'attribute')
        return unknownVal(
          this.scope?.inputs
            ? `${this.scope.callName} does not set var.${name} (required)`
            : `var.${name} has no default`,
          useLoc,
        );
      v = this.evalExpr(def.expr, { file: decl.file, constOnly: true });
    }
    this.vars.set(name, v);
    return v;
  }

  local(name: string, useLoc: Loc): Val {
    const hit = this.locals.get(name);
    if (hit) return hit;
    const decl = this.index.locals.get(name);
    if (!decl) return errorVal(`local.${name} is not defined`, useLoc);
    const at = this.localStack.indexOf(name);
    if (at >= 0) {
      const chain = [...this.localStack.slice(at), name].map((n) => `local.${n}`).join(' → ');
      return unknownVal(`local.${name} refers to itself (${chain})`, useLoc);
    }
    this.localStack.push(name);
    const v = this.evalExpr(decl.node.expr, { file: decl.file });
    this.localStack.pop();
    this.locals.set(name, v);
    return v;
  }

  private localLoc(name: string): Loc {
    const decl = this.index.locals.get(name)!;
    return { file: decl.file, start: decl.node.start, end: decl.node.end };
  }

  instance(address: string): ResourceInstance | undefined {
    let inst = this.instances.get(address);
    if (!inst) {
      const decl = this.index.resources.get(address);
      if (!decl) return undefined;
      inst = new ResourceInstance(this, decl);
      this.instances.set(address, inst);
    }
    return inst;
  }

  /** `output "<name>"`'s value, evaluated once (a module reading its own output through a call is unknown). */
  output(name: string, useLoc: Loc): Val {
    const hit = this.outputs.get(name);
    if (hit) return hit;
    const decl = this.index.outputs.get(name);
    if (!decl) return errorVal(`${this.scope?.callName ?? 'the module'} has no output "${name}"`, useLoc);
    if (this.busyOutputs.has(name))
      return unknownVal(`output "${name}" of ${this.scope?.callName ?? 'the module'} depends on itself`, useLoc);
    const value = decl.node.body.items.find((i) => i.kind === 'attribute' && i.name.name === 'value');
    if (!value || value.kind !== 'attribute') return errorVal(`output "${name}" has no value`, useLoc);
    this.busyOutputs.add(name);
    const v = this.evalExpr(value.expr, { file: decl.file });
    this.busyOutputs.delete(name);
    this.outputs.set(name, v);
    return v;
  }

  moduleRef(name: string): ModuleCall | undefined {
    return this.moduleCall(name);
  }

  /** The `module "<name>"` call of this module, or undefined when there is none. */
  moduleCall(name: string): ModuleCall | undefined {
    if (!this.calls.has(name)) {
      const decl = this.index.moduleCalls.get(name);
      this.calls.set(name, decl && this.scope ? new ModuleCall(this, this.scope, name, decl) : undefined);
    }
    return this.calls.get(name);
  }

  fileText(id: string): string | undefined {
    const read = this.readFiles.get(id);
    return this.texts.get(id) ?? (read && 'text' in read ? read.text : undefined);
  }

  readModuleFile(path: string): ModuleFile | ReadFailure {
    const abs = nodePath.isAbsolute(path) ? nodePath.normalize(path) : nodePath.join(this.dir, path);
    let f = this.readFiles.get(abs);
    if (f === undefined) {
      const r = this.readFile(abs);
      f = r.kind === 'text' ? { id: abs, text: r.text } : { failed: r };
      this.readFiles.set(abs, f);
    }
    return f;
  }
}
