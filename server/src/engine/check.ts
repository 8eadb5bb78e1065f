// The engine's front door: files + profile -> findings. The CLI and the language server both
// come through here, so they report exactly the same things.

import type { Catalog } from '../catalog/catalog';
import type { Model } from '../model/model';
import type { SourceFile } from '../model/source';
import { RULES } from '../rules/index';
import { analyze, type AnalyzeOptions } from './analyze';
import type { Finding } from './finding';
import type { Profile } from './profile';
import type { Rule } from './rule';
import { runRules, type RuleFailure } from './runRules';

export interface CheckOptions {
  readonly profile: Profile;
  readonly catalog: Catalog;
  readonly evaluateTerraform: AnalyzeOptions['evaluateTerraform'];
  readonly matchName: AnalyzeOptions['matchName'];
  /** Defaults to every rule. */
  readonly rules?: readonly Rule[];
}

export interface CheckResult {
  readonly model: Model;
  readonly findings: Finding[];
  readonly failures: RuleFailure[];
}

/** Analyses `files` and runs the rules. Never throws for bad input: broken files are PG801. */
export function checkFiles(files: readonly SourceFile[], opts: CheckOptions): CheckResult {
  const model = analyze(files, { profile: opts.profile, matchName: opts.matchName, evaluateTerraform: opts.evaluateTerraform });
  const { findings, failures } = runRules(opts.rules ?? RULES, { model, profile: opts.profile, catalog: opts.catalog });
  return { model, findings, failures };
}
