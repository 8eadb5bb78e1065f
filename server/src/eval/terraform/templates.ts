// String templates: interpolation, `%{if}`/`%{for}` directives, single-interpolation unwrapping,
// and JSON written in heredocs or `.tf.json` strings (decoded with exact locations).

import { hole, textOf, type Part, type PStr } from '../../model/pstr';
import type { Val } from '../../model/value';
import type { Expr, TemplateExpr, TemplatePart } from '../../parse/hcl/ast';
import { jsonToVal } from '../../parse/json';
import { decodeEmbeddedJson } from './embeddedJson';
import { childEnv, type Env, type Evaluator, locIn } from './evalTypes';
import { iterateVal } from './iterate';
import { renderValue } from './renderValue';
import { asBool, errorVal, type ErrorVal, isError, joinParts, relocateDeep, strVal } from '../../parse/values';

/** Evaluates a template expression. */
export function evalTemplate(ev: Evaluator, e: TemplateExpr, env: Env): Val {
  const loc = locIn(env, e);
  const only = e.parts[0];
  if (e.parts.length === 1 && only.kind === 'lit' && e.form === 'quoted' && only.value.charCodeAt(0) !== 123)
    return strVal(only.value, loc);
  const json = jsonStart(e);
  if (json) {
    const src = ev.fileText(env.file);
    const decoded = src === undefined ? undefined : decodeEmbeddedJson(ev, e, env, src, e.form !== 'heredoc');
    if (decoded) return decoded;
  }
  if (e.form !== 'heredoc' && e.parts.length === 1 && only.kind === 'interp') return ev.evalExpr(only.expr, env);
  const r = renderParts(ev, e.parts, env);
  if ('k' in r) return r;
  const text = textOf(r);
  if (json && e.form === 'heredoc' && text !== undefined) return decodeRendered(ev, text, loc);
  return strVal(r, loc);
}

/** Whether the template's text starts like a JSON document (`{`, or `[` in a heredoc). */
function jsonStart(e: TemplateExpr): boolean {
  const first = e.parts[0];
  if (!first || first.kind !== 'lit') return false;
  const v = first.value;
  let i = 0;
  while (
    i < v.length &&
    (v.charCodeAt(i) === 32 || v.charCodeAt(i) === 9 || v.charCodeAt(i) === 10 || v.charCodeAt(i) === 13)
  )
    i++;
  const c = v.charCodeAt(i);
  return c === 123 || (c === 91 && e.form === 'heredoc');
}

/** A heredoc with directives whose rendered text is JSON: decoded, every location on the heredoc. */
function decodeRendered(ev: Evaluator, text: string, loc: Val['loc']): Val {
  const r = jsonToVal(text, loc.file);
  if (!r.value) return strVal(text, loc);
  const v = ev.marks.markEncoded(relocateDeep(r.value, loc));
  if (r.problems.length) ev.marks.addProblems(v, [{ message: r.problems[0].message, loc }]);
  return v;
}

/** Renders template parts to a partially known string, or the first evaluation error. */
export function renderParts(ev: Evaluator, parts: readonly TemplatePart[], env: Env): PStr | ErrorVal {
  const pieces: (Part | PStr)[] = [];
  for (const part of parts) {
    if (part.kind === 'lit') {
      pieces.push(part.value);
      continue;
    }
    const r =
      part.kind === 'interp'
        ? renderInterp(ev, part.expr, env)
        : part.kind === 'if'
          ? renderIf(ev, part, env)
          : renderFor(ev, part, env);
    if (typeof r !== 'string' && 'k' in r) return r;
    pieces.push(r);
  }
  return joinParts(pieces);
}

function renderInterp(ev: Evaluator, expr: Expr, env: Env): PStr | Part | ErrorVal {
  const v = ev.evalExpr(expr, env);
  if (isError(v)) return v;
  const s = renderValue(ev, v);
  if (s) return s;
  const loc = locIn(env, expr);
  return errorVal(
    v.k === 'null'
      ? 'a null value cannot be part of a string'
      : `a ${v.k === 'list' ? 'list' : 'object'} cannot be part of a string`,
    loc,
  );
}

function renderIf(ev: Evaluator, part: TemplatePart & { kind: 'if' }, env: Env): PStr | Part | ErrorVal {
  const c = ev.evalExpr(part.cond, env);
  if (isError(c)) return c;
  const b = asBool(c);
  if (b === undefined)
    return hole(c.k === 'unknown' ? c.reason : 'the %{if} condition is not a boolean', locIn(env, part));
  return renderParts(ev, b ? part.then : (part.else ?? []), env);
}

function renderFor(ev: Evaluator, part: TemplatePart & { kind: 'for' }, env: Env): PStr | Part | ErrorVal {
  const it = iterateVal(ev.evalExpr(part.coll, env));
  if (!it.ok) return hole(it.reason, locIn(env, part));
  const pieces: (Part | PStr)[] = [];
  for (const { key, value } of it.entries) {
    const vars = new Map<string, Val>();
    if (part.keyVar) vars.set(part.keyVar.name, key);
    vars.set(part.valVar.name, value);
    const r = renderParts(ev, part.body, childEnv(env, vars));
    if ('k' in r) return r;
    pieces.push(r);
  }
  if (it.more) pieces.push(hole(it.more, locIn(env, part)));
  return joinParts(pieces);
}
