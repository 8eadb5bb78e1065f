// JSON written inside a template (a heredoc policy, a JSON string in a `.tf.json` file) decoded
// with exact locations: the template's raw text is handed to jsonToVal with every interpolation
// replaced by same-length filler, and the override hook puts the evaluated values back in.

import type { Node } from 'jsonc-parser';
import type { Loc } from '../../model/loc';
import { hole, type Part, type PStr } from '../../model/pstr';
import type { ObjEntry, Val } from '../../model/value';
import type { TemplateExpr, TemplateInterp } from '../../parse/hcl/ast';
import { decodeUnit, type LitMode } from '../../parse/hcl/stringEscapes';
import { jsonToVal, nodeToVal } from '../../parse/json';
import { type Env, type Evaluator, locIn } from './evalTypes';
import { unescapeJsonString } from './jsonText';
import { renderValue } from './renderValue';
import { joinParts, strVal } from '../../parse/values';

/** A region of the raw text that the filler does not reproduce: an interpolation or an escape. */
interface Special {
  readonly start: number;
  readonly end: number;
  readonly interp?: TemplateInterp;
  /** Inside a JSON string (filler `___`) rather than in value position (filler `"___"`). */
  readonly inString: boolean;
  /** An escaped quote (`\"` in a `.tf.json` string) that closes a JSON string. */
  readonly closeQuote?: boolean;
}

interface Filler {
  readonly text: string;
  readonly specials: readonly Special[];
}

/**
 * Decodes the JSON in template `e` (source text `src`). Returns undefined when the template has
 * directives, or when `strict` and the text is not valid JSON. The result is marked encoded and
 * carries its JSON problems in `ev.marks.problems`.
 */
export function decodeEmbeddedJson(
  ev: Evaluator,
  e: TemplateExpr,
  env: Env,
  src: string,
  strict: boolean,
): Val | undefined {
  const parts = e.parts;
  if (!parts.length) return undefined;
  for (const p of parts) if (p.kind === 'if' || p.kind === 'for') return undefined;
  const mode: LitMode = e.form === 'heredoc' ? 'heredoc' : e.form === 'bare' ? 'json' : 'quoted';
  const base = e.body?.start ?? parts[0].start;
  const end = e.body?.end ?? parts[parts.length - 1].end;
  const interps = parts.filter((p): p is TemplateInterp => p.kind === 'interp');
  const filler = buildFiller(src, base, end, interps, mode);
  const cache = new Map<Special, Val>();
  const valueOf = (s: Special) => {
    let v = cache.get(s);
    if (!v) cache.set(s, (v = ev.evalExpr(s.interp!.expr, env)));
    return v;
  };
  const ctx: OverrideCtx = { ev, env, src, mode, base, specials: filler.specials, valueOf };
  const r = jsonToVal(filler.text, env.file, { baseOffset: base, override: (n) => override(ctx, n) });
  if (!r.value || (strict && r.problems.length)) return undefined;
  ev.marks.markEncoded(r.value);
  // jsonc-parser reports follow-on errors after the first; the first is the one to fix.
  ev.marks.addProblems(r.value, r.problems.slice(0, 1));
  return r.value;
}

/** Tracks whether the decoded JSON text is inside a string (and after a backslash there). */
class JsonState {
  inStr = false;
  esc = false;

  feed(c: number): void {
    if (!this.inStr) this.inStr = c === 34;
    else if (this.esc) this.esc = false;
    else if (c === 92) this.esc = true;
    else if (c === 34) this.inStr = false;
  }
}

