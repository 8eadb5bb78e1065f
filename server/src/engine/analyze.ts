// Source files -> Model. Terraform files are grouped by directory into modules; JSON and YAML
// files are classified by content. Broken files become problems; other files keep going.

import { dirname } from 'node:path';
import { buildModel, type NameMatcher, type UnitInput } from '../model/buildModel';
import type { Model } from '../model/model';
import type { DeploymentMode, IacResource, Unit } from '../model/resources';
import type { ParseProblem, SourceFile } from '../model/source';
import type { StandaloneDoc } from '../model/standalone';
import { isDocumentPath, readDocument } from '../parse/document';
import type { Profile } from './profile';

/** The Terraform front end's entry point (parse/terraform). */
export type TerraformEvaluator = (
  dir: string,
  files: readonly SourceFile[],
  opts: { profileMode: DeploymentMode },
) => { unit: Unit; resources: IacResource[]; problems: ParseProblem[] };

export interface AnalyzeOptions {
  readonly profile: Profile;
  readonly matchName: NameMatcher;
  readonly evaluateTerraform: TerraformEvaluator;
}

/** True for files that belong to a Terraform module: `.tf`, `.tf.json`, `terraform.tfvars`, `*.auto.tfvars`. */
export function isTerraformPath(path: string): boolean {
  return /\.tf$|\.tf\.json$|(^|[\\/])terraform\.tfvars$|\.auto\.tfvars$/i.test(path);
}

/** True for every file the engine reads. */
export function isCheckablePath(path: string): boolean {
  return isTerraformPath(path) || isDocumentPath(path);
}

/** Analyses a set of files into one model. */
export function analyze(files: readonly SourceFile[], opts: AnalyzeOptions): Model {
  const mode = opts.profile.deploymentMode;
  const modules = new Map<string, SourceFile[]>();
  const units: UnitInput[] = [];
  const standalone: StandaloneDoc[] = [];
  const problems: ParseProblem[] = [];
  for (const f of files) {
    if (isTerraformPath(f.path)) {
      const dir = dirname(f.path);
      const list = modules.get(dir) ?? [];
      list.push(f);
      modules.set(dir, list);
      continue;
    }
    if (!isDocumentPath(f.path)) continue;
    const doc = readDocument(f, mode);
    if (doc.kind === 'ignored') continue;
    problems.push(...doc.problems);
    if (doc.kind === 'units') units.push({ unit: doc.unit, resources: doc.resources });
    else if (doc.kind === 'standalone') standalone.push(doc.doc);
  }
  for (const [dir, list] of modules) {
    const tf = opts.evaluateTerraform(dir, list, { profileMode: mode });
    units.push({ unit: tf.unit, resources: tf.resources });
    problems.push(...tf.problems);
  }
  return buildModel(units, standalone, problems, { profile: opts.profile, matchName: opts.matchName });
}
