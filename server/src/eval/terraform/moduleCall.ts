// A `module "<name>"` block: its source is resolved (moduleSources.ts), its module evaluated
// with the call's arguments as variables, and its outputs given back to the caller. Like a
// resource block it has one representative instance (count/for_each: count.index and each.*
// unknown unless there is exactly one instance). A module that cannot be followed is reported
// (info), a call past the depth or count limit and a call cycle are PG801; never silent.

import type { Loc } from '../../model/loc';
import type { ModuleCallSite, Tri } from '../../model/resources';
import type { ParseProblem, SourceFile } from '../../model/source';
import type { ObjEntry, Val } from '../../model/value';
import type { Block } from '../../parse/hcl/ast';
import type { EvalBudget } from '../../parse/evalBudget';
import { LIMITS, limitProblem } from '../../parse/limits';
import type { ModuleRefTarget, ValMarks } from './evalTypes';
import type { ParsedTfFile } from '../../parse/terraform/hclFileCache';
import type { Decl } from '../../parse/terraform/moduleIndex';
import type { FileReader, ModuleEvaluator } from './moduleEvaluator';
import type { ModuleResolver } from '../../parse/terraform/moduleSources';
import { ResourceInstance } from './resourceInstance';
import { errorVal, knownText, listVal, objVal, unknownVal } from '../../parse/values';

/** Shared by every module evaluated from one root module. */
export interface ModuleTree {
  readonly resolve: ModuleResolver;
  readonly parse: (f: SourceFile) => ParsedTfFile;
  readonly readFile: FileReader;
  readonly marks: ValMarks;
  readonly budget: EvalBudget;
  /** Syntax problems of module files, unfollowed modules (info), limits and cycles (PG801). */
  readonly problems: ParseProblem[];
  /** `file:start:message` of each problem in `problems`. */
  readonly problemKeys: Set<string>;
  /** Every followed call, in the order followed. */
  readonly calls: ModuleCallSite[];
  /** Creates the evaluator of a called module (breaks the import cycle with moduleEvaluator.ts). */
  readonly evaluator: (dir: string, files: readonly ParsedTfFile[], scope: ModuleScope) => ModuleEvaluator;
}

/** Where one module evaluation sits in the tree. */
export interface ModuleScope {
  readonly tree: ModuleTree;
  /** `module.a.` inside module a; empty for the root. */
  readonly prefix: string;
  /** The modules.json key: `a`, `a.b`; empty for the root. */
  readonly key: string;
  /** The module folders from the root to here (a folder calling itself is a cycle). */
  readonly dirs: readonly string[];
  /** The call that created this evaluation (undefined for the root). */
  readonly site?: ModuleCallSite;
  /** The call's argument for a variable (undefined for the root: tfvars and defaults apply). */
  readonly inputs?: (name: string) => Val | undefined;
  /** `module.a` for messages. */
  readonly callName?: string;
}

/** Meta-arguments of a module block that are not variables of the module. */
const META = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on']);

/** One module call of an evaluated module. */
export class ModuleCall implements ModuleRefTarget {
  readonly address: string;
  private readonly block: ResourceInstance;
  private child?: ModuleEvaluator | null;
  private following = false;
  private why = 'it is not followed';

  constructor(
    private readonly parent: ModuleEvaluator,
    private readonly scope: ModuleScope,
    readonly name: string,
    private readonly decl: Decl<Block>,
  ) {
    this.block = new ResourceInstance(parent, {
      block: decl.node,
      file: decl.file,
      mode: 'managed',
      type: 'module',
      name,
      address: `module.${name}`,
    });
    this.address = this.block.address;
  }

  get counted(): boolean {
    return this.block.repetition().kind !== 'single';
  }

  /** 'no' for `count = 0` or an empty `for_each`; 'unknown' when they are unknown. */
  exists(): Tri {
    return this.block.exists();
  }

  /** The called module's evaluation, or undefined when it is not followed (reported once). */
  evaluator(): ModuleEvaluator | undefined {
    if (this.child !== undefined) return this.child ?? undefined;
    if (this.following) return undefined;
    this.following = true;
    this.child = this.follow() ?? null;
    this.following = false;
    return this.child ?? undefined;
  }

  output(name: string, useLoc: Loc): Val {
    if (this.exists() === 'no') return errorVal(`${this.address} has no instances`, useLoc);
    const ev = this.evaluator();
    if (!ev) return unknownVal(`${this.address}.${name} is unknown: ${this.why}`, useLoc);
    return ev.output(name, useLoc);
  }

