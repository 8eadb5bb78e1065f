// One condition entry (operator, key, values) as a formula over one value of its key: "the base
// operator holds for this value", with AWS's rules for invalid values (a value that is not of the
// operator's type makes every comparison false, negated ones included) and negated operators
// (true when every policy value is valid and none matches).

import type { ConditionEntry, PatternItem } from '../../model/policy';
import { holeReason, textOf, type PStr } from '../../model/pstr';
import type { ParsedOperator } from '../conditionOperators';
import type { GlobMode } from '../glob';
import { parseIpRange } from '../ipAddress';
import type { PatternCache, VarLookup } from '../patternCache';
import { parseDate, parseNumber } from '../conditionValue';
import { and, FALSE, not, or, TRUE, type Formula } from './formula';
import type { Interval, ScalarFamily } from './scalars';
import { noteUnresolved, takesWide, type AtomSpace, type Reader } from './space';

/** What a key's values are compared as. */
export type KeyFamily = 'string' | 'num' | 'date' | 'ip';

/** What compiling an entry needs besides the entry. */
export interface EntryEnv {
  readonly patterns: PatternCache;
  readonly reader: Reader;
  /** Policy-variable lookup (Version 2012-10-17 only): a fixed key's value, else 'free'. */
  readonly vars?: VarLookup;
}

const ANY_ARN = '*:*:*:*:*:*';

/** The family an operator compares in (Null compares none). */
export function familyOf(op: ParsedOperator): KeyFamily | undefined {
  switch (op.kind) {
    case 'numeric':
      return 'num';
    case 'date':
      return 'date';
    case 'ip':
      return 'ip';
    case 'null':
      return undefined;
    default:
      return 'string';
  }
}

/** The families a key's scalar values may take. */
export function scalarFamilies(f: KeyFamily): ScalarFamily[] {
  return f === 'ip' ? ['v4', 'v6'] : f === 'num' ? ['num'] : ['date'];
}

/**
 * The base operator of `entry` holding for one value, as a formula in `space`. `positive` is the
 * polarity the result will be used at (true: it must hold).
 */
export function entryFormula(
  entry: ConditionEntry,
  op: ParsedOperator,
  space: AtomSpace,
  env: EntryEnv,
  positive: boolean,
): Formula {
  const valid = validity(op, space, env);
  const items: ItemReading[] = entry.values.items.map((it) => readItem(it, op, space, env));
  if (entry.values.unknown !== undefined) items.push(unknownItem(entry, env));
  // As the evaluator: each policy value is compared on its own, a request value of the wrong
  // type failing every comparison (so an empty list is false, negated: true).
  if (!op.negated) return or(items.map((it) => and([valid, it.match(positive)])));
  return and(items.map((it) => and([valid, it.valid(positive), not(it.match(!positive))])));
}

interface ItemReading {
  /** Matches, read at the polarity the atom is used at. */
  match(positive: boolean): Formula;
  /** The policy value is usable (of the operator's type; variables resolvable). */
  valid(positive: boolean): Formula;
}

function unknownItem(entry: ConditionEntry, env: EntryEnv): ItemReading {
  const u = { reason: entry.values.unknown as string, loc: entry.values.loc };
  const read = (positive: boolean) => {
    noteUnresolved(env.reader, u);
    return takesWide(env.reader, positive) ? TRUE : FALSE;
  };
  return { match: read, valid: read };
}

function validity(op: ParsedOperator, space: AtomSpace, env: EntryEnv): Formula {
  if (op.kind === 'arn') return space.glob(env.patterns.text(ANY_ARN, 'glob', false));
  if (op.kind === 'bool')
    return or([
      space.glob(env.patterns.text('true', 'literal', true)),
      space.glob(env.patterns.text('false', 'literal', true)),
    ]);
  if (op.kind === 'numeric') return space.interval({ family: 'num' });
  if (op.kind === 'date') return space.interval({ family: 'date' });
  if (op.kind === 'ip') return or([space.interval({ family: 'v4' }), space.interval({ family: 'v6' })]);
  return TRUE;
}

