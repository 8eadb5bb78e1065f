// Source files -> Model. Terraform files are grouped by directory into modules; JSON and YAML
// files are classified by content. Broken files become problems; other files keep going. A front
// end that fails on one file or module (a bug, or a stack overflow on input past a limit) is
// isolated: that input gets a PG801 finding and the rest is still checked.

import { dirname, resolve } from 'node:path';
import { pathToUri } from '../util/uris';
import { buildModel, type NameMatcher, type UnitInput } from '../model/buildModel';
import type { Model } from '../model/model';
import type { DeploymentMode, IacResource, Unit } from '../model/resources';
import type { ParseProblem, SourceFile } from '../model/source';
import type { StandaloneDoc } from '../model/model';
import { isDocumentPath, readDocument, tooLargeProblem } from '../parse/document';
import { isStackOverflow, LIMITS, limitProblem } from '../parse/limits';
import type { Profile } from '../core/profile';

/** The Terraform front end's entry point (parse/terraform). */
export type TerraformEvaluator = (
  dir: string,
  files: readonly SourceFile[],
  opts: {
    profileMode: DeploymentMode;
    readRoots?: readonly string[];
    /** The checked files of a called module's folder (else the front end reads them from disk). */
    moduleFiles?: (dir: string) => readonly SourceFile[] | undefined;
    /** The id of a file read from disk: its path, or its URI when the checked files are named by URI. */
    fileId?: (path: string) => string;
  },
) => { unit: Unit; resources: IacResource[]; problems: ParseProblem[] };

export interface AnalyzeOptions {
  readonly profile: Profile;
  readonly matchName: NameMatcher;
  readonly evaluateTerraform: TerraformEvaluator;
  /** The folders being checked: file() reads only inside them (default: each module's directory). */
  readonly readRoots?: readonly string[];
  /** The files of a called module's folder when they are not among the checked files (editor buffers). */
  readonly moduleFiles?: (dir: string) => readonly SourceFile[] | undefined;
}

/** A front end or the model builder threw on some input (an engine bug): reported, never silent. */
export interface AnalysisFailure {
  /** The problem reported (as PG801) where the failure happened. */
  readonly problem: ParseProblem;
  /** The error, with its stack, for logs. */
  readonly detail: string;
}

/** The model plus the inputs the engine failed on. */
export interface Analysis {
  readonly model: Model;
  readonly failures: readonly AnalysisFailure[];
}

/** True for files that belong to a Terraform module: `.tf`, `.tf.json`, `terraform.tfvars`, `*.auto.tfvars`. */
export function isTerraformPath(path: string): boolean {
  return /\.tf$|\.tf\.json$|(^|[\\/])terraform\.tfvars$|\.auto\.tfvars$/i.test(path);
}

/** True for every file the engine reads. */
export function isCheckablePath(path: string): boolean {
  return isTerraformPath(path) || isDocumentPath(path);
}

/** Analyses a set of files into one model. Never throws. */
export function analyze(files: readonly SourceFile[], opts: AnalyzeOptions): Analysis {
  const mode = opts.profile.deploymentMode;
  const modules = new Map<string, SourceFile[]>();
  const units: UnitInput[] = [];
  const standalone: StandaloneDoc[] = [];
  const problems: ParseProblem[] = [];
  const failures: AnalysisFailure[] = [];
  const guard = <T>(at: SourceFile, run: () => T): T | undefined => isolate(at, run, problems, failures);
  for (const f of files) {
    if (isTerraformPath(f.path)) {
      if (tooLarge(f, problems)) continue;
      const list = modules.get(dirname(f.path)) ?? [];
      list.push(f);
      modules.set(dirname(f.path), list);
      continue;
    }
    if (!isDocumentPath(f.path)) continue;
    const doc = guard(f, () => readDocument(f, mode));
    if (!doc || doc.kind === 'ignored') continue;
    problems.push(...doc.problems);
    if (doc.kind === 'units') units.push({ unit: doc.unit, resources: doc.resources });
    else if (doc.kind === 'standalone') standalone.push(doc.doc);
  }
  const tfOpts = {
    profileMode: mode,
    readRoots: opts.readRoots,
    moduleFiles: (dir: string) => modules.get(dir) ?? opts.moduleFiles?.(dir),
    fileId: fileIdOf(files),
  };
  const evaluate = (dir: string, list: SourceFile[]) => {
    const tf = guard(list[0], () => opts.evaluateTerraform(dir, list, tfOpts));
    if (!tf) return;
    units.push({ unit: tf.unit, resources: tf.resources });
    problems.push(...tf.problems);
  };
  // A folder another checked folder calls as a module is checked through its calls (with their
  // arguments); on its own only when no evaluated call reached it (a cycle, a limit, a failure).
  const called = calledDirs(modules);
  for (const [dir, list] of modules) if (!called.has(dir)) evaluate(dir, list);
  const reached = new Set(units.flatMap((u) => (u.unit.moduleCalls ?? []).flatMap((c) => c.files)));
  for (const [dir, list] of modules) if (called.has(dir) && !list.some((f) => reached.has(f.id))) evaluate(dir, list);
  return { model: buildIsolated(units, standalone, problems, failures, opts), failures };
}