  instanceObject(useLoc: Loc): Val {
    const ev = this.evaluator();
    if (!ev) return unknownVal(`the outputs of ${this.address} are unknown: ${this.why}`, useLoc);
    const entries: ObjEntry[] = [...ev.index.outputs.keys()].map((key) => ({
      key,
      keyLoc: useLoc,
      value: ev.output(key, useLoc),
    }));
    return objVal(entries, useLoc);
  }

  wholeValue(useLoc: Loc): Val {
    const r = this.block.repetition();
    if (r.kind === 'single') return this.instanceObject(useLoc);
    if (r.kind === 'count')
      return r.n === undefined
        ? listVal([], useLoc, r.reason)
        : listVal(
            Array.from({ length: r.n }, () => this.instanceObject(useLoc)),
            useLoc,
          );
    if (r.keys === undefined) return objVal([], useLoc, r.reason);
    const inst = this.instanceObject(useLoc);
    return objVal(
      r.keys.map((key) => ({ key, keyLoc: useLoc, value: inst })),
      useLoc,
    );
  }

  private follow(): ModuleEvaluator | undefined {
    const tree = this.scope.tree;
    const source = knownText(this.block.attr('source'));
    const at = this.sourceLoc();
    if (source === undefined)
      return this.skip(`${this.address} is not checked: its source is not a literal string`, at, 'info');
    if (this.scope.dirs.length > LIMITS.moduleDepth)
      return this.skip(
        `${this.address} is not checked: modules nested deeper than ${LIMITS.moduleDepth} levels`,
        at,
        'limit',
      );
    if (tree.calls.length >= LIMITS.moduleCalls)
      return this.skip(
        `${this.address} is not checked: more than ${LIMITS.moduleCalls} module calls from one root module`,
        at,
        'limit',
      );
    const key = this.scope.key ? `${this.scope.key}.${this.name}` : this.name;
    const found = tree.resolve(this.parent.dir, source, key);
    if (found.kind === 'unfollowed')
      return this.skip(`${this.address} ("${source}") is not checked: ${found.reason}`, at, 'info');
    if (this.scope.dirs.includes(found.dir))
      return this.skip(`${this.address} is not checked: the module calls itself (a module call cycle)`, at, 'error');
    if (!found.files.length)
      return this.skip(`${this.address} ("${source}") is not checked: its folder has no .tf files`, at, 'info');
    const parsed = [...found.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)).map(tree.parse);
    for (const p of parsed) for (const problem of p.problems) addProblem(tree, problem);
    const site: ModuleCallSite = {
      address: this.address,
      loc: this.block.labelLoc,
      args: this.args(),
      files: parsed.map((p) => p.id),
      ...(this.scope.site ? { parent: this.scope.site } : {}),
    };
    tree.calls.push(site);
    const inputs = (name: string) => (this.block.has(name) && !META.has(name) ? this.block.attr(name) : undefined);
    return tree.evaluator(found.dir, parsed, {
      tree,
      prefix: `${this.address}.`,
      key,
      dirs: [...this.scope.dirs, found.dir],
      site,
      inputs,
      callName: this.address,
    });
  }

  private skip(message: string, loc: Loc, kind: 'info' | 'limit' | 'error'): undefined {
    this.why = message.replace(/^.*? is not checked: /, '');
    addProblem(
      this.scope.tree,
      kind === 'limit'
        ? limitProblem(loc, message)
        : kind === 'info'
          ? { message, loc, severity: 'info' }
          : { message, loc },
    );
    return undefined;
  }

  private sourceLoc(): Loc {
    return this.block.attrEntry('source')?.value.loc ?? this.block.labelLoc;
  }

  private args(): ModuleCallSite['args'] {
    const out: { name: string; loc: Loc }[] = [];
    for (const item of this.decl.node.body.items) {
      if (item.kind === 'attribute' && !META.has(item.name.name))
        out.push({ name: item.name.name, loc: { file: this.decl.file, start: item.start, end: item.end } });
    }
    return out;
  }
}

/** Adds a problem once per place and message (a module called twice reports its problems once). */
function addProblem(tree: ModuleTree, p: ParseProblem): void {
  const key = `${p.loc.file}:${p.loc.start}:${p.message}`;
  if (tree.problemKeys.has(key)) return;
  tree.problemKeys.add(key);
  tree.problems.push(p);
}
