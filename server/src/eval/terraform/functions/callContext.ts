// The calling convention of built-in functions and helpers for reading their arguments.

import type { Loc } from '../../../model/loc';
import type { ListVal, ObjVal, Val } from '../../../model/value';
import type { Env, Evaluator } from '../evalTypes';
import { describeKind } from '../iterate';
import { asNumber, errorVal, firstUnknown, knownText, propagate, unknownVal } from '../../../parse/values';

/** What a function sees besides its arguments: the evaluator, the caller's scope and the call's Loc. */
export interface CallCtx {
  readonly ev: Evaluator;
  readonly env: Env;
  readonly loc: Loc;
  readonly name: string;
}

/** A built-in function over evaluated arguments (errors among them are handled by the caller). */
export type TfFunction = (args: readonly Val[], c: CallCtx) => Val;

/** The unknown (at the call) that makes the result undecidable, when any argument is unknown. */
export function unknownArg(args: readonly Val[], c: CallCtx): Val | undefined {
  const u = firstUnknown(args);
  return u ? propagate(u, c.loc) : undefined;
}

/** An error about argument `i`. */
export function badArg(c: CallCtx, i: number, expected: string, got?: Val): Val {
  const what = got ? `, got a ${describeKind(got)}` : '';
  return errorVal(`${c.name}(): argument ${i + 1} must be ${expected}${what}`, c.loc);
}

/** An error about the number of arguments. */
export function arity(c: CallCtx, args: readonly Val[], min: number, max = min): Val | undefined {
  if (args.length >= min && args.length <= max) return undefined;
  const want = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
  return errorVal(`${c.name}() takes ${want} argument${min === 1 && max === 1 ? '' : 's'}, got ${args.length}`, c.loc);
}

/** Returned by the argument readers instead of the wanted form: the function returns `stop`. */
export interface Stop {
  readonly stop: Val;
}

/** Whether an argument reader returned a Stop. */
export function isStop(r: unknown): r is Stop {
  return typeof r === 'object' && r !== null && 'stop' in r;
}

/** The known text of argument `i`. */
export function textArg(args: readonly Val[], i: number, c: CallCtx): string | Stop {
  const v = args[i];
  if (!v) return { stop: badArg(c, i, 'a string') };
  if (v.k === 'unknown') return { stop: propagate(v, c.loc) };
  const t = knownText(v);
  if (t !== undefined) return t;
  if (v.k === 'str') return { stop: unknownVal(`${c.name}() needs a fully known string`, c.loc) };
  return { stop: badArg(c, i, 'a string', v) };
}

/** The known number of argument `i`. */
export function numArg(args: readonly Val[], i: number, c: CallCtx): number | Stop {
  const v = args[i];
  if (!v) return { stop: badArg(c, i, 'a number') };
  if (v.k === 'unknown') return { stop: propagate(v, c.loc) };
  const n = asNumber(v);
  return n === undefined ? { stop: badArg(c, i, 'a number', v) } : n;
}

/** Argument `i` as a list. */
export function listArg(args: readonly Val[], i: number, c: CallCtx): ListVal | Stop {
  const v = args[i];
  if (!v) return { stop: badArg(c, i, 'a list') };
  if (v.k === 'unknown') return { stop: propagate(v, c.loc) };
  return v.k === 'list' ? v : { stop: badArg(c, i, 'a list', v) };
}

/** Argument `i` as an object. */
export function objArg(args: readonly Val[], i: number, c: CallCtx): ObjVal | Stop {
  const v = args[i];
  if (!v) return { stop: badArg(c, i, 'a map or object') };
  if (v.k === 'unknown') return { stop: propagate(v, c.loc) };
  return v.k === 'obj' ? v : { stop: badArg(c, i, 'a map or object', v) };
}
