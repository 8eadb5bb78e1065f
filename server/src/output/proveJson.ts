// `prove --format json`: {"subjects":[{subject, kind, file, line, guarantees:[{ruleId, title,
// verdict, reason?, file?, line?, counterexample?}]}]}; counterexample as in `check`'s JSON.

import type { LocatedSubject } from './proveLocate';

/** The table as one JSON object. */
export function formatProveJson(subjects: readonly LocatedSubject[]): string {
  return JSON.stringify({ subjects });
}
