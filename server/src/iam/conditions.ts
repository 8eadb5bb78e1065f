// A statement's Condition block: entries AND'ed, keys case-insensitive, and the attacker search
// for keys the request leaves open.

import type { ConditionEntry, Statement } from '../model/policy';
import type { Tri } from '../model/resources';
import { attackerChoices, type OpEntry } from './attackerChoices';
import { evaluateEntry, type EntryEnv } from './conditionEntry';
import type { PatternCache } from './patternCache';
import type { RequestContext } from './requestContext';
import { and3, note, type Why } from './tri';

/** The Condition block's verdict, or the first entry whose operator AWS does not know. */
export type ConditionResult = Tri | { readonly invalidOperator: ConditionEntry };

/**
 * Evaluates `st`'s conditions. `want` is the attacker's goal ('yes' for an Allow, 'no' for a
 * Deny): for an attacker-chosen key the Allow's conditions hold if some choice meets them, the
 * Deny's if every choice does.
 */
export function evaluateConditions(st: Statement, ctx: RequestContext, patterns: PatternCache, want: Tri, why: Why): ConditionResult {
  const parsed: OpEntry[] = [];
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
  const env: EntryEnv = { patterns, lookup: ctx.lookup, want, why };
  let free: Map<string, OpEntry[]> | undefined;
  for (const pe of parsed) {
    const state = ctx.get(pe.entry.key);
    if (state.k === 'free') {
      free ??= new Map();
      const key = pe.entry.key.toLowerCase();
      free.set(key, [...(free.get(key) ?? []), pe]);
      continue;
    }
    acc = and3(acc, evaluateEntry(pe.entry, pe.op, state, env));
    if (acc === 'no') return acc;
  }
  for (const group of free?.values() ?? []) {
    acc = and3(acc, searchAttacker(group, env));
    if (acc === 'no') return acc;
  }
  return acc;
}

function searchAttacker(group: readonly OpEntry[], env: EntryEnv): Tri {
  const scratch: Why = {};
  const inner: EntryEnv = { ...env, why: scratch };
  const goal: Tri = env.want === 'yes' ? 'yes' : 'no';
  let sawUnknown = false;
  for (const state of attackerChoices(group)) {
    let t: Tri = 'yes';
    for (const { entry, op } of group) {
      t = and3(t, evaluateEntry(entry, op, state, inner));
      if (t === 'no') break;
    }
    if (t === goal) return goal;
    if (t === 'unknown') sawUnknown = true;
  }
  if (!sawUnknown) return goal === 'yes' ? 'no' : 'yes';
  note(env.why, scratch.reason, scratch.loc);
  return 'unknown';
}
