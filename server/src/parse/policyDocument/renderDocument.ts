// The policy-document data sources as the IAM JSON they render (`.json`): Terraform's
// `data "aws_iam_policy_document"` and Pulumi's `aws.iam.getPolicyDocument` (the same provider
// code, in snake_case and camelCase). Every element keeps its location in the program: action
// entries, the effect (or the statement header when defaulted to Allow), principal identifiers,
// condition test/variable/values. Source and override documents merge by Sid (policyMerge.ts).

import type { Loc } from '../../model/loc';
import { isHole, type PStr } from '../../model/pstr';
import { getEntry, getProp, type ObjEntry, type ObjVal, type Val } from '../../model/value';
import { joinParts, knownText, listVal, objVal, strVal } from '../values';
import { mergeStatements, type DocStatements } from './policyMerge';

/** The argument names of one data source's statement blocks. */
export interface StatementNames {
  readonly notActions: string;
  readonly notResources: string;
  readonly notPrincipals: string;
  readonly conditions: string;
}

/** Terraform's `aws_iam_policy_document` statement arguments. */
export const TERRAFORM_NAMES: StatementNames = {
  notActions: 'not_actions',
  notResources: 'not_resources',
  notPrincipals: 'not_principals',
  conditions: 'condition',
};

/** Pulumi's `getPolicyDocument` statement arguments. */
export const PULUMI_NAMES: StatementNames = {
  notActions: 'notActions',
  notResources: 'notResources',
  notPrincipals: 'notPrincipals',
  conditions: 'conditions',
};

/** What a data source declares, its arguments already evaluated (in the caller's order). */
export interface DocumentParts {
  /** The statements, already in IAM shape (statementToIam), and why more may exist. */
  readonly statements: DocStatements;
  /** The `statement`/`statements` argument, when written. */
  readonly statementEntry?: ObjEntry;
  readonly sources: readonly DocStatements[];
  readonly overrides: readonly DocStatements[];
  readonly version?: ObjEntry;
  readonly id?: ObjEntry;
  /** Where a defaulted Version and an absent Statement point. */
  readonly header: Loc;
  /** The data source as a whole. */
  readonly loc: Loc;
}

/** The document: sources, then the statements, then overrides, merged by Sid. */
export function renderPolicyDocument(parts: DocumentParts): Val {
  const { header, statementEntry } = parts;
  const merged: Val[] = [];
  let more = parts.statements.more;
  for (const d of parts.sources) {
    mergeStatements(merged, d.items);
    more ??= d.more;
  }
  mergeStatements(merged, parts.statements.items);
  for (const d of parts.overrides) {
    mergeStatements(merged, d.items);
    more ??= d.more;
  }
  const entries: ObjEntry[] = [
    parts.version
      ? { ...parts.version, key: 'Version' }
      : { key: 'Version', keyLoc: header, value: strVal('2012-10-17', header) },
  ];
  if (parts.id) entries.push({ ...parts.id, key: 'Id' });
  entries.push({
    key: 'Statement',
    keyLoc: statementEntry?.keyLoc ?? header,
    value: listVal(merged, statementEntry?.value.loc ?? parts.loc, more),
  });
  return objVal(entries, parts.loc);
}

/**
 * The statements of a `statement`/`statements` argument in IAM shape, and why more may exist
 * (`more` first: an object the arguments belong to that is not fully known).
 */
export function statementsToIam(
  entry: ObjEntry | undefined,
  names: StatementNames,
  headerOf: (s: ObjVal) => Loc,
  more?: string,
): DocStatements {
  const items: Val[] = [];
  if (entry?.value.k === 'list') {
    for (const s of entry.value.items) items.push(statementToIam(s, names, headerOf));
    more ??= entry.value.more;
  } else if (entry?.value.k === 'unknown') more ??= entry.value.reason;
  return { items, more };
}

/** One statement block object as an IAM statement. */
function statementToIam(s: Val, names: StatementNames, headerOf: (s: ObjVal) => Loc): Val {
  if (s.k !== 'obj') return s;
  const header = headerOf(s);
  const entries: ObjEntry[] = [];
  const sid = getEntry(s, 'sid');
  if (sid) entries.push({ ...sid, key: 'Sid' });
  const effect = getEntry(s, 'effect');
  entries.push(
    effect ? { ...effect, key: 'Effect' } : { key: 'Effect', keyLoc: header, value: strVal('Allow', header) },
  );
  const lists: readonly (readonly [string, string, boolean])[] = [
    ['actions', 'Action', false],
    [names.notActions, 'NotAction', false],
    ['resources', 'Resource', true],
    [names.notResources, 'NotResource', true],
  ];
  for (const [name, iam, vars] of lists) {
    const e = getEntry(s, name);
    if (e && !isKnownEmpty(e.value))
      entries.push({ key: iam, keyLoc: e.keyLoc, value: vars ? policyVars(e.value) : e.value });
  }
  const principals = getEntry(s, 'principals');
  if (principals)
    entries.push({ key: 'Principal', keyLoc: principals.keyLoc, value: principalsToIam(principals.value) });
  const notPrincipals = getEntry(s, names.notPrincipals);
  if (notPrincipals)
    entries.push({ key: 'NotPrincipal', keyLoc: notPrincipals.keyLoc, value: principalsToIam(notPrincipals.value) });
  const condition = getEntry(s, names.conditions);
  if (condition) entries.push({ key: 'Condition', keyLoc: condition.keyLoc, value: conditionsToIam(condition.value) });
  return objVal(entries, s.loc, s.more);
}

