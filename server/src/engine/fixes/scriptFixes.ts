// Quick fixes in Pulumi TypeScript/JavaScript programs: edits of object and array literals, in the
// IAM JSON shape (`assumeRolePolicy: JSON.stringify({...})`) or the getPolicyDocument shape
// (`statements: [{ effect, actions, conditions }]`). Inputs come from the stack configuration.

import type { Node, ObjectExpression, ObjectProperty } from '@babel/types';
import type { Loc } from '../../model/loc';
import { isScriptPath } from '../../parse/pulumi/detect';
import type { FixHint } from '../../core/finding';
import { DENY_TITLES, type DenySpec, denySpec, iamStatement } from './addDenyStatements';
import { capSessionDurationFix } from './capSessionDuration';
import { boundaryPolicyOf, roleByAddress } from './modelLookup';
import { replaceActionFix } from './replaceAction';
import {
  appendItems,
  chainAt,
  hasQuotedKeys,
  insertMembers,
  insertProperties,
  keyName,
  memberIndent,
  nodeAt,
  propertyOf,
  removeProperty,
  scriptSite,
  tsValue,
  unwrap,
  type ScriptSite,
} from './scriptEdits';
import { configValue, variableOf } from './scriptInputs';
import { unquotedRange } from './text';
import type { Fix, FixContext, TextEdit } from './types';
import type { FixObject } from './values';

/** The file a hint's edit goes to. */
export function hintFile(hint: FixHint, ctx: FixContext): string | undefined {
  switch (hint.kind) {
    case 'addBoundary':
      return roleByAddress(ctx.model, hint.roleAddress)?.resource?.loc.file;
    case 'addExternalId':
      return hint.statementLoc.file;
    case 'replaceOperator':
      return hint.operatorLoc.file;
    case 'addDenyStatements':
      return hint.statementListLoc.file;
    case 'replaceAction':
      return hint.actionLoc.file;
    case 'capSessionDuration':
      return hint.valueLoc.file;
  }
}

