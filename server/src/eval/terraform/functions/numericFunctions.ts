// Numeric functions over known numbers.

import type { Val } from '../../../model/value';
import { asBool, unknownVal } from '../../../parse/values';
import { arity, type CallCtx, isStop, listArg, numArg, type TfFunction } from './callContext';

function numeric(n: number, f: (...xs: number[]) => number): TfFunction {
  return (args, c) => {
    const bad = arity(c, args, n);
    if (bad) return bad;
    const xs: number[] = [];
    for (let i = 0; i < n; i++) {
      const x = numArg(args, i, c);
      if (isStop(x)) return x.stop;
      xs.push(x);
    }
    return { k: 'num', n: f(...xs), loc: c.loc };
  };
}

function variadic(f: (xs: number[]) => number): TfFunction {
  return (args, c) => {
    const xs: number[] = [];
    for (let i = 0; i < args.length; i++) {
      const x = numArg(args, i, c);
      if (isStop(x)) return x.stop;
      xs.push(x);
    }
    return xs.length ? { k: 'num', n: f(xs), loc: c.loc } : (arity(c, args, 1, Infinity) as Val);
  };
}

/** alltrue/anytrue/sum over a list. */
function overList(f: (items: readonly Val[], c: CallCtx) => Val): TfFunction {
  return (args, c) => {
    const list = listArg(args, 0, c);
    if (isStop(list)) return list.stop;
    if (list.more !== undefined) return unknownVal(list.more, c.loc);
    return f(list.items, c);
  };
}

function boolFold(all: boolean): TfFunction {
  return overList((items, c) => {
    let undecided: string | undefined;
    for (const x of items) {
      const b = asBool(x);
      if (b === !all) return { k: 'bool', b: !all, loc: c.loc };
      if (b === undefined) undecided ??= x.k === 'unknown' ? x.reason : 'a value is not a bool';
    }
    return undecided ? unknownVal(undecided, c.loc) : { k: 'bool', b: all, loc: c.loc };
  });
}

const sum = overList((items, c) => {
  let total = 0;
  for (let i = 0; i < items.length; i++) {
    const n = numArg(items, i, c);
    if (isStop(n)) return n.stop;
    total += n;
  }
  return { k: 'num', n: total, loc: c.loc };
});

/** Numeric functions by name. */
export const NUMERIC_FUNCTIONS: Readonly<Record<string, TfFunction>> = {
  abs: numeric(1, Math.abs),
  ceil: numeric(1, Math.ceil),
  floor: numeric(1, Math.floor),
  signum: numeric(1, Math.sign),
  pow: numeric(2, Math.pow),
  max: variadic((xs) => xs.reduce((a, b) => Math.max(a, b))),
  min: variadic((xs) => xs.reduce((a, b) => Math.min(a, b))),
  sum,
  alltrue: boolFold(true),
  anytrue: boolFold(false),
};