function isKnownEmpty(v: Val): boolean {
  return v.k === 'list' && v.items.length === 0 && v.more === undefined;
}

/** The provider writes `&{aws:username}` for the IAM policy variable `${aws:username}`. */
function policyVars(v: Val): Val {
  if (v.k === 'list') return { ...v, items: v.items.map(policyVars) };
  if (v.k !== 'str') return v;
  let found = false;
  for (const p of v.s.parts) if (typeof p === 'string' && p.includes('&{')) found = true;
  if (!found) return v;
  const s: PStr = joinParts(v.s.parts.map((p) => (isHole(p) ? p : p.split('&{').join('${'))));
  return { ...v, s };
}

function blocksOf(v: Val): { blocks: ObjVal[]; more?: string } {
  if (v.k === 'unknown') return { blocks: [], more: v.reason };
  if (v.k !== 'list') return { blocks: [] };
  return { blocks: v.items.filter((x): x is ObjVal => x.k === 'obj'), more: v.more };
}

/**
 * `principals` blocks as `{ <type>: [identifiers] }`. The provider renders one `AWS`/`*` block of
 * `["*"]` as `"*"`; we keep `{ AWS: ["*"] }` (the same principal to IAM) so the finding can point
 * at the `"*"` entry, and a `*` type counts as `AWS`.
 */
function principalsToIam(v: Val): Val {
  const { blocks, more: listMore } = blocksOf(v);
  let more = listMore;
  const groups = new Map<string, { keyLoc: Loc; items: Val[]; loc: Loc; more?: string }>();
  for (const b of blocks) {
    const typeVal = getProp(b, 'type');
    const text = typeVal ? knownText(typeVal) : undefined;
    if (!typeVal || text === undefined) {
      more ??= typeVal?.k === 'unknown' ? typeVal.reason : 'a principal type is not known';
      continue;
    }
    const type = text === '*' ? 'AWS' : text;
    const ids = getProp(b, 'identifiers') ?? listVal([], b.loc);
    const g = groups.get(type) ?? { keyLoc: typeVal.loc, items: [], loc: ids.loc };
    addItems(g, ids);
    groups.set(type, g);
  }
  const entries = [...groups].map(([key, g]) => ({ key, keyLoc: g.keyLoc, value: listVal(g.items, g.loc, g.more) }));
  return objVal(entries, v.loc, more);
}

function addItems(g: { items: Val[]; more?: string }, v: Val): void {
  if (v.k === 'unknown') g.more ??= v.reason;
  else if (v.k === 'list') {
    for (const item of v.items) g.items.push(policyVars(item));
    if (v.more !== undefined) g.more ??= v.more;
  } else g.items.push(policyVars(v));
}

/** `condition` blocks as `{ <test>: { <variable>: [values] } }` (same test and variable merge). */
function conditionsToIam(v: Val): Val {
  const { blocks, more: listMore } = blocksOf(v);
  let more = listMore;
  const tests = new Map<
    string,
    { keyLoc: Loc; loc: Loc; vars: Map<string, { keyLoc: Loc; items: Val[]; loc: Loc; more?: string }> }
  >();
  for (const b of blocks) {
    const testVal = getProp(b, 'test');
    const varVal = getProp(b, 'variable');
    const test = testVal ? knownText(testVal) : undefined;
    const variable = varVal ? knownText(varVal) : undefined;
    if (!testVal || !varVal || test === undefined || variable === undefined) {
      const u = [testVal, varVal].find((x) => x?.k === 'unknown');
      more ??= u?.k === 'unknown' ? u.reason : 'a condition test or variable is not known';
      continue;
    }
    const t = tests.get(test) ?? { keyLoc: testVal.loc, loc: b.loc, vars: new Map() };
    const values = getProp(b, 'values') ?? listVal([], b.loc);
    const g = t.vars.get(variable) ?? { keyLoc: varVal.loc, items: [], loc: values.loc };
    addItems(g, values);
    t.vars.set(variable, g);
    tests.set(test, t);
  }
  const entries = [...tests].map(([key, t]) => ({
    key,
    keyLoc: t.keyLoc,
    value: objVal(
      [...t.vars].map(([vk, g]) => ({ key: vk, keyLoc: g.keyLoc, value: listVal(g.items, g.loc, g.more) })),
      t.loc,
    ),
  }));
  return objVal(entries, v.loc, more);
}