/** True for a TypeScript or JavaScript file (a path or a URI). */
export function isScriptFile(file: string): boolean {
  return isScriptPath(file.replace(/[?#].*$/, ''));
}

function siteOf(file: string, ctx: FixContext): ScriptSite | undefined {
  const text = ctx.text(file);
  return text === undefined ? undefined : scriptSite(file, file.replace(/[?#].*$/, ''), text);
}

/** The fix for a hint whose target is in a script; undefined when it cannot be applied there. */
export function scriptFix(hint: FixHint, file: string, ctx: FixContext): Fix | undefined {
  const site = siteOf(file, ctx);
  if (!site) return undefined;
  switch (hint.kind) {
    case 'replaceOperator':
      return replaceOperator(site, hint);
    case 'addExternalId':
      return withTitle(
        'Add an sts:ExternalId condition (from the stack configuration)',
        addExternalId(site, hint.statementLoc),
      );
    case 'addBoundary':
      return addBoundary(site, hint, ctx);
    case 'addDenyStatements': {
      const edits = insertScriptStatements(
        site,
        hint.statementListLoc,
        [denySpec(hint.denyKind, hint.actions, hint.statementListLoc, ctx)],
        ctx,
      );
      return withTitle(DENY_TITLES[hint.denyKind], edits);
    }
    case 'replaceAction':
      return replaceActionFix(hint, ctx);
    case 'capSessionDuration':
      return capSessionDurationFix(hint, ctx);
  }
}

function withTitle(title: string, edits: TextEdit[] | undefined): Fix | undefined {
  return edits ? { title, edits, isPreferred: true } : undefined;
}

/** The property whose key starts at `start`, and the object it belongs to. */
function propertyAt(
  site: ScriptSite,
  start: number,
): { readonly prop: ObjectProperty; readonly parent: ObjectExpression } | undefined {
  const chain = chainAt(site, start);
  for (let i = chain.length - 1; i > 0; i--) {
    const n = chain[i];
    const parent = chain[i - 1];
    if (n.type === 'ObjectProperty' && n.key.start === start && parent.type === 'ObjectExpression')
      return { prop: n, parent };
  }
  return undefined;
}

function replaceOperator(site: ScriptSite, hint: Extract<FixHint, { kind: 'replaceOperator' }>): Fix | undefined {
  const loc = hint.operatorLoc;
  const title = `Use ${hint.replacement} (the key is single-valued)`;
  const at = propertyAt(site, loc.start);
  const target = at && propertyOf(at.parent, hint.replacement);
  if (!at || !target) {
    const r = unquotedRange(site.text, loc.start, loc.end);
    return {
      title,
      edits: [{ file: loc.file, start: r.start, end: r.end, newText: hint.replacement }],
      isPreferred: true,
    };
  }
  // `StringEquals` is already there: two equal keys would let the later one win, so merge.
  const moved = unwrap(at.prop.value);
  const into = unwrap(target.value);
  if (moved?.type !== 'ObjectExpression' || into?.type !== 'ObjectExpression') return undefined;
  if (moved.properties.some((p) => keyName(p) !== undefined && propertyOf(into, keyName(p)!))) return undefined;
  const rendered = moved.properties.map((p) => site.text.slice(p.start ?? 0, p.end ?? 0));
  return {
    title,
    edits: [insertMembers(site, into, into.properties, rendered), removeProperty(site, at.parent, at.prop)],
    isPreferred: true,
  };
}

/** Keys of a getPolicyDocument statement (IAM JSON statements have capitalized keys). */
export const DOC_KEYS: ReadonlySet<string> = new Set([
  'sid',
  'effect',
  'actions',
  'notActions',
  'resources',
  'notResources',
  'principals',
  'notPrincipals',
  'conditions',
]);

/** True for a getPolicyDocument statement (`{ effect, actions, principals }`) rather than IAM JSON. */
function isDocStatement(stmt: ObjectExpression): boolean {
  return stmt.properties.some((p) => DOC_KEYS.has(keyName(p) ?? ''));
}

function addExternalId(site: ScriptSite, loc: Loc): TextEdit[] | undefined {
  const stmt = nodeAt(site, loc.start, 'ObjectExpression');
  if (!stmt) return undefined;
  const { expr, edits } = configValue(site, 'externalId', loc.start);
  const value = { raw: expr };
  if (isDocStatement(stmt)) {
    const entry = { test: 'StringEquals', variable: 'sts:ExternalId', values: [value] };
    const conditions = propertyOf(stmt, 'conditions');
    const list = unwrap(conditions?.value);
    if (!conditions) return [insertProperties(site, stmt, { conditions: [entry] }), ...edits];
    return list?.type === 'ArrayExpression' ? [appendItems(site, list, [entry], false), ...edits] : undefined;
  }
  const edit = setPath(site, stmt, ['Condition', 'StringEquals', 'sts:ExternalId'], expr);
  return edit ? [edit, ...edits] : undefined;
}

/** Sets `obj.a.b.c = expr`, creating the missing objects; undefined when a step is not an object literal. */
function setPath(site: ScriptSite, obj: ObjectExpression, path: readonly string[], expr: string): TextEdit | undefined {
  const [head, ...rest] = path;
  const prop = propertyOf(obj, head);
  if (!prop) {
    const value = rest.reduceRight<FixObject[string]>((inner, k) => ({ [k]: inner }), { raw: expr });
    return insertProperties(site, obj, { [head]: value });
  }
  const v = unwrap(prop.value);
  if (rest.length === 0)
    return { file: site.file, start: prop.value.start ?? 0, end: prop.value.end ?? 0, newText: expr };
  return v?.type === 'ObjectExpression' ? setPath(site, v, rest, expr) : undefined;
}

function addBoundary(
  site: ScriptSite,
  hint: Extract<FixHint, { kind: 'addBoundary' }>,
  ctx: FixContext,
): Fix | undefined {
  const role = roleByAddress(ctx.model, hint.roleAddress);
  const resource = role?.resource;
  const args = resource && nodeAt(site, resource.props.loc.start, 'ObjectExpression');
  if (!role || !args) return undefined;
  const policy =
    (hint.boundaryRef ? ctx.model.policies.find((p) => p.address === hint.boundaryRef) : undefined) ??
    boundaryPolicyOf(ctx.model, role);
  const variable =
    policy?.resource && policy.resource.loc.file === site.file
      ? variableOf(site.body, policy.resource.loc.start)
      : undefined;
  const input = variable
    ? { expr: `${variable}.arn`, edits: [] }
    : configValue(site, 'permissionsBoundaryArn', args.start ?? 0);
  const edit = setPath(site, args, ['permissionsBoundary'], input.expr);
  const title = variable
    ? `Add the permissions boundary ${policy!.address}`
    : 'Add a permissions boundary (its ARN from the stack configuration)';
  return withTitle(title, edit && [edit, ...input.edits]);
}

/** Edits adding deny statements to the script statement list whose key is at `loc` (for "fix all"). */
export function scriptStatements(loc: Loc, specs: readonly DenySpec[], ctx: FixContext): TextEdit[] | undefined {
  const site = siteOf(loc.file, ctx);
  return site && insertScriptStatements(site, loc, specs, ctx);
}

/**
 * Edits adding deny statements to the statement list whose key is at `loc`, or, when `loc` is a
 * role without identity policies, an inline policy holding them.
 */
function insertScriptStatements(
  site: ScriptSite,
  loc: Loc,
  specs: readonly DenySpec[],
  ctx: FixContext,
): TextEdit[] | undefined {
  const at = propertyAt(site, loc.start);
  const list = unwrap(at?.prop.value);
  if (!at) return addInlinePolicy(site, loc, specs, ctx);
  if (list?.type !== 'ArrayExpression' || specs.length === 0) return undefined;
  const isDoc = keyName(at.prop) === 'statements';
  const first = list.elements.find((e): e is Node & ObjectExpression => e?.type === 'ObjectExpression');
  const quoted = !isDoc && !!first && hasQuotedKeys(first);
  return [
    appendItems(
      site,
      list,
      specs.map((s) => (isDoc ? docStatement(s) : iamStatement(s))),
      quoted,
    ),
  ];
}

/** A deny statement in getPolicyDocument's shape (`{ sid, effect, actions, resources, conditions }`). */
export function docStatement(s: DenySpec): FixObject {
  const out: Record<string, FixObject[string]> = {
    sid: s.sid,
    effect: 'Deny',
    actions: [...s.actions],
    resources: [s.resource],
  };
  if (s.condition)
    out.conditions = [{ test: s.condition.operator, variable: s.condition.key, values: [s.condition.value] }];
  return out;
}

/** The name of the inline policy a deny fix adds to a role that has none. */
const DENY_POLICY_NAME = 'pennsieve-guarantees';

/** `inlinePolicies: [{ name, policy: JSON.stringify({ Version, Statement: [denies] }) }]` on the role whose header is at `loc`. */
function addInlinePolicy(
  site: ScriptSite,
  loc: Loc,
  specs: readonly DenySpec[],
  ctx: FixContext,
): TextEdit[] | undefined {
  const role = ctx.model.roles.find(
    (r) => r.resource?.labelLoc.file === loc.file && r.resource.labelLoc.start === loc.start,
  );
  const args = role?.resource && nodeAt(site, role.resource.props.loc.start, 'ObjectExpression');
  if (!args || specs.length === 0) return undefined;
  const existing = propertyOf(args, 'inlinePolicies');
  const list = unwrap(existing?.value);
  if (existing && list?.type !== 'ArrayExpression') return undefined;
  const itemIndent =
    list?.type === 'ArrayExpression'
      ? memberIndent(site, list, list.elements)
      : memberIndent(site, args, args.properties) + site.unit;
  const doc = tsValue(
    { Version: '2012-10-17', Statement: specs.map(iamStatement) },
    itemIndent + site.unit,
    site,
    false,
  );
  const item = { name: DENY_POLICY_NAME, policy: { raw: `JSON.stringify(${doc})` } };
  if (list?.type === 'ArrayExpression') return [appendItems(site, list, [item], false)];
  return [insertProperties(site, args, { inlinePolicies: [item] })];
}
