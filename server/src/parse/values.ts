// Constructors and conversions for evaluated values (model/value.ts) used across the evaluator.

import type { Loc } from '../model/loc';
import { hole, known, textOf, type Part, type PStr } from '../model/pstr';
import type { ListVal, ObjEntry, ObjVal, Origin, StrVal, UnknownVal, Val } from '../model/value';
import { joinParts } from './joinParts';

export { joinParts };

/**
 * An evaluation error (a missing attribute, an index out of range, a wrong type): an unknown value
 * to every consumer, but `try()`/`can()` treat it as a failure rather than as "not known yet".
 */
export interface ErrorVal extends UnknownVal {
  readonly error: true;
}

/** An unknown value; `reason` is shown to the user. */
export function unknownVal(reason: string, loc: Loc): UnknownVal {
  return { k: 'unknown', reason, loc };
}

/** An evaluation error (see ErrorVal). */
export function errorVal(reason: string, loc: Loc): ErrorVal {
  return { k: 'unknown', reason, loc, error: true };
}

/** Whether `v` is an evaluation error rather than merely unknown. */
export function isError(v: Val): v is ErrorVal {
  return v.k === 'unknown' && (v as Partial<ErrorVal>).error === true;
}

/** A string value, fully or partially known. */
export function strVal(s: string | PStr, loc: Loc): StrVal {
  return { k: 'str', s: typeof s === 'string' ? known(s) : s, loc };
}

/** A list; `more` says why further items of unknown value may exist. */
export function listVal(items: readonly Val[], loc: Loc, more?: string): ListVal {
  return more === undefined ? { k: 'list', items, loc } : { k: 'list', items, loc, more };
}

/** An object; `more` says why further entries of unknown key may exist. */
export function objVal(entries: readonly ObjEntry[], loc: Loc, more?: string): ObjVal {
  return more === undefined ? { k: 'obj', entries, loc } : { k: 'obj', entries, loc, more };
}

/**
 * A value reached through a reference to another resource: scalars take the location of the
 * reference, collections keep theirs; both get `origin` so the model can link resources.
 */
export function linkVal(v: Val, origin: Origin, useLoc: Loc): Val {
  switch (v.k) {
    case 'str':
      return { k: 'str', s: v.s, loc: useLoc, origin };
    case 'num':
      return { k: 'num', n: v.n, loc: useLoc, origin };
    case 'bool':
      return { k: 'bool', b: v.b, loc: useLoc, origin };
    case 'null':
      return { k: 'null', loc: useLoc, origin };
    case 'unknown':
      return isError(v)
        ? ({ k: 'unknown', reason: v.reason, loc: useLoc, origin, error: true } as ErrorVal)
        : { k: 'unknown', reason: v.reason, loc: useLoc, origin };
    default:
      return { ...v, origin };
  }
}

/** The first unknown (or error) value among `vals`: the reason an operation cannot be decided. */
export function firstUnknown(vals: readonly Val[]): UnknownVal | undefined {
  let unknown: UnknownVal | undefined;
  for (const v of vals) {
    if (isError(v)) return v;
    if (v.k === 'unknown' && !unknown) unknown = v;
  }
  return unknown;
}

/** An unknown result at `loc` carrying the reason (and error-ness) of `cause`. */
export function propagate(cause: UnknownVal, loc: Loc): UnknownVal {
  return isError(cause) ? errorVal(cause.reason, loc) : unknownVal(cause.reason, loc);
}

/** Converts a value to string parts for templates and string functions; undefined when impossible. */
export function toPStr(v: Val): PStr | undefined {
  switch (v.k) {
    case 'str':
      return v.s;
    case 'num':
      return known(formatNumber(v.n));
    case 'bool':
      return known(v.b ? 'true' : 'false');
    case 'unknown':
      return { parts: [hole(v.reason, v.loc)] };
    default:
      return undefined;
  }
}

/** Terraform prints whole numbers without a fraction. */
export function formatNumber(n: number): string {
  return Number.isInteger(n) && Math.abs(n) < 1e21 ? n.toFixed(0) : String(n);
}

