// JSON problems of documents used as policies (heredoc JSON, file() contents): they make the
// policy unreadable, so they are reported as ParseProblems (PG801).

import type { IacResource } from '../../model/resources';
import type { ParseProblem } from '../../model/source';
import type { Val } from '../../model/value';
import type { ValMarks } from './evalTypes';

/** Arguments that hold a policy document (directly or as a list of documents). */
const POLICY_ARGS = new Set([
  'policy',
  'assume_role_policy',
  'source_json',
  'override_json',
  'source_policy_documents',
  'override_policy_documents',
]);

/** The problems of every policy argument's value in `resources`, each reported once. */
export function policyProblems(marks: ValMarks, resources: readonly IacResource[]): ParseProblem[] {
  const out: ParseProblem[] = [];
  if (!marks.hasProblems) return out;
  const seen = new Set<string>();
  const add = (v: Val) => {
    for (const p of marks.problems.get(v) ?? []) {
      const key = `${p.loc.file}:${p.loc.start}:${p.loc.end}:${p.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(p);
    }
  };
  const walk = (obj: Val, depth: number) => {
    if (obj.k !== 'obj' || depth > 3) return;
    for (const e of obj.entries) {
      if (POLICY_ARGS.has(e.key)) {
        add(e.value);
        if (e.value.k === 'list') e.value.items.forEach(add);
      } else if (e.value.k === 'list') {
        for (const item of e.value.items) if (item.k === 'obj' && marks.headers.has(item)) walk(item, depth + 1);
      }
    }
  };
  for (const r of resources) walk(r.props, 0);
  return out;
}
