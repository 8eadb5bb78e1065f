// One context key across every statement a request meets: the key is absent, has one value, or
// (for multivalued keys) a set of values, and the SAME choice is seen by every condition on it.
// Given the entries that must hold and those that must fail, find a state of the key that
// satisfies them all, or show there is none.

import type { ConditionEntry } from '../../model/policy';
import { textOf } from '../../model/pstr';
import type { ParsedOperator } from '../conditionOperators';
import { entryFormula, familyOf, scalarFamilies, type EntryEnv, type KeyFamily } from './entryFormula';
import { and, FALSE, not, TRUE, type Formula } from './formula';
import { solveScalar } from './scalars';
import { AtomSpace, noteUnresolved, takesWide, type Reader } from './space';
import { solveString, type StringAnswer } from './strings';

/**
 * A condition entry that must hold (`holds`) or fail, with how its statement's document reads.
 * `polarity` false: the literal stands negated in the formula the search must satisfy (it is
 * read that way when testing whether a deny can still apply); unknown parts are read accordingly.
 */
export interface KeyLiteral {
  readonly entry: ConditionEntry;
  readonly op: ParsedOperator;
  readonly holds: boolean;
  readonly env: EntryEnv;
  readonly polarity?: boolean;
}

function polarityOf(l: KeyLiteral): boolean {
  return l.polarity ?? true;
}

/** The polarity the entry's own atoms are read at. */
function atomPolarity(l: KeyLiteral): boolean {
  return polarityOf(l) === l.holds;
}

/** The literal holds given the entry's truth, an unknown truth read as the reader says. */
function literalHolds(l: KeyLiteral, truth: boolean | 'unknown', reader: Reader): boolean {
  return truth === 'unknown' ? takesWide(reader, polarityOf(l)) : truth === l.holds;
}

/** What the question allows for a key, beyond what the policies say. */
export interface KeyDomain {
  /** 'required': the key is always absent; 'forbidden': always present. */
  readonly absent: 'allowed' | 'forbidden' | 'required';
  /** A constraint every value of the key meets, built in the key's atom space. */
  readonly value?: (space: AtomSpace) => Formula;
  /** Whether a present key carries one value, a set, or either (unknown keys). */
  readonly multi: 'never' | 'always' | 'either';
}

/** A state of the key in a request. */
export type KeyWitness =
  | { readonly k: 'absent' }
  | { readonly k: 'single'; readonly v: string }
  | { readonly k: 'multi'; readonly vs: readonly string[] };

/** A satisfying state, none, or "don't know" (why). */
export type KeyAnswer =
  | { readonly sat: true; readonly state: KeyWitness }
  | { readonly sat: false }
  | { readonly sat: 'unknown'; readonly reason: string };

/** Solves one key. `reader` collects the unknown values the answer depends on. */
export function solveKey(key: string, lits: readonly KeyLiteral[], domain: KeyDomain, reader: Reader): KeyAnswer {
  const family = familyOfKey(lits);
  if (family === 'mixed')
    return { sat: 'unknown', reason: `${key} is compared both as text and as a number, date or address` };
  let unknown: string | undefined;
  for (const option of ['absent', 'single', 'multi'] as const) {
    if (!allows(domain, option)) continue;
    const r =
      option === 'absent'
        ? solveAbsent(lits, reader)
        : option === 'single'
          ? solveSingle(lits, domain, family, reader)
          : solveMulti(lits, domain, family, reader);
    if (r.sat === true) return r;
    if (r.sat === 'unknown') unknown ??= r.reason;
  }
  return unknown === undefined ? { sat: false } : { sat: 'unknown', reason: unknown };
}

function familyOfKey(lits: readonly KeyLiteral[]): KeyFamily | 'mixed' {
  let family: KeyFamily | undefined;
  for (const l of lits) {
    const f = familyOf(l.op);
    if (f === undefined) continue;
    if (family !== undefined && family !== f) return 'mixed';
    family = f;
  }
  return family ?? 'string';
}

function allows(d: KeyDomain, option: 'absent' | 'single' | 'multi'): boolean {
  if (option === 'absent') return d.absent !== 'forbidden';
  if (d.absent === 'required') return false;
  return option === 'single' ? d.multi !== 'always' : d.multi !== 'never';
}

const ABSENT_UNDOCUMENTED = 'AWS does not document ForAnyValue…IfExists on an absent key';
const MULTI_UNDOCUMENTED = 'AWS does not document a single-valued operator on a multivalued key';

