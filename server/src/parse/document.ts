// A JSON or YAML file -> what it is (CloudFormation template, IAM policy, role template,
// Terraform plan) and its evaluated content. Files that are not ours are ignored, not reported.

import { buildPolicyDoc } from './policyDocument/buildPolicyDoc';
import type { DeploymentMode, IacResource, Unit } from '../model/resources';
import type { ParseProblem, SourceFile } from '../model/source';
import type { StandaloneDoc } from '../model/model';
import { getEntry, type ObjVal, type Val } from '../model/value';
import { evaluateTemplate, isCloudFormationTemplate } from './cloudFormation/template';
import { yamlToVal } from './cloudFormation/yamlToVal';
import { jsonToVal } from './json';
import { LIMITS, limitProblem } from './limits';
import { evaluatePlan, isTerraformPlan } from './plan';
import { isScriptPath } from './pulumi/detect';
import { isPulumiDocument, readPulumiDocument } from './pulumi/pulumiDocument';

export type DocumentResult =
  | {
      readonly kind: 'units';
      readonly unit: Unit;
      readonly resources: readonly IacResource[];
      readonly problems: readonly ParseProblem[];
    }
  | { readonly kind: 'standalone'; readonly doc: StandaloneDoc; readonly problems: readonly ParseProblem[] }
  | { readonly kind: 'broken'; readonly problems: readonly ParseProblem[] }
  | { readonly kind: 'ignored' };

/** Extensions handled as JSON or YAML documents, or as Pulumi programs (TypeScript, JavaScript). */
export function isDocumentPath(path: string): boolean {
  return (/\.(json|ya?ml|template)$/i.test(path) && !/\.tf\.json$/i.test(path)) || isScriptPath(path);
}

const MIGHT_BE_OURS = /Statement|Resources|AWSTemplateFormatVersion|roleName|format_version/;

/** Content hints that a file meant to be a policy or template, so parse errors are worth reporting. */
const OURS_HINT =
  /"?(Statement|AWSTemplateFormatVersion|trustPolicyDocument|policyDocument)"?\s*:|Type:\s*"?AWS::|"Type"\s*:\s*"AWS::/;

/** Reads one JSON/YAML file. */
export function readDocument(file: SourceFile, profileMode: DeploymentMode): DocumentResult {
  if (isScriptPath(file.path) || isPulumiDocument(file)) return readPulumiDocument(file, profileMode);
  // Cheap gate: package.json, lock files and other JSON/YAML are not worth parsing.
  if (!MIGHT_BE_OURS.test(file.text)) return { kind: 'ignored' };
  const looksJson = /^\s*[{[]/.test(file.text);
  const max = looksJson ? LIMITS.jsonChars : LIMITS.fileChars;
  if (file.text.length > max) return { kind: 'broken', problems: [tooLargeProblem(file, max)] };
  const parsed = looksJson ? jsonToVal(file.text, file.id) : yamlToVal(file.text, file.id);
  const value = parsed.value;
  const problems = parsed.problems;
  if (isCloudFormationTemplate(value)) {
    const t = evaluateTemplate(file.id, value as ObjVal, profileMode, file.text);
    return { kind: 'units', unit: t.unit, resources: t.resources, problems: [...problems, ...t.problems] };
  }
  if (value?.k === 'obj' && isTerraformPlan(value)) {
    const p = evaluatePlan(file.id, value, profileMode);
    return { kind: 'units', unit: p.unit, resources: p.resources, problems: [...problems, ...p.problems] };
  }
  const unit: Unit = { id: file.id, language: 'json', mode: { value: profileMode, source: 'profile' } };
  if (value?.k === 'obj' && isRoleTemplate(value)) {
    return { kind: 'standalone', doc: roleTemplate(value, unit, file.path), problems };
  }
  if (value?.k === 'obj' && getEntry(value, 'Statement')) {
    return {
      kind: 'standalone',
      doc: { kind: 'policy', unit, path: file.path, doc: buildPolicyDoc(value, 'json') },
      problems,
    };
  }
  if (problems.length > 0 && OURS_HINT.test(file.text)) return { kind: 'broken', problems };
  return { kind: 'ignored' };
}

/** The PG801 problem for a source file past `max` characters (it is not parsed). */
export function tooLargeProblem(file: SourceFile, max: number): ParseProblem {
  return limitProblem({ file: file.id, start: 0, end: 0 }, `the file has more than ${max} characters`);
}

function isRoleTemplate(v: ObjVal): boolean {
  return !!getEntry(v, 'roleName') && (!!getEntry(v, 'policyDocument') || !!getEntry(v, 'trustPolicyDocument'));
}

function roleTemplate(v: ObjVal, unit: Unit, path: string): StandaloneDoc {
  const name = getEntry(v, 'roleName')?.value;
  const policy = getEntry(v, 'policyDocument')?.value;
  const trust = getEntry(v, 'trustPolicyDocument')?.value;
  const session = getEntry(v, 'maxSessionDuration')?.value;
  return {
    kind: 'roleTemplate',
    unit,
    path,
    loc: v.loc,
    roleName: name?.k === 'str' ? { value: name.s, loc: name.loc } : undefined,
    identity: policy ? buildPolicyDoc(policy, 'json') : undefined,
    trust: trust ? buildPolicyDoc(trust, 'json') : undefined,
    maxSession: session ? { value: session as Val, loc: session.loc } : undefined,
  };
}
