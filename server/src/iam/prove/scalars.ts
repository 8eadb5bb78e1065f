// Satisfiability of a boolean formula over "the value lies in interval i" for numbers, dates and
// IP addresses. The interval ends cut each line into finitely many regions on which every atom
// is constant, so trying one value per region (and one value that is not of the type at all,
// which every comparison rejects) decides the formula exactly.

import { formatIp } from '../ipAddress';
import { evaluate, type Formula } from './formula';

/** What a scalar key holds: numbers (decimals), dates (ms since the epoch), IPv4 or IPv6 addresses. */
export type ScalarFamily = 'num' | 'date' | 'v4' | 'v6';

/** One atom: a value of `family` within [lo, hi] (bounds optional, each open or closed). */
export interface Interval {
  readonly family: ScalarFamily;
  readonly lo?: number | bigint;
  readonly loOpen?: boolean;
  readonly hi?: number | bigint;
  readonly hiOpen?: boolean;
}

/** A value a request can carry: in a family, or text that is no value of the type. */
export type ScalarValue =
  { readonly family: ScalarFamily; readonly x: number | bigint } | { readonly family: 'invalid' };

/** A satisfying value (as request text), or none. */
export type ScalarAnswer = { readonly sat: true; readonly witness: string } | { readonly sat: false };

const IP_MAX: Readonly<Record<'v4' | 'v6', bigint>> = { v4: (1n << 32n) - 1n, v6: (1n << 128n) - 1n };
const DATE_LIMIT = 8.64e15;

/** Whether `v` lies in `a`. */
export function inInterval(a: Interval, v: ScalarValue): boolean {
  if (v.family !== a.family) return false;
  const x = v.x;
  if (a.lo !== undefined && (a.loOpen ? x <= a.lo : x < a.lo)) return false;
  if (a.hi !== undefined && (a.hiOpen ? x >= a.hi : x > a.hi)) return false;
  return true;
}

/** Finds a value satisfying `f` over `atoms`, trying one value per region of `families`. */
export function solveScalar(atoms: readonly Interval[], f: Formula, families: readonly ScalarFamily[]): ScalarAnswer {
  for (const v of candidates(atoms, families)) {
    if (evaluate(f, (i) => inInterval(atoms[i], v))) return { sat: true, witness: render(v) };
  }
  return { sat: false };
}

function candidates(atoms: readonly Interval[], families: readonly ScalarFamily[]): ScalarValue[] {
  const out: ScalarValue[] = [];
  for (const family of families) {
    const ends = new Set<number | bigint>();
    for (const a of atoms) {
      if (a.family !== family) continue;
      if (a.lo !== undefined) ends.add(a.lo);
      if (a.hi !== undefined) ends.add(a.hi);
    }
    for (const x of regionValues(
      family,
      [...ends].sort((p, q) => (p < q ? -1 : p > q ? 1 : 0)),
    ))
      out.push({ family, x });
  }
  out.push({ family: 'invalid' });
  return out;
}

/** Each end, one value strictly between neighbours (when one exists), one below and one above. */
function regionValues(family: ScalarFamily, ends: readonly (number | bigint)[]): (number | bigint)[] {
  if (ends.length === 0) return [defaultValue(family)];
  const out: (number | bigint)[] = [];
  const add = (x: number | bigint | undefined) => {
    if (x !== undefined && inRange(family, x)) out.push(x);
  };
  add(before(family, ends[0]));
  for (let i = 0; i < ends.length; i++) {
    add(ends[i]);
    if (i + 1 < ends.length) add(between(family, ends[i], ends[i + 1]));
  }
  add(after(family, ends[ends.length - 1]));
  return out;
}

function defaultValue(family: ScalarFamily): number | bigint {
  if (family === 'v4') return 0xcb007107n; // 203.0.113.7 (documentation range)
  if (family === 'v6') return 0x20010db8000000000000000000000007n; // 2001:db8::7
  return family === 'date' ? Date.UTC(2024, 0, 1) : 1;
}

function before(family: ScalarFamily, x: number | bigint): number | bigint | undefined {
  if (typeof x === 'bigint') return x > 0n ? x - 1n : undefined;
  return family === 'date' ? x - 1000 : Math.floor(x) - 1;
}

function after(family: ScalarFamily, x: number | bigint): number | bigint | undefined {
  if (typeof x === 'bigint') return x < IP_MAX[family as 'v4' | 'v6'] ? x + 1n : undefined;
  return family === 'date' ? x + 1000 : Math.floor(x) + 1;
}

function between(family: ScalarFamily, a: number | bigint, b: number | bigint): number | bigint | undefined {
  if (typeof a === 'bigint' && typeof b === 'bigint') return b - a >= 2n ? a + 1n : undefined;
  const lo = a as number;
  const hi = b as number;
  if (family === 'date') return hi - lo >= 2 ? lo + 1 : undefined;
  const mid = (lo + hi) / 2;
  return mid > lo && mid < hi ? mid : undefined;
}

function inRange(family: ScalarFamily, x: number | bigint): boolean {
  if (typeof x === 'bigint') return x >= 0n && x <= IP_MAX[family as 'v4' | 'v6'];
  if (family === 'date') return Number.isInteger(x) && Math.abs(x) <= DATE_LIMIT;
  return Number.isFinite(x) && renderNumber(x) !== undefined;
}

function render(v: ScalarValue): string {
  if (v.family === 'invalid') return 'not-a-value';
  if (v.family === 'v4' || v.family === 'v6') return formatIp(v.x as bigint, v.family === 'v6');
  if (v.family === 'date') return new Date(v.x as number).toISOString();
  return renderNumber(v.x as number) as string;
}

/** Decimal text IAM reads back as the same number (no exponent), or undefined. */
function renderNumber(x: number): string | undefined {
  const s = String(x);
  return /^-?\d+(\.\d+)?$/.test(s) ? s : undefined;
}