/** The fully known text of a string-convertible value, else undefined. */
export function knownText(v: Val): string | undefined {
  const s = toPStr(v);
  return s ? textOf(s) : undefined;
}

/** Joins values as strings; unknown pieces become holes. Undefined when a piece is a collection or null. */
export function joinPStr(pieces: readonly (Val | string)[]): PStr | undefined {
  const parts: (Part | PStr)[] = [];
  for (const p of pieces) {
    if (typeof p === 'string') parts.push(p);
    else {
      const s = toPStr(p);
      if (!s) return undefined;
      parts.push(s);
    }
  }
  return joinParts(parts);
}

/** A boolean from a bool or `"true"`/`"false"`; undefined when unknown or not a boolean. */
export function asBool(v: Val): boolean | undefined {
  if (v.k === 'bool') return v.b;
  const t = v.k === 'str' ? textOf(v.s) : undefined;
  return t === 'true' ? true : t === 'false' ? false : undefined;
}

/** A number from a number or a numeric string; undefined otherwise. */
export function asNumber(v: Val): number | undefined {
  if (v.k === 'num') return v.n;
  const t = v.k === 'str' ? textOf(v.s) : undefined;
  if (t === undefined || t.trim() === '') return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

/** Structural equality; undefined when it depends on unknown parts. */
export function valEquals(a: Val, b: Val): boolean | undefined {
  if (a.k === 'unknown' || b.k === 'unknown') return undefined;
  if (a.k !== b.k) return false;
  switch (a.k) {
    case 'str': {
      const ta = textOf(a.s);
      const tb = textOf((b as StrVal).s);
      return ta === undefined || tb === undefined ? undefined : ta === tb;
    }
    case 'num':
      return a.n === (b as typeof a).n;
    case 'bool':
      return a.b === (b as typeof a).b;
    case 'null':
      return true;
    case 'list':
      return sequenceEquals(a, b as ListVal);
    case 'obj':
      return objectEquals(a, b as ObjVal);
  }
}

function sequenceEquals(a: ListVal, b: ListVal): boolean | undefined {
  if (a.more || b.more) return undefined;
  if (a.items.length !== b.items.length) return false;
  let result: boolean | undefined = true;
  for (let i = 0; i < a.items.length; i++) {
    const eq = valEquals(a.items[i], b.items[i]);
    if (eq === false) return false;
    if (eq === undefined) result = undefined;
  }
  return result;
}

function objectEquals(a: ObjVal, b: ObjVal): boolean | undefined {
  if (a.more || b.more) return undefined;
  if (a.entries.length !== b.entries.length) return false;
  let result: boolean | undefined = true;
  const byKey = new Map(b.entries.map((x) => [x.key, x]));
  for (const e of a.entries) {
    const other = byKey.get(e.key);
    if (!other) return false;
    const eq = valEquals(e.value, other.value);
    if (eq === false) return false;
    if (eq === undefined) result = undefined;
  }
  return result;
}

/**
 * The entries with duplicate keys removed: a later entry wins and takes the place of the last
 * occurrence. Linear (objects with many keys must not cost quadratic time).
 */
export function lastByKey(entries: readonly ObjEntry[]): ObjEntry[] {
  const seen = new Set<string>();
  const out: ObjEntry[] = [];
  for (let i = entries.length - 1; i >= 0; i--) {
    if (seen.has(entries[i].key)) continue;
    seen.add(entries[i].key);
    out.push(entries[i]);
  }
  return out.reverse();
}

/** The same value with every location (and entry key location) replaced by `loc`. */
export function relocateDeep(v: Val, loc: Loc): Val {
  switch (v.k) {
    case 'list':
      return { ...v, loc, items: v.items.map((x) => relocateDeep(x, loc)) };
    case 'obj':
      return {
        ...v,
        loc,
        entries: v.entries.map((e) => ({ key: e.key, keyLoc: loc, value: relocateDeep(e.value, loc) })),
      };
    default:
      return { ...v, loc };
  }
}
