// Merging IAM policy documents the way `data "aws_iam_policy_document"` does for
// `source_policy_documents` and `override_policy_documents`: a statement with a non-empty Sid
// replaces the earlier statement with the same Sid in place; any other statement is appended.

import { asItems, getProp, type Val } from '../../model/value';
import { jsonToVal } from '../json';
import { knownText, relocateDeep } from '../values';

/** Statements of one policy document value, and why more may exist. */
export interface DocStatements {
  readonly items: readonly Val[];
  readonly more?: string;
}

/** Merges `add` into `into` by Sid (in place). */
export function mergeStatements(into: Val[], add: readonly Val[]): void {
  for (const stmt of add) {
    const sid = sidOf(stmt);
    const at = sid ? into.findIndex((s) => sidOf(s) === sid) : -1;
    if (at >= 0) into[at] = stmt;
    else into.push(stmt);
  }
}

function sidOf(stmt: Val): string | undefined {
  const sid = getProp(stmt, 'Sid');
  const t = sid ? knownText(sid) : undefined;
  return t === '' ? undefined : t;
}

/** The statements of a document given as a value (decoded JSON object or a known JSON string). */
export function statementsOf(doc: Val): DocStatements {
  if (doc.k === 'unknown') return { items: [], more: doc.reason };
  if (doc.k === 'null') return { items: [] };
  let obj: Val = doc;
  if (doc.k === 'str') {
    const text = knownText(doc);
    if (text === undefined) return { items: [], more: 'a merged policy document is not fully known' };
    const r = jsonToVal(text, doc.loc.file);
    if (!r.value || r.problems.length) return { items: [], more: 'a merged policy document is not valid JSON' };
    obj = relocateDeep(r.value, doc.loc);
  }
  if (obj.k !== 'obj') return { items: [], more: 'a merged policy document is not a JSON object' };
  const stmts = getProp(obj, 'Statement');
  if (!stmts) return { items: [], more: obj.more };
  if (stmts.k === 'unknown') return { items: [], more: stmts.reason };
  return { items: asItems(stmts), more: stmts.k === 'list' ? stmts.more : undefined };
}

/** The documents of a `*_policy_documents` list (or a single `*_json` document). */
export function documentsOf(v: Val | undefined): DocStatements[] {
  if (!v) return [];
  if (v.k === 'list') {
    const docs = v.items.map(statementsOf);
    return v.more === undefined ? docs : [...docs, { items: [], more: v.more }];
  }
  return [statementsOf(v)];
}
