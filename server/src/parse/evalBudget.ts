// The bounds of one evaluation (a Terraform module, a CloudFormation template): how deeply
// evaluations nest, how much work they do in total, and how large and deep a value may grow
// (shared parts counted each time they are used, so `[l, l]` chains cannot double unnoticed).
// A value past a bound becomes an unknown at the place it was reached, with a PG801 problem.

import type { Loc } from '../model/loc';
import { isHole } from '../model/pstr';
import type { ParseProblem } from '../model/source';
import type { UnknownVal, Val } from '../model/value';
import { LimitError, LIMITS, limitProblem, limitReason } from './limits';

interface Stats {
  /** Nodes plus string characters, shared parts counted each time. */
  readonly size: number;
  /** Nesting of lists and objects. */
  readonly depth: number;
}

const SCALAR: Stats = { size: 1, depth: 0 };
/** At most this many limit problems are reported per evaluation (the first ones). */
const MAX_PROBLEMS = 20;

/** See the file comment. One instance per evaluation. */
export class EvalBudget {
  /** The PG801 problems of the limits reached, in the order they were reached. */
  readonly problems: ParseProblem[] = [];
  private readonly stats = new WeakMap<object, Stats>();
  private depth = 0;
  private steps = 0;
  private exhausted?: string;

  /**
   * Runs one nested evaluation whose value belongs at `loc`. A limit reached inside it (nesting,
   * total work, a LimitError thrown by a function, a value too large or deep) makes the value an
   * unknown at `loc` instead.
   */
  run(loc: Loc, evaluate: () => Val): Val {
    return this.guard(
      loc,
      (u) => u,
      () => this.bounded(evaluate(), loc),
    );
  }

  /**
   * Runs one nested evaluation of any kind (a condition, a value that may be absent). When a
   * limit is reached inside it, the limit is reported at `loc` and `onLimit` gives the result
   * from the unknown that stands for it.
   */
  guard<T>(loc: Loc, onLimit: (u: UnknownVal) => T, evaluate: () => T): T {
    if (this.exhausted) return onLimit(unknownAt(loc, this.exhausted));
    if (++this.steps > LIMITS.evalSteps) return onLimit(this.exhaust(loc));
    if (this.depth >= LIMITS.evalDepth)
      return onLimit(this.limited(loc, `evaluations nested deeper than ${LIMITS.evalDepth} levels`));
    this.depth++;
    try {
      return evaluate();
    } catch (err) {
      if (err instanceof LimitError) return onLimit(this.limited(loc, err.detail));
      throw err;
    } finally {
      this.depth--;
    }
  }

  /** Counts `units` of work done inside one evaluation (a loop in a function); throws LimitError past the budget. */
  charge(units: number): void {
    this.steps += units;
    if (this.steps > LIMITS.evalSteps) {
      this.exhausted ??= stepsDetail();
      throw new LimitError(this.exhausted);
    }
  }

  /** The size of a value: nodes plus string characters, shared parts counted each time. */
  sizeOf(v: Val): number {
    return this.statsOf(v).size;
  }

  /** `v`, or an unknown at `loc` when it is larger or deeper than the limits. */
  bounded(v: Val, loc: Loc): Val {
    if (v.k !== 'str' && v.k !== 'list' && v.k !== 'obj') return v;
    const s = this.statsOf(v);
    if (s.size > LIMITS.valueSize)
      return this.limited(loc, `a value larger than ${LIMITS.valueSize} elements and characters`);
    if (s.depth > LIMITS.nesting) return this.limited(loc, `a value nested deeper than ${LIMITS.nesting} levels`);
    return v;
  }

  /** Records a limit reached at `loc` and returns the unknown that stands for the value there. */
  limited(loc: Loc, detail: string): UnknownVal {
    // Running out of work is reported once, where it happened; everything after is unknown.
    const dup = this.problems.some(
      (p) =>
        (p.loc.start === loc.start && p.loc.file === loc.file) ||
        (detail === this.exhausted && p.message.endsWith(detail)),
    );
    if (!dup && this.problems.length < MAX_PROBLEMS) this.problems.push(limitProblem(loc, detail));
    return unknownAt(loc, detail);
  }

  private exhaust(loc: Loc): UnknownVal {
    this.exhausted = stepsDetail();
    return this.limited(loc, this.exhausted);
  }

  private statsOf(v: Val): Stats {
    if (v.k === 'str') return { size: 1 + textLength(v), depth: 0 };
    if (v.k !== 'list' && v.k !== 'obj') return SCALAR;
    const hit = this.stats.get(v);
    if (hit) return hit;
    let size = 1;
    let depth = 0;
    const n = v.k === 'list' ? v.items.length : v.entries.length;
    for (let i = 0; i < n; i++) {
      const s = this.statsOf(v.k === 'list' ? v.items[i] : v.entries[i].value);
      size += s.size;
      if (s.depth > depth) depth = s.depth;
    }
    const stats = { size, depth: depth + 1 };
    // Collections of collections (what sharing can multiply) and large ones are remembered, and
    // building them counts as work in proportion to their elements (split() in a loop); small
    // collections of scalars are recounted from their elements, which keeps the table small.
    if (depth > 0 || n >= 16) {
      this.steps += n;
      this.stats.set(v, stats);
    }
    return stats;
  }
}

function textLength(v: Val & { k: 'str' }): number {
  let n = 0;
  for (const p of v.s.parts) n += isHole(p) ? 1 : p.length;
  return n;
}

function stepsDetail(): string {
  return `more than ${LIMITS.evalSteps} evaluation steps`;
}

function unknownAt(loc: Loc, detail: string): UnknownVal {
  return { k: 'unknown', reason: limitReason(detail), loc };
}

/** Throws LimitError when a value about to be built would hold more than LIMITS.valueSize elements and characters. */
export function checkSize(size: number, what: string): void {
  if (size > LIMITS.valueSize) throw new LimitError(`${what} larger than ${LIMITS.valueSize} elements and characters`);
}
