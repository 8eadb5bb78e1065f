// The atoms one value is judged by (globs for strings, intervals for numbers, dates and IPs),
// and how the policy's unknown parts are read. A policy value with a hole (an unresolved
// Terraform/CloudFormation value) or a policy variable is read two ways: "wide" (holes and
// variables match anything: used where matching helps the request through) and "narrow" (they
// match nothing). Over-approximation takes the side that lets more requests in, so its "no" is a
// proof; under-approximation takes the other side, so its "yes" needs no unknown value.

import type { Loc } from '../../model/loc';
import type { Glob } from '../glob';
import { atom, FALSE, TRUE, type Formula } from './formula';
import type { Interval } from './scalars';

/** Which approximation a search runs under. */
export type Approx = 'over' | 'under';

/** An unknown value that a verdict may depend on. */
export interface Unresolved {
  readonly reason: string;
  readonly loc?: Loc;
}

/** Atoms of one value (the resource, or one context key), deduplicated. */
export class AtomSpace {
  readonly globs: Glob[] = [];
  readonly intervals: Interval[] = [];
  private readonly globIndex = new Map<Glob, number>();
  private readonly intervalIndex = new Map<string, number>();

  /** The atom "matches `g`". */
  glob(g: Glob): Formula {
    let i = this.globIndex.get(g);
    if (i === undefined) {
      i = this.globs.length;
      this.globs.push(g);
      this.globIndex.set(g, i);
    }
    return atom(i);
  }

  /** The atom "lies in `iv`". */
  interval(iv: Interval): Formula {
    const key = `${iv.family}|${String(iv.lo)}|${iv.loOpen}|${String(iv.hi)}|${iv.hiOpen}`;
    let i = this.intervalIndex.get(key);
    if (i === undefined) {
      i = this.intervals.length;
      this.intervals.push(iv);
      this.intervalIndex.set(key, i);
    }
    return atom(i);
  }
}

/**
 * Reading one uncertain atom at a given polarity: `positive` says whether the atom appears
 * un-negated in the formula that must hold. Returns the wide or the narrow reading and records
 * the unknown value when the two differ.
 */
export interface Reader {
  readonly approx: Approx;
  /** Unknown values the formulas built so far depend on. */
  readonly used: Unresolved[];
}

/** True when the wide reading is the one to take for an atom of this polarity. */
export function takesWide(r: Reader, positive: boolean): boolean {
  return (r.approx === 'over') === positive;
}

/** Records that a formula depends on `u` (first occurrence kept). */
export function noteUnresolved(r: Reader, u: Unresolved): void {
  if (!r.used.some((x) => x.reason === u.reason && x.loc?.start === u.loc?.start && x.loc?.file === u.loc?.file))
    r.used.push(u);
}

/** A yes/no/unknown fact (an Action, Principal or Effect that may depend on an unknown value) as a constant. */
export function uncertain(
  r: Reader,
  t: 'yes' | 'no' | 'unknown',
  positive: boolean,
  u: Unresolved | undefined,
): Formula {
  if (t !== 'unknown') return t === 'yes' ? TRUE : FALSE;
  if (u) noteUnresolved(r, u);
  return takesWide(r, positive) ? TRUE : FALSE;
}
