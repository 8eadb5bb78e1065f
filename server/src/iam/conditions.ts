// A statement's Condition block: entries AND'ed, keys case-insensitive.

import type { ConditionEntry, Statement } from '../model/policy';
import type { Tri } from '../model/resources';
import { evaluateEntry, type EntryEnv } from './conditionEntry';
import type { PatternCache, VarLookup } from './patternCache';
import type { RequestContext } from './requestContext';
import { and3, note, type Why } from './tri';

/** The Condition block's verdict, or the first entry whose operator AWS does not know. */
export type ConditionResult = Tri | { readonly invalidOperator: ConditionEntry };

/**
 * Evaluates `st`'s conditions against the request's context. `lookup` substitutes policy
 * variables (undefined when the document's Version takes none: they are literal text).
 */
export function evaluateConditions(
  st: Statement,
  ctx: RequestContext,
  patterns: PatternCache,
  lookup: VarLookup | undefined,
  why: Why,
): ConditionResult {
  const parsed = [];
  for (const entry of st.conditions) {
    const op = patterns.operator(entry.operator);
    if (!op) return { invalidOperator: entry };
    parsed.push({ entry, op });
  }
  let acc: Tri = 'yes';
  if (st.conditionsUnknown !== undefined) {
    note(why, st.conditionsUnknown, st.loc);
    acc = 'unknown';
  }
  const env: EntryEnv = { patterns, lookup, why };
  for (const pe of parsed) {
    acc = and3(acc, evaluateEntry(pe.entry, pe.op, ctx.get(pe.entry.key), env));
    if (acc === 'no') return acc;
  }
  return acc;
}
