// `aws.iam.getPolicyDocument({...})` (and Pulumi YAML's `fn::invoke` of it) as the IAM JSON its
// `.json` output renders, with every element located in the program: statements, principals and
// conditions written the way Terraform's aws_iam_policy_document writes them, in camelCase.

import type { Loc } from '../../model/loc';
import { getEntry, getProp, type ObjEntry, type ObjVal, type Val } from '../../model/value';
import { conditionsToIam, policyVars, principalsToIam } from '../../eval/terraform/policyDocument';
import { documentsOf, mergeStatements } from '../../eval/terraform/policyMerge';
import { listVal, objVal, strVal, unknownVal } from '../values';

const LISTS: readonly (readonly [string, string, boolean])[] = [
  ['actions', 'Action', false],
  ['notActions', 'NotAction', false],
  ['resources', 'Resource', true],
  ['notResources', 'NotResource', true],
];

/** The result of the invoke: an object whose `json` and `minifiedJson` are the document. */
export function policyDocumentResult(args: Val, loc: Loc): Val {
  const doc =
    args.k === 'obj'
      ? renderDocument(args)
      : unknownVal(args.k === 'unknown' ? args.reason : 'the getPolicyDocument arguments are not an object', args.loc);
  return objVal(
    [
      { key: 'json', keyLoc: loc, value: doc },
      { key: 'minifiedJson', keyLoc: loc, value: doc },
      { key: 'id', keyLoc: loc, value: unknownVal('the id of a policy document is known only after deployment', loc) },
    ],
    loc,
  );
}

function renderDocument(args: ObjVal): Val {
  const stmts = getEntry(args, 'statements');
  const current: Val[] = [];
  let more: string | undefined = args.more;
  if (stmts?.value.k === 'list') {
    for (const s of stmts.value.items) current.push(statementToIam(s));
    more ??= stmts.value.more;
  } else if (stmts?.value.k === 'unknown') more ??= stmts.value.reason;
  const merged: Val[] = [];
  for (const d of documentsOf(getProp(args, 'sourcePolicyDocuments'))) {
    mergeStatements(merged, d.items);
    more ??= d.more;
  }
  mergeStatements(merged, current);
  for (const d of documentsOf(getProp(args, 'overridePolicyDocuments'))) {
    mergeStatements(merged, d.items);
    more ??= d.more;
  }
  const version = getEntry(args, 'version');
  const entries: ObjEntry[] = [
    version
      ? { ...version, key: 'Version' }
      : { key: 'Version', keyLoc: args.loc, value: strVal('2012-10-17', args.loc) },
  ];
  const id = getEntry(args, 'policyId');
  if (id) entries.push({ ...id, key: 'Id' });
  entries.push({
    key: 'Statement',
    keyLoc: stmts?.keyLoc ?? args.loc,
    value: listVal(merged, stmts?.value.loc ?? args.loc, more),
  });
  return objVal(entries, args.loc);
}

function statementToIam(s: Val): Val {
  if (s.k !== 'obj') return s;
  const entries: ObjEntry[] = [];
  const sid = getEntry(s, 'sid');
  if (sid) entries.push({ ...sid, key: 'Sid' });
  const effect = getEntry(s, 'effect');
  entries.push(effect ? { ...effect, key: 'Effect' } : { key: 'Effect', keyLoc: s.loc, value: strVal('Allow', s.loc) });
  for (const [name, iam, vars] of LISTS) {
    const e = getEntry(s, name);
    if (e && !(e.value.k === 'list' && e.value.items.length === 0 && e.value.more === undefined))
      entries.push({ key: iam, keyLoc: e.keyLoc, value: vars ? policyVars(e.value) : e.value });
  }
  const principals = getEntry(s, 'principals');
  if (principals)
    entries.push({ key: 'Principal', keyLoc: principals.keyLoc, value: principalsToIam(principals.value) });
  const notPrincipals = getEntry(s, 'notPrincipals');
  if (notPrincipals)
    entries.push({ key: 'NotPrincipal', keyLoc: notPrincipals.keyLoc, value: principalsToIam(notPrincipals.value) });
  const conditions = getEntry(s, 'conditions');
  if (conditions)
    entries.push({ key: 'Condition', keyLoc: conditions.keyLoc, value: conditionsToIam(conditions.value) });
  return objVal(entries, s.loc, s.more);
}