/** The entry on an absent key: true, false, or unknown (undocumented, or an unknown Null value). */
function onAbsent(l: KeyLiteral, reader: Reader): boolean | 'unknown' {
  if (l.op.kind === 'null') return nullTruth(l, false, reader);
  if (l.op.set === 'ForAnyValue' && l.op.ifExists) {
    noteUnresolved(reader, { reason: ABSENT_UNDOCUMENTED, loc: l.entry.operatorLoc });
    return 'unknown';
  }
  if (l.op.ifExists || l.op.set === 'ForAllValues') return true;
  if (l.op.set === 'ForAnyValue') return false;
  return l.op.negated;
}

/** `Null: true` holds on an absent key, `Null: false` on a present one; an unknown value may be either. */
function nullTruth(l: KeyLiteral, present: boolean, reader: Reader): boolean | 'unknown' {
  let unknown = false;
  for (const it of l.entry.values.items) {
    const text = textOf(it.value)?.toLowerCase();
    if (text === (present ? 'false' : 'true')) return true;
    if (text === undefined) {
      noteUnresolved(reader, { reason: 'a value of the Null condition is not known', loc: it.loc });
      unknown = true;
    }
  }
  if (l.entry.values.unknown !== undefined) {
    noteUnresolved(reader, { reason: l.entry.values.unknown, loc: l.entry.values.loc });
    unknown = true;
  }
  return unknown ? 'unknown' : false;
}

function solveAbsent(lits: readonly KeyLiteral[], reader: Reader): KeyAnswer {
  for (const l of lits) if (!literalHolds(l, onAbsent(l, reader), reader)) return { sat: false };
  return { sat: true, state: { k: 'absent' } };
}

function solveSingle(lits: readonly KeyLiteral[], domain: KeyDomain, family: KeyFamily, reader: Reader): KeyAnswer {
  const space = new AtomSpace();
  const parts: Formula[] = [domain.value ? domain.value(space) : TRUE];
  for (const l of lits) {
    if (l.op.kind === 'null') parts.push(literalHolds(l, nullTruth(l, true, reader), reader) ? TRUE : FALSE);
    else {
      const base = entryFormula(l.entry, l.op, space, l.env, atomPolarity(l));
      parts.push(l.holds ? base : not(base));
    }
  }
  const r = solveValue(space, and(parts), family);
  return r.sat === true
    ? { sat: true, state: { k: 'single', v: r.witness } }
    : r.sat === false
      ? r
      : { sat: 'unknown', reason: 'the search for a value ran past its budget' };
}

/**
 * A set of values: ForAllValues (every value) and ForAnyValue (some value) constraints, negated
 * ones swapped (not all = some fails; not any = all fail). Satisfiable when the "every value"
 * part has a value and each "some value" part has one meeting the "every value" part too.
 */
function solveMulti(lits: readonly KeyLiteral[], domain: KeyDomain, family: KeyFamily, reader: Reader): KeyAnswer {
  const space = new AtomSpace();
  const every: Formula[] = [domain.value ? domain.value(space) : TRUE];
  const some: Formula[] = [];
  for (const l of lits) {
    if (l.op.kind === 'null') {
      if (!literalHolds(l, nullTruth(l, true, reader), reader)) return { sat: false };
    } else if (!l.op.set) {
      noteUnresolved(reader, { reason: MULTI_UNDOCUMENTED, loc: l.entry.operatorLoc });
      if (!literalHolds(l, 'unknown', reader)) return { sat: false };
    } else {
      const forAll = (l.op.set === 'ForAllValues') === l.holds;
      const base = entryFormula(l.entry, l.op, space, l.env, atomPolarity(l));
      (forAll ? every : some).push(l.holds ? base : not(base));
    }
  }
  const all = and(every);
  const values: string[] = [];
  for (const s of some.length ? some : [TRUE]) {
    const r = solveValue(space, and([all, s]), family);
    if (r.sat !== true)
      return r.sat === false ? r : { sat: 'unknown', reason: 'the search for a value ran past its budget' };
    if (!values.includes(r.witness)) values.push(r.witness);
  }
  return { sat: true, state: { k: 'multi', vs: values } };
}

function solveValue(space: AtomSpace, f: Formula, family: KeyFamily): StringAnswer {
  if (family === 'string') return solveString(space.globs, f);
  return solveScalar(space.intervals, f, scalarFamilies(family));
}
