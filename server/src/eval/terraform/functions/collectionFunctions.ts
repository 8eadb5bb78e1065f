// List and set functions. Unknown lists contribute `more` (items of unknown value) rather than
// making the whole result unknown, where the known items still stand.

import type { ListVal, Val } from '../../../model/value';
import { checkSize } from '../../../parse/evalBudget';
import { errorVal, knownText, listVal, propagate, unknownVal, valEquals } from '../../../parse/values';
import { arity, badArg, type CallCtx, isStop, listArg, numArg, type TfFunction } from './callContext';

const concat: TfFunction = (args, c) => {
  const items: Val[] = [];
  let more: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.k === 'unknown') more ??= a.reason;
    else if (a.k === 'list') {
      checkSize(items.length + a.items.length, 'a list');
      for (const item of a.items) items.push(item);
      more ??= a.more;
    } else return badArg(c, i, 'a list', a);
  }
  return listVal(items, c.loc, more);
};

/** Removes known duplicates (keeps the first); unknown items stay. Pairwise, so its work is counted. */
function dedupe(list: ListVal, c: CallCtx): Val {
  const out: Val[] = [];
  for (const item of list.items) {
    c.ev.charge(out.length * c.ev.sizeOf(item));
    if (!out.some((x) => valEquals(x, item) === true)) out.push(item);
  }
  return listVal(out, c.loc, list.more);
}

const flatten: TfFunction = (args, c) => {
  const list = listArg(args, 0, c);
  if (isStop(list)) return list.stop;
  const items: Val[] = [];
  let more = list.more;
  const walk = (l: ListVal) => {
    for (const x of l.items) {
      if (x.k === 'list') {
        more ??= x.more;
        walk(x);
      } else if (x.k === 'unknown') more ??= x.reason;
      else items.push(x);
    }
  };
  walk(list);
  return listVal(items, c.loc, more);
};

const compact: TfFunction = (args, c) => {
  const list = listArg(args, 0, c);
  if (isStop(list)) return list.stop;
  return listVal(
    list.items.filter((x) => x.k !== 'null' && knownText(x) !== ''),
    c.loc,
    list.more,
  );
};

/** The first argument that is neither null nor an empty string; unknown if an earlier one is unknown. */
const coalesce: TfFunction = (args, c) => {
  for (const a of args) {
    if (a.k === 'unknown') return propagate(a, c.loc);
    if (a.k !== 'null' && knownText(a) !== '') return a;
  }
  return errorVal('coalesce(): all arguments are null or empty', c.loc);
};

const coalescelist: TfFunction = (args, c) => {
  for (let i = 0; i < args.length; i++) {
    const l = listArg(args, i, c);
    if (isStop(l)) return l.stop;
    if (l.items.length) return l;
    if (l.more !== undefined) return unknownVal(l.more, c.loc);
  }
  return errorVal('coalescelist(): all lists are empty', c.loc);
};

const element: TfFunction = (args, c) => {
  const list = listArg(args, 0, c);
  const i = numArg(args, 1, c);
  if (isStop(list)) return list.stop;
  if (isStop(i)) return i.stop;
  if (list.more !== undefined) return unknownVal(list.more, c.loc);
  if (!list.items.length) return badArg(c, 0, 'a non-empty list');
  return list.items[Math.floor(i) % list.items.length];
};

const length: TfFunction = (args, c) => {
  const v = args[0];
  if (!v) return badArg(c, 0, 'a collection or string');
  if (v.k === 'unknown') return propagate(v, c.loc);
  if ((v.k === 'list' || v.k === 'obj') && v.more !== undefined) return unknownVal(v.more, c.loc);
  if (v.k === 'list') return { k: 'num', n: v.items.length, loc: c.loc };
  if (v.k === 'obj') return { k: 'num', n: v.entries.length, loc: c.loc };
  const t = knownText(v);
  if (v.k === 'str' && t === undefined) return unknownVal('length() of a partly unknown string', c.loc);
  return t === undefined ? badArg(c, 0, 'a collection or string', v) : { k: 'num', n: [...t].length, loc: c.loc };
};

