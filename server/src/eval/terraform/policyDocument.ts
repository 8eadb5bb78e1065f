// `data "aws_iam_policy_document"` as the IAM JSON it renders (`.json`), with every element's
// location in the HCL: action entries, the effect (or the statement header when defaulted to
// Allow), principal identifiers, condition test/variable/values.

import type { Loc } from '../../model/loc';
import { isHole, type PStr } from '../../model/pstr';
import { getProp, type ObjEntry, type ObjVal, type Val } from '../../model/value';
import type { Evaluator } from './evalTypes';
import { documentsOf, mergeStatements } from './policyMerge';
import type { ResourceInstance } from './resourceInstance';
import { joinParts, knownText, listVal, objVal, strVal } from '../../parse/values';

const LISTS: readonly (readonly [string, string, boolean])[] = [
  ['actions', 'Action', false],
  ['not_actions', 'NotAction', false],
  ['resources', 'Resource', true],
  ['not_resources', 'NotResource', true],
];

/** The document a policy-document data source renders, as a Val in IAM JSON shape (marked encoded). */
export function policyDocumentJson(ev: Evaluator, inst: ResourceInstance): Val {
  const header = inst.labelLoc;
  const stmtEntry = inst.blockEntry('statement');
  const current: Val[] = [];
  let more: string | undefined;
  if (stmtEntry) {
    const list = stmtEntry.value;
    if (list.k === 'list') {
      for (const s of list.items) current.push(statementToIam(ev, s));
      more = list.more;
    } else if (list.k === 'unknown') more = list.reason;
  }
  const merged: Val[] = [];
  const sources = [
    ...documentsOf(optional(inst, 'source_json')),
    ...documentsOf(optional(inst, 'source_policy_documents')),
  ];
  const overrides = [
    ...documentsOf(optional(inst, 'override_policy_documents')),
    ...documentsOf(optional(inst, 'override_json')),
  ];
  for (const d of sources) {
    mergeStatements(merged, d.items);
    more ??= d.more;
  }
  mergeStatements(merged, current);
  for (const d of overrides) {
    mergeStatements(merged, d.items);
    more ??= d.more;
  }
  const version = inst.attrEntry('version');
  const entries: ObjEntry[] = [
    version ? { ...version, key: 'Version' } : { key: 'Version', keyLoc: header, value: strVal('2012-10-17', header) },
  ];
  const id = inst.attrEntry('policy_id');
  if (id) entries.push({ ...id, key: 'Id' });
  entries.push({
    key: 'Statement',
    keyLoc: stmtEntry?.keyLoc ?? header,
    value: listVal(merged, stmtEntry?.value.loc ?? inst.loc, more),
  });
  return ev.marks.markEncoded(objVal(entries, inst.loc));
}

function optional(inst: ResourceInstance, name: string): Val | undefined {
  return inst.has(name) ? inst.attr(name) : undefined;
}

/** One `statement` block object as an IAM statement. */
function statementToIam(ev: Evaluator, s: Val): Val {
  if (s.k !== 'obj') return s;
  const header = ev.marks.headers.get(s) ?? s.loc;
  const entries: ObjEntry[] = [];
  const sid = entryOf(s, 'sid');
  if (sid) entries.push({ ...sid, key: 'Sid' });
  const effect = entryOf(s, 'effect');
  entries.push(
    effect ? { ...effect, key: 'Effect' } : { key: 'Effect', keyLoc: header, value: strVal('Allow', header) },
  );
  for (const [hcl, iam, vars] of LISTS) {
    const e = entryOf(s, hcl);
    if (e && !isKnownEmpty(e.value))
      entries.push({ key: iam, keyLoc: e.keyLoc, value: vars ? policyVars(e.value) : e.value });
  }
  const principals = entryOf(s, 'principals');
  if (principals)
    entries.push({ key: 'Principal', keyLoc: principals.keyLoc, value: principalsToIam(principals.value) });
  const notPrincipals = entryOf(s, 'not_principals');
  if (notPrincipals)
    entries.push({ key: 'NotPrincipal', keyLoc: notPrincipals.keyLoc, value: principalsToIam(notPrincipals.value) });
  const condition = entryOf(s, 'condition');
  if (condition) entries.push({ key: 'Condition', keyLoc: condition.keyLoc, value: conditionsToIam(condition.value) });
  return objVal(entries, s.loc, s.more);
}

function entryOf(o: ObjVal, key: string): ObjEntry | undefined {
  for (const e of o.entries) if (e.key === key) return e;
  return undefined;
}

function isKnownEmpty(v: Val): boolean {
  return v.k === 'list' && v.items.length === 0 && v.more === undefined;
}

/** The provider writes `&{aws:username}` for the IAM policy variable `${aws:username}`. */
export function policyVars(v: Val): Val {
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
export function principalsToIam(v: Val): Val {
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
export function conditionsToIam(v: Val): Val {
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
