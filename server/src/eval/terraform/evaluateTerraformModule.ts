// The Terraform front end's entry: all files of one module directory -> a Unit, its resources
// with evaluated props, and the problems that make files or policies unreadable.

import type { DeploymentMode, IacResource, Tri, Unit } from '../../model/resources';
import type { ParseProblem, SourceFile } from '../../model/source';
import { readInside } from '../../util/readInside';
import { LIMITS } from '../../parse/limits';
import { EvalBudget } from '../../parse/evalBudget';
import { ValMarks } from './evalTypes';
import { type HclFileCache, parseTfFile, type ParsedTfFile } from '../../parse/terraform/hclFileCache';
import type { ModuleScope, ModuleTree } from './moduleCall';
import { buildModuleIndex } from '../../parse/terraform/moduleIndex';
import { type FileReader, ModuleEvaluator } from './moduleEvaluator';
import { moduleResolver } from '../../parse/terraform/moduleSources';
import { policyProblems } from './policyProblems';
import { moduleDefaultTags, moduleMode } from './unitInfo';

export { createHclFileCache, type HclFileCache } from '../../parse/terraform/hclFileCache';
export type { FileReader } from './moduleEvaluator';

/** Options of evaluateTerraformModule. */
export interface TerraformModuleOptions {
  /** The active profile's deployment mode; a `deployment_mode` variable of the module wins. */
  readonly profileMode: DeploymentMode;
  /** Parsed-file cache shared across calls: a recheck re-parses only changed files. */
  readonly cache?: HclFileCache;
  /** Reads files for file()/templatefile() (default: the file system, inside `readRoots`). */
  readonly readFile?: FileReader;
  /** The folders file() may read from (default: the module directory); see util/readInside.ts. */
  readonly readRoots?: readonly string[];
  /** The files of a called module's folder as the check sees them (editor buffers applied); else read from disk. */
  readonly moduleFiles?: (dir: string) => readonly SourceFile[] | undefined;
  /** The id of a module file read from disk (default: its path). */
  readonly fileId?: (path: string) => string;
}

/** What evaluateTerraformModule returns. */
export interface TerraformModuleResult {
  readonly unit: Unit;
  /** One per `resource` and `data` block, in file and source order. */
  readonly resources: IacResource[];
  readonly problems: ParseProblem[];
}

/**
 * Evaluates the module in directory `dir` from `files` (its `.tf`, `.tf.json`,
 * `terraform.tfvars` and `*.auto.tfvars` files, editor buffers already applied). Never throws.
 */
export function evaluateTerraformModule(
  dir: string,
  files: readonly SourceFile[],
  opts: TerraformModuleOptions,
): TerraformModuleResult {
  const parse = (f: SourceFile) => (opts.cache ? opts.cache.parse(f) : parseTfFile(f));
  const parsed: ParsedTfFile[] = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)).map(parse);
  const roots = opts.readRoots ?? [dir];
  const readFile = opts.readFile ?? ((path: string) => readInside(path, { roots, maxBytes: LIMITS.readBytes }));
  const tree: ModuleTree = {
    resolve: moduleResolver({ rootDir: dir, roots, known: opts.moduleFiles, fileId: opts.fileId }),
    parse,
    readFile,
    marks: new ValMarks(),
    budget: new EvalBudget(),
    problems: [],
    problemKeys: new Set(),
    calls: [],
    evaluator: (childDir, childFiles, scope) => newEvaluator(childDir, childFiles, readFile, scope),
  };
  const ev = newEvaluator(dir, parsed, readFile, { tree, prefix: '', key: '', dirs: [dir] });
  ev.evaluateAll();
  const defaultTags = moduleDefaultTags(ev);
  const unit: Unit = {
    id: dir,
    language: 'terraform',
    mode: moduleMode(ev, opts.profileMode),
    ...(defaultTags ? { defaultTags } : {}),
    moduleCalls: tree.calls,
  };
  const resources: IacResource[] = [];
  collectResources(ev, unit, 'yes', resources);
  const problems = [
    ...parsed.flatMap((p) => p.problems),
    ...tree.problems,
    ...policyProblems(ev.marks, resources),
    ...ev.budget.problems,
  ];
  return { unit, resources, problems };
}

function newEvaluator(
  dir: string,
  parsed: readonly ParsedTfFile[],
  readFile: FileReader,
  scope: ModuleScope,
): ModuleEvaluator {
  const texts = new Map(parsed.map((p) => [p.id, p.text]));
  return new ModuleEvaluator(dir, buildModuleIndex(parsed), texts, readFile, scope);
}

/** The resources of `ev` and, depth first, of every module it calls that may exist. */
function collectResources(ev: ModuleEvaluator, unit: Unit, exists: Tri, out: IacResource[]): void {
  for (const decl of ev.index.resources.values()) {
    const inst = ev.instance(decl.address);
    if (!inst) continue;
    const own = inst.exists();
    out.push({
      type: inst.type,
      address: inst.address,
      unit,
      loc: inst.loc,
      labelLoc: inst.labelLoc,
      props: inst.props(),
      exists: exists === 'yes' || own === 'no' ? own : 'unknown',
    });
  }
  for (const name of ev.index.moduleCalls.keys()) {
    const call = ev.moduleCall(name);
    const callExists = call?.exists();
    if (!call || callExists === 'no') continue;
    const child = call.evaluator();
    if (!child) continue;
    child.evaluateAll();
    collectResources(child, unit, exists === 'yes' ? callExists! : 'unknown', out);
  }
}
