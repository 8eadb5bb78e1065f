// Function calls: `try`/`can` (which see errors), provider functions, the built-in table, and the
// expansion of a final `...` argument.

import type { Val } from '../../../model/value';
import { isStackOverflow, LimitError } from '../../../parse/limits';
import type { CallExpr } from '../../../parse/hcl/ast';
import { type Env, evalAll, type Evaluator, locIn } from '../evalTypes';
import { errorVal, isError, propagate, unknownVal } from '../../../parse/values';
import type { CallCtx, TfFunction } from './callContext';
import { COLLECTION_FUNCTIONS } from './collectionFunctions';
import { ENCODING_FUNCTIONS } from './encodingFunctions';
import { FILE_FUNCTIONS } from './fileFunctions';
import { FORMAT_FUNCTIONS } from './formatFunctions';
import { MAP_FUNCTIONS } from './mapFunctions';
import { NUMERIC_FUNCTIONS } from './numericFunctions';
import { REGEX_FUNCTIONS } from './regexFunctions';
import { STRING_FUNCTIONS } from './stringFunctions';

const FUNCTIONS: Readonly<Record<string, TfFunction>> = {
  ...STRING_FUNCTIONS,
  ...REGEX_FUNCTIONS,
  ...FORMAT_FUNCTIONS,
  ...COLLECTION_FUNCTIONS,
  ...MAP_FUNCTIONS,
  ...NUMERIC_FUNCTIONS,
  ...ENCODING_FUNCTIONS,
  ...FILE_FUNCTIONS,
};

/** Functions whose result Terraform itself only knows when it runs. */
const RUN_TIME: Readonly<Record<string, string>> = {
  timestamp: 'timestamp() is known only at apply time',
  uuid: 'uuid() is different on every run',
  bcrypt: 'bcrypt() is different on every run',
  plantimestamp: 'plantimestamp() is known only at plan time',
};

/** Evaluates a call. Unsupported functions give an unknown, never a guess. */
export function callFunction(ev: Evaluator, e: CallExpr, env: Env): Val {
  const loc = locIn(env, e);
  const name = e.name.name;
  if (name === 'try') return evalTry(ev, e, env);
  if (name === 'can') return evalCan(ev, e, env);
  if (name.includes('::')) return unknownVal(`the provider function ${name}() is not analysed`, loc);
  if (RUN_TIME[name]) return unknownVal(RUN_TIME[name], loc);
  const fn = FUNCTIONS[name];
  if (!fn) return unknownVal(`the function ${name}() is not analysed`, loc);
  const args = evalAll(ev, e.args, env);
  for (const a of args) if (isError(a)) return a;
  const c: CallCtx = { ev, env, loc, name };
  if (!e.expandFinal || args.length === 0) return apply(fn, args, c);
  const last = args[args.length - 1];
  if (last.k === 'unknown') return propagate(last, loc);
  if (last.k !== 'list') return errorVal(`${name}(): the argument before ... must be a list`, loc);
  if (last.more !== undefined) return unknownVal(last.more, loc);
  return apply(fn, [...args.slice(0, -1), ...last.items], c);
}

/**
 * Calls a built-in. JavaScript's own range errors (a string or array too long for the engine, a
 * precision out of range) are not bugs but arguments out of bounds: a limit, or an error value.
 */
function apply(fn: TfFunction, args: readonly Val[], c: CallCtx): Val {
  try {
    return fn(args, c);
  } catch (err) {
    if (!(err instanceof RangeError) || isStackOverflow(err)) throw err;
    if (/invalid (string|array) length/i.test(err.message))
      throw new LimitError(`the result of ${c.name}() is too large`);
    return errorVal(`${c.name}(): ${err.message}`, c.loc);
  }
}

/** `try(a, b, …)`: the first argument that evaluates without an error. */
function evalTry(ev: Evaluator, e: CallExpr, env: Env): Val {
  let last: Val | undefined;
  for (const a of e.args) {
    last = ev.evalExpr(a, env);
    if (!isError(last)) return last;
  }
  return last ?? errorVal('try() needs at least one argument', locIn(env, e));
}

/** `can(x)`: false on an error, true on a value, unknown when the value is unknown. */
function evalCan(ev: Evaluator, e: CallExpr, env: Env): Val {
  const loc = locIn(env, e);
  if (e.args.length !== 1) return errorVal('can() takes 1 argument', loc);
  const v = ev.evalExpr(e.args[0], env);
  if (isError(v)) return { k: 'bool', b: false, loc };
  if (v.k === 'unknown') return propagate(v, loc);
  return { k: 'bool', b: true, loc };
}