function readItem(item: PatternItem, op: ParsedOperator, space: AtomSpace, env: EntryEnv): ItemReading {
  if (op.kind === 'numeric' || op.kind === 'date' || op.kind === 'ip') return readScalarItem(item, op, space, env);
  if (op.kind === 'bool') {
    const text = textOf(item.value)?.toLowerCase();
    if (text !== undefined && text !== 'true' && text !== 'false') return { match: () => FALSE, valid: () => FALSE };
  }
  const mode: GlobMode = op.kind === 'arn' ? 'arn' : op.comparison === 'like' ? 'glob' : 'literal';
  const ignoreCase = op.comparison === 'equalsIgnoreCase' || op.kind === 'bool';
  return readPatternItem(item, mode, ignoreCase, space, env);
}

/** A string-valued policy item: its glob, read wide or narrow where it is not fully known. */
export function readPatternItem(
  item: PatternItem,
  mode: GlobMode,
  ignoreCase: boolean,
  space: AtomSpace,
  env: EntryEnv,
): ItemReading {
  const value = item.value;
  const wideGlob = env.patterns.compile(value, mode, ignoreCase, env.vars, 'exists');
  if (wideGlob === 'unresolvable' || wideGlob === 'nomatch') return { match: () => FALSE, valid: () => FALSE };
  const free =
    env.vars !== undefined && env.patterns.compile(value, mode, ignoreCase, env.vars, 'forall') === 'nomatch';
  const reason = free
    ? `the policy variable in ${renderShort(item.value)} takes a value per request`
    : wideGlob.holeReason && (holeReason(item.value) ?? wideGlob.holeReason);
  return {
    match: (positive) => {
      if (reason === undefined) return space.glob(wideGlob);
      noteUnresolved(env.reader, { reason, loc: item.loc });
      // Holes and free variables compile as `*`: the wide reading; the narrow one matches nothing.
      return takesWide(env.reader, positive) ? space.glob(wideGlob) : FALSE;
    },
    valid: () => TRUE,
  };
}

function renderShort(s: PStr): string {
  const t = s.parts.map((p) => (typeof p === 'string' ? p : '…')).join('');
  return t.length > 60 ? `${t.slice(0, 57)}…` : t;
}

function readScalarItem(item: PatternItem, op: ParsedOperator, space: AtomSpace, env: EntryEnv): ItemReading {
  const text = textOf(item.value);
  const variable = env.vars !== undefined && text !== undefined && text.includes('${');
  if (text === undefined || variable) {
    const u = {
      reason: holeReason(item.value) ?? `the policy variable in ${text} is chosen per request`,
      loc: item.loc,
    };
    const read = (positive: boolean) => {
      noteUnresolved(env.reader, u);
      return takesWide(env.reader, positive) ? TRUE : FALSE;
    };
    return { match: read, valid: read };
  }
  const iv = intervalsOf(op, text);
  if (!iv) return { match: () => FALSE, valid: () => FALSE };
  const f = or(iv.map((i) => space.interval(i)));
  return { match: () => f, valid: () => TRUE };
}

function intervalsOf(op: ParsedOperator, text: string): Interval[] | undefined {
  if (op.kind === 'ip') {
    const r = parseIpRange(text);
    return r ? [{ family: r.v6 ? 'v6' : 'v4', lo: r.first, hi: r.last }] : undefined;
  }
  const c = op.kind === 'numeric' ? parseNumber(text) : parseDate(text);
  if (c === undefined) return undefined;
  const family: ScalarFamily = op.kind === 'numeric' ? 'num' : 'date';
  switch (op.comparison) {
    case 'lt':
      return [{ family, hi: c, hiOpen: true }];
    case 'lte':
      return [{ family, hi: c }];
    case 'gt':
      return [{ family, lo: c, loOpen: true }];
    case 'gte':
      return [{ family, lo: c }];
    default:
      return [{ family, lo: c, hi: c }];
  }
}