/** Folders named as a local module source (`source = "./x"`, `"../x"`) by another checked folder. */
function calledDirs(modules: ReadonlyMap<string, readonly SourceFile[]>): Set<string> {
  const out = new Set<string>();
  for (const [dir, list] of modules)
    for (const f of list)
      for (const target of localModuleSources(dir, f.text)) if (target !== dir && modules.has(target)) out.add(target);
  return out;
}

/** The folders a Terraform file in `dir` names as local module sources (`source = "./x"`, `"../x"`). */
export function localModuleSources(dir: string, text: string): string[] {
  if (!text.includes('source')) return [];
  const source = /\bsource\s*=\s*"(\.\.?(?:[\\/][^"]*)?)"/g;
  return [...text.matchAll(source)].map((m) => resolve(dir, m[1]));
}

/** Files read from disk are named like the checked ones: by path (CLI) or by file: URI (server). */
function fileIdOf(files: readonly SourceFile[]): (path: string) => string {
  const byUri = files.some((f) => f.id !== f.path);
  return byUri ? pathToUri : (path) => path;
}

/** A Terraform file past the size limit: reported, not parsed (documents are judged by readDocument). */
function tooLarge(f: SourceFile, problems: ParseProblem[]): boolean {
  if (f.text.length <= LIMITS.fileChars) return false;
  problems.push(tooLargeProblem(f, LIMITS.fileChars));
  return true;
}

/** Runs one front-end step; a throw becomes a PG801 problem at the start of `at`. */
function isolate<T>(
  at: SourceFile,
  run: () => T,
  problems: ParseProblem[],
  failures: AnalysisFailure[],
): T | undefined {
  try {
    return run();
  } catch (err) {
    const loc = { file: at.id, start: 0, end: 0 };
    if (isStackOverflow(err)) problems.push(limitProblem(loc, 'the input is nested too deeply to read'));
    else failures.push(failureAt(loc, err, problems));
    return undefined;
  }
}

function failureAt(loc: ParseProblem['loc'], err: unknown, problems: ParseProblem[]): AnalysisFailure {
  const problem = {
    message: `Not checked, the checker failed on this input (an internal error; please report it): ${errorText(err)}`,
    loc,
  };
  problems.push(problem);
  return { problem, detail: err instanceof Error ? (err.stack ?? err.message) : String(err) };
}

function errorText(err: unknown): string {
  const text = err instanceof Error ? err.message.split('\n')[0] : String(err);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/**
 * Builds the model; when that throws, builds it again unit by unit and leaves out (and reports)
 * the units it fails on, so the others are still checked.
 */
function buildIsolated(
  units: UnitInput[],
  standalone: StandaloneDoc[],
  problems: ParseProblem[],
  failures: AnalysisFailure[],
  opts: AnalyzeOptions,
): Model {
  const build = (u: readonly UnitInput[], s: readonly StandaloneDoc[]) =>
    buildModel(u, s, problems, { profile: opts.profile, matchName: opts.matchName });
  try {
    return build(units, standalone);
  } catch {
    const goodUnits = units.filter((u) =>
      buildsAlone(() => build([u], []), u.resources[0]?.loc.file ?? u.unit.id, problems, failures),
    );
    const goodDocs = standalone.filter((s) => buildsAlone(() => build([], [s]), s.unit.id, problems, failures));
    return build(goodUnits, goodDocs);
  }
}

function buildsAlone(
  build: () => unknown,
  file: string,
  problems: ParseProblem[],
  failures: AnalysisFailure[],
): boolean {
  try {
    build();
    return true;
  } catch (err) {
    const loc = { file, start: 0, end: 0 };
    if (isStackOverflow(err)) problems.push(limitProblem(loc, 'the input is nested too deeply to read'));
    else failures.push(failureAt(loc, err, problems));
    return false;
  }
}
