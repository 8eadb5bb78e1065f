// The engine's front door: files + profile -> findings. The CLI and the language server both
// come through here, so they report exactly the same things. Nothing thrown inside escapes: a
// front end or rule that fails is reported as an error finding and counted in `failures`.

import type { Catalog } from '../catalog/catalog';
import type { Loc } from '../model/loc';
import type { Model } from '../model/model';
import type { SourceFile } from '../model/source';
import { RULES } from '../rules/index';
import { analyze, type AnalysisFailure, type AnalyzeOptions } from './analyze';
import type { Finding, RuleId } from '../core/finding';
import type { Profile } from '../core/profile';
import { withModuleCalls } from './moduleCalls';
import type { Rule } from '../core/rule';
import { type RuleFailure, ruleSteps } from './runRules';

export interface CheckOptions {
  readonly profile: Profile;
  readonly catalog: Catalog;
  readonly evaluateTerraform: AnalyzeOptions['evaluateTerraform'];
  readonly matchName: AnalyzeOptions['matchName'];
  /** Defaults to every rule. */
  readonly rules?: readonly Rule[];
  /** The folders being checked: file() reads only inside them (default: each module's directory). */
  readonly readRoots?: readonly string[];
  /** The files of a called module's folder when they are not among `files` (editor buffers); default: the disk. */
  readonly moduleFiles?: AnalyzeOptions['moduleFiles'];
}

/** Something inside the engine failed (a bug): the CLI exits 2, the server logs it. */
export interface CheckFailure {
  /** The failed rule, or PG801 for a front end. */
  readonly ruleId: RuleId;
  /** `rule PG304`, or the file a front end failed on. */
  readonly where: string;
  /** The error with its stack. */
  readonly message: string;
  /** The error finding reported for it (also in `findings`). */
  readonly finding: Finding;
}

export interface CheckResult {
  readonly model: Model;
  readonly findings: Finding[];
  readonly failures: CheckFailure[];
}

/** Analyses `files` and runs the rules. Never throws: broken or oversized input is PG801, a failing part an error finding. */
export function checkFiles(files: readonly SourceFile[], opts: CheckOptions): CheckResult {
  const steps = checkSteps(files, opts);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * checkFiles in steps: the generator yields after the analysis and after each rule, so the
 * language server can answer other messages in between, or abandon a check whose input changed.
 */
export function* checkSteps(files: readonly SourceFile[], opts: CheckOptions): Generator<void, CheckResult> {
  const { model, failures: analysisFailures } = analyze(files, {
    profile: opts.profile,
    matchName: opts.matchName,
    evaluateTerraform: opts.evaluateTerraform,
    readRoots: opts.readRoots,
    moduleFiles: opts.moduleFiles,
  });
  yield;
  const ran = yield* ruleSteps(
    (opts.rules ?? RULES).filter((r) => !opts.profile.disabledRules?.includes(r.id)),
    { model, profile: opts.profile, catalog: opts.catalog },
    failureLoc(files),
  );
  const findings = withModuleCalls(ran.findings, model.units);
  const failures = [...analysisFailures.map((f) => fromAnalysis(f, findings)), ...ran.failures.map(fromRule)];
  return { model, findings, failures };
}

/** Where a failed rule is reported: the start of the first file checked. */
function failureLoc(files: readonly SourceFile[]): Loc {
  const first = [...files].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))[0];
  return { file: first?.id ?? '', start: 0, end: 0 };
}

function fromRule(f: RuleFailure): CheckFailure {
  return { ruleId: f.finding.ruleId, where: `rule ${f.ruleId}`, message: f.message, finding: f.finding };
}

/** The PG801 finding that reports an analysis failure (added when PG801 itself did not run). */
function fromAnalysis(f: AnalysisFailure, findings: Finding[]): CheckFailure {
  let finding = findings.find((x) => x.ruleId === 'PG801' && x.loc === f.problem.loc);
  if (!finding) {
    finding = { ruleId: 'PG801', severity: 'error', message: f.problem.message, loc: f.problem.loc };
    findings.push(finding);
  }
  return { ruleId: 'PG801', where: f.problem.loc.file, message: f.detail, finding };
}
