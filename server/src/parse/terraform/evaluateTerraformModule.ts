// The Terraform front end's entry: all files of one module directory -> a Unit, its resources
// with evaluated props, and the problems that make files or policies unreadable.

import type { DeploymentMode, IacResource, Unit } from '../../model/resources';
import type { ParseProblem, SourceFile } from '../../model/source';
import { readInside } from '../../util/readInside';
import { LIMITS } from '../limits';
import { type HclFileCache, parseTfFile, type ParsedTfFile } from './hclFileCache';
import { buildModuleIndex } from './moduleIndex';
import { type FileReader, ModuleEvaluator } from './moduleEvaluator';
import { policyProblems } from './policyProblems';
import { moduleDefaultTags, moduleMode } from './unitInfo';

export { createHclFileCache, type HclFileCache } from './hclFileCache';
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
export function evaluateTerraformModule(dir: string, files: readonly SourceFile[], opts: TerraformModuleOptions): TerraformModuleResult {
  const parsed: ParsedTfFile[] = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)).map((f) => (opts.cache ? opts.cache.parse(f) : parseTfFile(f)));
  const index = buildModuleIndex(parsed);
  const texts = new Map(parsed.map((p) => [p.id, p.text]));
  const roots = opts.readRoots ?? [dir];
  const ev = new ModuleEvaluator(dir, index, texts, opts.readFile ?? ((path) => readInside(path, { roots, maxBytes: LIMITS.readBytes })));
  ev.evaluateAll();
  const defaultTags = moduleDefaultTags(ev);
  const unit: Unit = { id: dir, language: 'terraform', mode: moduleMode(ev, opts.profileMode), ...(defaultTags ? { defaultTags } : {}) };
  const resources: IacResource[] = [];
  for (const decl of index.resources.values()) {
    const inst = ev.instance(decl.address);
    if (!inst) continue;
    resources.push({ type: inst.type, address: inst.address, unit, loc: inst.loc, labelLoc: inst.labelLoc, props: inst.props(), exists: inst.exists() });
  }
  const problems = [...parsed.flatMap((p) => p.problems), ...policyProblems(ev.marks, resources), ...ev.budget.problems];
  return { unit, resources, problems };
}
