// Condition operator names: `[ForAllValues:|ForAnyValue:]<Base>[IfExists]`.

import type { ConditionEntry, PolicyDoc } from '../model/policy';

/** The value type an operator compares. */
export type OperatorKind = 'string' | 'numeric' | 'date' | 'bool' | 'binary' | 'ip' | 'arn' | 'null';

/** The comparison a base operator makes, before negation. */
export type Comparison = 'equals' | 'equalsIgnoreCase' | 'like' | 'lt' | 'lte' | 'gt' | 'gte' | 'in' | 'null';

/** The set prefixes for multivalued keys. */
export type SetOperator = 'ForAllValues' | 'ForAnyValue';

/** An operator split into its parts. */
export interface ParsedOperator {
  /** Canonical base name, e.g. `StringNotLike`. */
  readonly base: string;
  readonly kind: OperatorKind;
  readonly comparison: Comparison;
  /** `...Not...` operators: true when no policy value matches (and when the key is absent). */
  readonly negated: boolean;
  readonly set?: SetOperator;
  readonly ifExists: boolean;
}

type BaseDef = readonly [OperatorKind, Comparison, boolean];

const BASES: Readonly<Record<string, BaseDef>> = {
  StringEquals: ['string', 'equals', false],
  StringNotEquals: ['string', 'equals', true],
  StringEqualsIgnoreCase: ['string', 'equalsIgnoreCase', false],
  StringNotEqualsIgnoreCase: ['string', 'equalsIgnoreCase', true],
  StringLike: ['string', 'like', false],
  StringNotLike: ['string', 'like', true],
  NumericEquals: ['numeric', 'equals', false],
  NumericNotEquals: ['numeric', 'equals', true],
  NumericLessThan: ['numeric', 'lt', false],
  NumericLessThanEquals: ['numeric', 'lte', false],
  NumericGreaterThan: ['numeric', 'gt', false],
  NumericGreaterThanEquals: ['numeric', 'gte', false],
  DateEquals: ['date', 'equals', false],
  DateNotEquals: ['date', 'equals', true],
  DateLessThan: ['date', 'lt', false],
  DateLessThanEquals: ['date', 'lte', false],
  DateGreaterThan: ['date', 'gt', false],
  DateGreaterThanEquals: ['date', 'gte', false],
  Bool: ['bool', 'equals', false],
  BinaryEquals: ['binary', 'equals', false],
  IpAddress: ['ip', 'in', false],
  NotIpAddress: ['ip', 'in', true],
  ArnEquals: ['arn', 'like', false],
  ArnLike: ['arn', 'like', false],
  ArnNotEquals: ['arn', 'like', true],
  ArnNotLike: ['arn', 'like', true],
  Null: ['null', 'null', false],
};

const BY_LOWER = new Map(Object.keys(BASES).map((k) => [k.toLowerCase(), k]));
const SETS: readonly SetOperator[] = ['ForAllValues', 'ForAnyValue'];

/**
 * Parses an operator as written (names compared case-insensitively). Undefined for an unknown
 * operator, which AWS rejects (MalformedPolicyDocument); `NullIfExists` is unknown too.
 */
export function parseOperator(op: string): ParsedOperator | undefined {
  let rest = op.trim();
  let set: SetOperator | undefined;
  for (const s of SETS) {
    if (rest.toLowerCase().startsWith(`${s.toLowerCase()}:`)) {
      set = s;
      rest = rest.slice(s.length + 1);
    }
  }
  let ifExists = false;
  if (rest.toLowerCase().endsWith('ifexists')) {
    ifExists = true;
    rest = rest.slice(0, -'ifexists'.length);
  }
  const base = BY_LOWER.get(rest.toLowerCase());
  if (!base) return undefined;
  const [kind, comparison, negated] = BASES[base];
  if (kind === 'null' && (ifExists || set)) return undefined;
  return { base, kind, comparison, negated, set, ifExists };
}

/** Condition entries of `doc` whose operator AWS does not know (it rejects such policies). */
export function unknownConditionOperators(doc: PolicyDoc): ConditionEntry[] {
  const out: ConditionEntry[] = [];
  for (const st of doc.statements) for (const c of st.conditions) if (!parseOperator(c.operator)) out.push(c);
  return out;
}
