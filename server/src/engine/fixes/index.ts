// Quick fixes for findings: FixHint -> text edits in the finding's own syntax (Terraform,
// CloudFormation YAML/JSON, IAM JSON, Pulumi programs). No editor types: the language server and
// the CLI share it.

import type { Finding, FixHint } from '../../core/finding';
import { addBoundaryFix } from './addBoundary';
import { addDenyStatementsFix, denySpec, insertStatements, type DenySpec } from './addDenyStatements';
import { addExternalIdFix } from './addExternalId';
import { capSessionDurationFix } from './capSessionDuration';
import { replaceActionFix } from './replaceAction';
import { replaceOperatorFix } from './replaceOperator';
import { isPulumiYamlFile, pulumiYamlFix, yamlStatements } from './pulumiYamlFixes';
import { hintFile, isScriptFile, scriptFix, scriptStatements } from './scriptFixes';
import type { Fix, FixContext, TextEdit } from './types';

export type { Fix, FixContext, TextEdit } from './types';

/** The fix hint of a finding (set by the rule that knows the intent). */
export function hintFor(f: Finding, _ctx: FixContext): FixHint | undefined {
  return f.fix;
}

/** The quick fix for one finding, or undefined when the hint cannot be applied to this syntax. */
export function fixFor(f: Finding, ctx: FixContext): Fix | undefined {
  const hint = hintFor(f, ctx);
  if (!hint) return undefined;
  const fix = build(hint, ctx);
  return fix && { ...fix, edits: normalize(fix.edits, ctx) };
}

function build(hint: FixHint, ctx: FixContext): Fix | undefined {
  const file = hintFile(hint, ctx);
  if (file && isScriptFile(file)) return scriptFix(hint, file, ctx);
  if (file && isPulumiYamlFile(file, ctx)) return pulumiYamlFix(hint, file, ctx);
  switch (hint.kind) {
    case 'addBoundary':
      return addBoundaryFix(hint, ctx);
    case 'addExternalId':
      return addExternalIdFix(hint, ctx);
    case 'replaceOperator':
      return replaceOperatorFix(hint, ctx);
    case 'addDenyStatements':
      return addDenyStatementsFix(hint, ctx);
    case 'replaceAction':
      return replaceActionFix(hint, ctx);
    case 'capSessionDuration':
      return capSessionDurationFix(hint, ctx);
  }
}

/**
 * One fix adding every missing deny statement among `findings` to each policy they concern
 * (undefined when fewer than two are missing: the single fixes cover that).
 */
export function fixAllDenies(findings: readonly Finding[], ctx: FixContext): Fix | undefined {
  const byList = new Map<
    string,
    { loc: Extract<FixHint, { kind: 'addDenyStatements' }>['statementListLoc']; specs: Map<string, DenySpec> }
  >();
  for (const f of findings) {
    const hint = hintFor(f, ctx);
    if (hint?.kind !== 'addDenyStatements') continue;
    const key = `${hint.statementListLoc.file}#${hint.statementListLoc.start}`;
    const entry = byList.get(key) ?? { loc: hint.statementListLoc, specs: new Map<string, DenySpec>() };
    const spec = denySpec(hint.denyKind, hint.actions, hint.statementListLoc, ctx);
    entry.specs.set(spec.sid, spec);
    byList.set(key, entry);
  }
  const total = [...byList.values()].reduce((n, e) => n + e.specs.size, 0);
  if (total < 2) return undefined;
  const edits: TextEdit[] = [];
  for (const e of byList.values()) {
    const specs = [...e.specs.values()];
    const more = isScriptFile(e.loc.file)
      ? scriptStatements(e.loc, specs, ctx)
      : isPulumiYamlFile(e.loc.file, ctx)
        ? yamlStatements(e.loc, specs, ctx)
        : insertStatements(e.loc, specs, ctx);
    if (!more) return undefined;
    edits.push(...more);
  }
  return { title: 'Add all missing deny statements to the cross-account role', edits: normalize(edits, ctx) };
}

/** Line endings as the file has them; edits sorted by file and position. */
function normalize(edits: readonly TextEdit[], ctx: FixContext): TextEdit[] {
  return edits
    .map((e) => (ctx.text(e.file)?.includes('\r\n') ? { ...e, newText: e.newText.replace(/\r?\n/g, '\r\n') } : e))
    .sort((a, b) => a.file.localeCompare(b.file) || a.start - b.start);
}
