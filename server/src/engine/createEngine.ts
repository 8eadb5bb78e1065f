// Wires the engine's parts: the action catalog, the front ends and name matching.

import { Catalog } from '../catalog/catalog';
import { matchPatternIn } from '../iam/match';
import type { PatternCache } from '../iam/patternCache';
import type { NameMatcher } from '../model/buildModel';
import type { SourceFile } from '../model/source';
import { type CheckOptions, checkFiles, type CheckResult, checkSteps } from './check';
import type { Profile } from '../core/profile';
import {
  createHclFileCache,
  evaluateTerraformModule,
  type HclFileCache,
} from '../eval/terraform/evaluateTerraformModule';
import { parseTfFile } from '../parse/terraform/hclFileCache';

/** Per-check options. */
export interface EngineCheckOptions {
  /**
   * The folders being checked (the CLI's paths, the workspace folder): file() and templatefile()
   * read only regular files inside them. Default: each Terraform module's own directory.
   */
  readonly readRoots?: readonly string[];
  /** The files of a called module's folder as the caller sees them (editor buffers); default: the disk. */
  readonly moduleFiles?: (dir: string) => readonly SourceFile[] | undefined;
}

export interface Engine {
  readonly catalog: Catalog;
  check(files: readonly SourceFile[], profile: Profile, opts?: EngineCheckOptions): CheckResult;
  /** The same check in steps (see checkSteps): the caller may pause or stop between them. */
  checkSteps(files: readonly SourceFile[], profile: Profile, opts?: EngineCheckOptions): Generator<void, CheckResult>;
  /** Drops what is cached for a file (a closed editor buffer). */
  forget(fileId: string): void;
}

/** Names (roles, policies, buckets) are plain globs, not ARNs; patterns compile once in `cache`. */
export function nameMatcher(cache: PatternCache): NameMatcher {
  return (pattern, value, opts) =>
    matchPatternIn(cache, value, pattern, { mode: 'glob', ignoreCase: opts?.ignoreCase });
}

/** Options of createEngine. */
export interface EngineOptions {
  readonly catalog?: Catalog;
  /**
   * Keep every parsed .tf file for the next check (default true: an editor re-checks the same
   * files, and a recheck re-parses only what changed). False for one check of many files (the
   * CLI): a checked file's syntax tree is dropped once its module is evaluated, and only the files
   * of called modules are shared, within one check.
   */
  readonly retainParsedFiles?: boolean;
}

/** Builds an engine; the catalog loads lazily on first use. */
export function createEngine(opts: EngineOptions = {}): Engine {
  const catalog = opts.catalog ?? new Catalog();
  // Parsed .tf files are reused across checks: a recheck re-parses only what changed.
  const cache = createHclFileCache();
  const retain = opts.retainParsedFiles ?? true;
  const matchName = nameMatcher(catalog.patterns);
  const options = (profile: Profile, o: EngineCheckOptions): CheckOptions => {
    const shared = retain ? cache : createHclFileCache();
    return {
      profile,
      catalog,
      matchName,
      readRoots: o.readRoots,
      moduleFiles: o.moduleFiles,
      evaluateTerraform: (dir, tfFiles, t) =>
        evaluateTerraformModule(dir, tfFiles, { ...t, cache: retain ? cache : uncachedRoots(shared, tfFiles) }),
    };
  };
  return {
    catalog,
    check: (files, profile, o = {}) => checkFiles(files, options(profile, o)),
    checkSteps: (files, profile, o = {}) => checkSteps(files, options(profile, o)),
    forget: (fileId) => cache.forget(fileId),
  };
}

/** `shared`, except that the module's own files (`roots`) are parsed without being kept. */
function uncachedRoots(shared: HclFileCache, roots: readonly SourceFile[]): HclFileCache {
  const own = new Set(roots.map((f) => f.id));
  return {
    parse: (f) => (own.has(f.id) ? parseTfFile(f) : shared.parse(f)),
    forget: (id) => shared.forget(id),
    get size() {
      return shared.size;
    },
  };
}
