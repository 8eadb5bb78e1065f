// Iterating collections the way `for`, `dynamic` and `for_each` do.

import type { Val } from '../../model/value';
import { strVal } from '../../parse/values';

/** One element of an iteration: its key (index or name) and value. */
export interface IterEntry {
  readonly key: Val;
  readonly value: Val;
}

/** The elements of a collection, or why they are not known. */
export type Iteration =
  | { readonly ok: true; readonly entries: readonly IterEntry[]; readonly more?: string }
  | { readonly ok: false; readonly reason: string };

/**
 * The elements of a list (key: index) or object (key: name, in lexical order). `more` is set when
 * the collection may hold further elements of unknown value.
 */
export function iterateVal(v: Val): Iteration {
  if (v.k === 'list') {
    const entries = v.items.map((value, i) => ({ key: { k: 'num', n: i, loc: value.loc } as Val, value }));
    return v.more === undefined ? { ok: true, entries } : { ok: true, entries, more: v.more };
  }
  if (v.k === 'obj') {
    const sorted = [...v.entries].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const entries = sorted.map((e) => ({ key: strVal(e.key, e.keyLoc) as Val, value: e.value }));
    return v.more === undefined ? { ok: true, entries } : { ok: true, entries, more: v.more };
  }
  if (v.k === 'unknown') return { ok: false, reason: v.reason };
  if (v.k === 'null') return { ok: false, reason: 'the collection is null' };
  return { ok: false, reason: `a ${describeKind(v)} is not a collection` };
}

/** A short name of a value's type for messages. */
export function describeKind(v: Val): string {
  switch (v.k) {
    case 'str':
      return 'string';
    case 'num':
      return 'number';
    case 'bool':
      return 'bool';
    case 'null':
      return 'null';
    case 'list':
      return 'list';
    case 'obj':
      return 'object';
    default:
      return 'unknown value';
  }
}