const contains: TfFunction = (args, c) => {
  const list = listArg(args, 0, c);
  if (isStop(list)) return list.stop;
  const v = args[1];
  if (!v) return badArg(c, 1, 'a value');
  let undecided = list.more !== undefined || v.k === 'unknown';
  c.ev.charge(list.items.length * c.ev.sizeOf(v));
  for (const x of list.items) {
    const eq = valEquals(x, v);
    if (eq === true) return { k: 'bool', b: true, loc: c.loc };
    if (eq === undefined) undecided = true;
  }
  return undecided
    ? unknownVal(list.more ?? 'contains() depends on unknown values', c.loc)
    : { k: 'bool', b: false, loc: c.loc };
};

const range: TfFunction = (args, c) => {
  const bad = arity(c, args, 1, 3);
  if (bad) return bad;
  const nums: number[] = [];
  for (let i = 0; i < args.length; i++) {
    const n = numArg(args, i, c);
    if (isStop(n)) return n.stop;
    nums.push(n);
  }
  const [start, limit, step] =
    nums.length === 1 ? [0, nums[0], 1] : [nums[0], nums[1], nums[2] ?? (nums[1] >= nums[0] ? 1 : -1)];
  if (step === 0) return badArg(c, 2, 'a non-zero step');
  const items: Val[] = [];
  for (let x = start; step > 0 ? x < limit : x > limit; x += step) {
    if (items.length > 1024) return badArg(c, 0, 'a range of at most 1024 numbers');
    items.push({ k: 'num', n: x, loc: c.loc });
  }
  return listVal(items, c.loc);
};

const slice: TfFunction = (args, c) => {
  const list = listArg(args, 0, c);
  const from = numArg(args, 1, c);
  const to = numArg(args, 2, c);
  if (isStop(list)) return list.stop;
  if (isStop(from)) return from.stop;
  if (isStop(to)) return to.stop;
  if (to > list.items.length && list.more !== undefined) return unknownVal(list.more, c.loc);
  return listVal(list.items.slice(from, to), c.loc);
};

/** A function over the whole list that needs no unknown items. */
function wholeList(f: (items: readonly Val[], c: CallCtx) => Val): TfFunction {
  return (args, c) => {
    const list = listArg(args, 0, c);
    if (isStop(list)) return list.stop;
    if (list.more !== undefined) return unknownVal(list.more, c.loc);
    return f(list.items, c);
  };
}

const sort = wholeList((items, c) => {
  const texts = items.map(knownText);
  if (texts.includes(undefined)) return unknownVal('sort() needs fully known strings', c.loc);
  const order = items.map((v, i) => ({ v, t: texts[i]! })).sort((a, b) => (a.t < b.t ? -1 : a.t > b.t ? 1 : 0));
  return listVal(
    order.map((x) => x.v),
    c.loc,
  );
});

const one = wholeList((items, c) =>
  items.length === 0
    ? { k: 'null', loc: c.loc }
    : items.length === 1
      ? items[0]
      : badArg(c, 0, 'a list with at most one item'),
);

/** List and set functions by name. */
export const COLLECTION_FUNCTIONS: Readonly<Record<string, TfFunction>> = {
  concat,
  flatten,
  compact,
  coalesce,
  coalescelist,
  element,
  length,
  contains,
  range,
  slice,
  sort,
  one,
  distinct: (args, c) => {
    const l = listArg(args, 0, c);
    return isStop(l) ? l.stop : dedupe(l, c);
  },
  toset: (args, c) => {
    const l = listArg(args, 0, c);
    return isStop(l) ? l.stop : dedupe(l, c);
  },
  tolist: (args, c) => {
    const l = listArg(args, 0, c);
    return isStop(l) ? l.stop : l;
  },
  reverse: wholeList((items, c) => listVal([...items].reverse(), c.loc)),
};
