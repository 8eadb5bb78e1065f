// One Condition entry (operator + key + values) against one state of its key, with AWS's rules for
// absent keys, IfExists, ForAllValues/ForAnyValue and Null.

import type { ConditionEntry, PatternItem } from '../model/policy';
import { holeReason, textOf, type PStr } from '../model/pstr';
import type { Tri } from '../model/resources';
import type { ParsedOperator } from './conditionOperators';
import type { PatternCache, VarLookup } from './patternCache';
import type { KeyState } from './requestContext';
import { and3, not3, note, or3, type Why } from './tri';
import { testValue, type ValueEnv } from './conditionValue';

/** What evaluating a condition entry needs besides the entry and the key's state. */
export interface EntryEnv {
  readonly patterns: PatternCache;
  /** Policy-variable substitution; undefined when the document's Version takes none. */
  readonly lookup: VarLookup | undefined;
  readonly why: Why;
}

/**
 * Evaluates `entry` given the state of its key. Absent key: `Null:true`, `...IfExists`,
 * `ForAllValues:` and negated operators are true; `ForAnyValue:` and the rest false (AWS IAM User
 * Guide, condition operators and set operators). Two combinations AWS does not document are
 * unknown: `ForAnyValue:…IfExists` on an absent key (the prefix says false, the suffix true),
 * and a single-valued operator on a multivalued context value.
 */
export function evaluateEntry(entry: ConditionEntry, op: ParsedOperator, state: KeyState, env: EntryEnv): Tri {
  if (op.kind === 'null') return evaluateNull(entry, state.k !== 'absent', env.why);
  if (state.k === 'absent') {
    if (op.set === 'ForAnyValue' && op.ifExists)
      return undocumented(env.why, 'AWS does not document ForAnyValue…IfExists on an absent key', entry);
    if (op.ifExists || op.set === 'ForAllValues') return 'yes';
    if (op.set === 'ForAnyValue') return 'no';
    return op.negated ? 'yes' : 'no';
  }
  const values = state.k === 'single' ? [state.v] : state.vs;
  if (!op.set)
    return state.k === 'multi'
      ? undocumented(env.why, 'AWS does not document a single-valued operator on a multivalued key', entry)
      : baseTest(entry, op, values[0], env);
  let acc: Tri = op.set === 'ForAllValues' ? 'yes' : 'no';
  for (const v of values) {
    const t = baseTest(entry, op, v, env);
    acc = op.set === 'ForAllValues' ? and3(acc, t) : or3(acc, t);
  }
  return acc;
}

function undocumented(why: Why, reason: string, entry: ConditionEntry): Tri {
  note(why, reason, entry.operatorLoc);
  return 'unknown';
}

function evaluateNull(entry: ConditionEntry, present: boolean, why: Why): Tri {
  let acc: Tri = 'no';
  for (const item of entry.values.items) {
    const text = textOf(item.value)?.toLowerCase();
    if (text === undefined) {
      note(why, holeReason(item.value), item.loc);
      acc = or3(acc, 'unknown');
    } else if (text === (present ? 'false' : 'true')) return 'yes';
  }
  return withListUnknown(acc, entry, why, false);
}

/**
 * The base operator for one request value: positive operators are true when some policy value
 * matches; negated ones when every policy value is valid and none matches.
 */
function baseTest(entry: ConditionEntry, op: ParsedOperator, request: string | PStr, env: EntryEnv): Tri {
  const venv: ValueEnv = { patterns: env.patterns, lookup: env.lookup };
  let acc: Tri = op.negated ? 'yes' : 'no';
  for (const item of entry.values.items) {
    const r = testValue(op, request, item.value, venv);
    if (r === 'unknown') noteValue(env.why, item, request, entry);
    const t: Tri = r === 'invalid' ? 'no' : op.negated ? not3(r) : r;
    acc = op.negated ? and3(acc, t) : or3(acc, t);
    if (acc === (op.negated ? 'no' : 'yes')) return acc;
  }
  return withListUnknown(acc, entry, env.why, op.negated);
}

function withListUnknown(acc: Tri, entry: ConditionEntry, why: Why, negated: boolean): Tri {
  if (entry.values.unknown === undefined || acc === (negated ? 'no' : 'yes')) return acc;
  note(why, entry.values.unknown, entry.values.loc);
  return 'unknown';
}

function noteValue(why: Why, item: PatternItem, request: string | PStr, entry: ConditionEntry): void {
  const policyReason = holeReason(item.value);
  if (policyReason !== undefined) note(why, policyReason, item.loc);
  else if (typeof request !== 'string')
    note(why, holeReason(request) ?? `the value of ${entry.key} is not fully known`, entry.keyLoc);
  else note(why, `a policy variable in ${entry.key} is not fully known`, item.loc);
}
