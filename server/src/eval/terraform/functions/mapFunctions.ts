// Map and object functions.

import type { ObjEntry } from '../../../model/value';
import { checkSize } from '../../../parse/evalBudget';
import { errorVal, knownText, lastByKey, listVal, objVal, propagate, strVal, unknownVal } from '../../../parse/values';
import { badArg, isStop, listArg, objArg, textArg, type TfFunction } from './callContext';

/** merge(): later keys win; an unknown argument keeps the known keys and sets `more`. */
const merge: TfFunction = (args, c) => {
  const entries: ObjEntry[] = [];
  let more: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.k === 'null') continue;
    if (a.k === 'unknown') {
      more ??= a.reason;
      continue;
    }
    if (a.k !== 'obj') return badArg(c, i, 'a map or object', a);
    more ??= a.more;
    checkSize(entries.length + a.entries.length, 'an object');
    for (const e of a.entries) entries.push(e);
  }
  return objVal(lastByKey(entries), c.loc, more);
};

const lookup: TfFunction = (args, c) => {
  const map = objArg(args, 0, c);
  const key = textArg(args, 1, c);
  if (isStop(map)) return map.stop;
  if (isStop(key)) return key.stop;
  const hit = map.entries.find((e) => e.key === key);
  if (hit) return hit.value;
  if (map.more !== undefined) return unknownVal(map.more, c.loc);
  return args[2] ?? errorVal(`lookup(): the map has no key ${JSON.stringify(key)}`, c.loc);
};

function sortedEntries(entries: readonly ObjEntry[]): ObjEntry[] {
  return [...entries].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

const keys: TfFunction = (args, c) => {
  const map = objArg(args, 0, c);
  if (isStop(map)) return map.stop;
  return listVal(
    sortedEntries(map.entries).map((e) => strVal(e.key, e.keyLoc)),
    c.loc,
    map.more,
  );
};

const values: TfFunction = (args, c) => {
  const map = objArg(args, 0, c);
  if (isStop(map)) return map.stop;
  return listVal(
    sortedEntries(map.entries).map((e) => e.value),
    c.loc,
    map.more,
  );
};

const zipmap: TfFunction = (args, c) => {
  const ks = listArg(args, 0, c);
  const vs = listArg(args, 1, c);
  if (isStop(ks)) return ks.stop;
  if (isStop(vs)) return vs.stop;
  const entries: ObjEntry[] = [];
  let more = ks.more ?? vs.more;
  ks.items.forEach((k, i) => {
    const text = knownText(k);
    if (text === undefined || i >= vs.items.length) more ??= k.k === 'unknown' ? k.reason : 'a key is not known';
    else entries.push({ key: text, keyLoc: k.loc, value: vs.items[i] });
  });
  return objVal(entries, c.loc, more);
};

/** Map and object functions by name. */
export const MAP_FUNCTIONS: Readonly<Record<string, TfFunction>> = {
  merge,
  lookup,
  keys,
  values,
  zipmap,
  tomap: (args, c) => {
    const v = args[0];
    if (!v) return badArg(c, 0, 'an object');
    if (v.k === 'unknown') return propagate(v, c.loc);
    return v.k === 'obj' || v.k === 'null' ? v : badArg(c, 0, 'an object', v);
  },
};