/** Copies the raw text `[start, end)`, replacing interpolations and (inside strings) escapes by filler. */
function buildFiller(
  src: string,
  start: number,
  end: number,
  interps: readonly TemplateInterp[],
  mode: LitMode,
): Filler {
  const out: string[] = [];
  const specials: Special[] = [];
  const st = new JsonState();
  // The characters that change the JSON state or start an escape; everything between is copied.
  const re = /["\\$%]/g;
  let next = 0;
  let run = start;
  let i = start;
  while (i < end) {
    const interp = interps[next];
    const limit = interp ? interp.start : end;
    re.lastIndex = i;
    const m = re.exec(src);
    const at = m ? m.index : end;
    if (at >= limit) {
      if (!interp) break;
      if (run < limit) out.push(src.slice(run, limit));
      out.push(interpFiller(interp, st, specials));
      next++;
      i = run = interp.end;
      continue;
    }
    i = at;
    const c = src.charCodeAt(i);
    const escape =
      (c === 92 && mode !== 'heredoc') ||
      ((c === 36 || c === 37) && src.charCodeAt(i + 1) === c && src.charCodeAt(i + 2) === 123);
    if (!escape) {
      st.feed(c);
      i++;
      continue;
    }
    if (run < i) out.push(src.slice(run, i));
    const u = decodeUnit(src, i, end, mode);
    out.push(escapeFiller(u, st, i, specials));
    for (let k = 0; k < u.text.length; k++) st.feed(u.text.charCodeAt(k));
    i = run = i + u.len;
  }
  if (run < end) out.push(src.slice(run, end));
  return { text: out.join(''), specials };
}

/** Same-length filler for an interpolation: `___` inside a string, `"___"` in value position. */
function interpFiller(interp: TemplateInterp, st: JsonState, specials: Special[]): string {
  const len = interp.end - interp.start;
  specials.push({ start: interp.start, end: interp.end, interp, inString: st.inStr });
  return st.inStr ? '_'.repeat(len) : `"${'_'.repeat(Math.max(0, len - 2))}"`;
}

/** Same-length filler for an escape unit: padding outside strings, `_` (and a special) inside. */
function escapeFiller(u: { text: string; len: number }, st: JsonState, i: number, specials: Special[]): string {
  if (u.len === u.text.length) return u.text;
  if (!st.inStr) return ' '.repeat(u.len - u.text.length) + u.text;
  if (!st.esc && u.text === '"') {
    // Keep the closing quote last so the string node covers the whole escape; the node is
    // then decoded from the raw text (the padding must not become part of its value).
    specials.push({ start: i, end: i + u.len, inString: true, closeQuote: true });
    return ' '.repeat(u.len - 1) + '"';
  }
  specials.push({ start: i, end: i + u.len, inString: true });
  return '_'.repeat(u.len);
}

interface OverrideCtx {
  readonly ev: Evaluator;
  readonly env: Env;
  readonly src: string;
  readonly mode: LitMode;
  readonly base: number;
  readonly specials: readonly Special[];
  readonly valueOf: (s: Special) => Val;
}

function override(ctx: OverrideCtx, node: Node): Val | undefined {
  if (!ctx.specials.length) return undefined;
  const start = ctx.base + node.offset;
  const end = start + node.length;
  if (node.type === 'string') {
    for (const s of ctx.specials) if (!s.inString && s.start === start && s.end === end) return ctx.valueOf(s);
    if (!overlaps(ctx, start, end)) return undefined;
    return strVal(stringContent(ctx, start, end), { file: ctx.env.file, start, end });
  }
  if (node.type === 'object' && keysOverlap(ctx, node))
    return objectWithTemplateKeys(ctx, node, { file: ctx.env.file, start, end });
  return undefined;
}

function overlaps(ctx: OverrideCtx, start: number, end: number): boolean {
  for (const s of ctx.specials) if (s.start < end && s.end > start) return true;
  return false;
}

function keysOverlap(ctx: OverrideCtx, node: Node): boolean {
  for (const p of node.children ?? []) {
    const k = p.children?.[0];
    if (k && overlaps(ctx, ctx.base + k.offset, ctx.base + k.offset + k.length)) return true;
  }
  return false;
}

/** The value of the JSON string node at raw `[start, end)` (quotes included). */
function stringContent(ctx: OverrideCtx, start: number, end: number): PStr {
  for (const s of ctx.specials) if (s.closeQuote && s.end === end) return stringParts(ctx, start + 1, s.start);
  return stringParts(ctx, start + 1, end - 1);
}

/** The content of a JSON string at raw `[from, to)`: literal runs decoded, interpolations as parts. */
function stringParts(ctx: OverrideCtx, from: number, to: number): PStr {
  const pieces: (Part | PStr)[] = [];
  let run = from;
  for (const s of ctx.specials) {
    if (!s.interp || s.end <= from || s.start >= to) continue;
    pieces.push(decodeRaw(ctx, run, s.start));
    const v = ctx.valueOf(s);
    pieces.push(
      renderValue(ctx.ev, v) ??
        hole(v.k === 'unknown' ? v.reason : 'a collection cannot be part of a string', locIn(ctx.env, s)),
    );
    run = s.end;
  }
  pieces.push(decodeRaw(ctx, run, to));
  return joinParts(pieces);
}

function decodeRaw(ctx: OverrideCtx, from: number, to: number): string {
  let text = '';
  for (let i = from; i < to;) {
    const u = decodeUnit(ctx.src, i, to, ctx.mode);
    text += u.text;
    i += u.len;
  }
  return unescapeJsonString(text);
}

/** An object some of whose keys contain interpolations: keys that stay unknown set `more`. */
function objectWithTemplateKeys(ctx: OverrideCtx, node: Node, loc: Loc): Val {
  const entries: ObjEntry[] = [];
  let more: string | undefined;
  for (const prop of node.children ?? []) {
    const [k, v] = prop.children ?? [];
    if (!k) continue;
    const kStart = ctx.base + k.offset;
    const keyLoc = { file: ctx.env.file, start: kStart, end: kStart + k.length };
    const key = stringContent(ctx, kStart, kStart + k.length);
    const text =
      key.parts.length === 1 && typeof key.parts[0] === 'string'
        ? key.parts[0]
        : key.parts.length === 0
          ? ''
          : undefined;
    if (text === undefined) {
      more ??= 'an object key contains an unknown value';
      continue;
    }
    const value = v
      ? nodeToVal(v, ctx.env.file, ctx.base, (n) => override(ctx, n))
      : { k: 'unknown' as const, reason: 'the value is missing', loc: keyLoc };
    entries.push({ key: text, keyLoc, value });
  }
  return more === undefined ? { k: 'obj', entries, loc } : { k: 'obj', entries, loc, more };
}
