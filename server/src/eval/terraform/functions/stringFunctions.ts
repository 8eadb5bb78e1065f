// String functions. Where an argument is only partly known, results keep its holes when the
// answer does not depend on them (join of templates, lower of a prefix, a known prefix test).

import { isHole, type Part, type PStr, textOf } from '../../../model/pstr';
import type { Val } from '../../../model/value';
import { checkSize } from '../../../parse/evalBudget';
import { errorVal, joinParts, joinPStr, strVal, toPStr, unknownVal } from '../../../parse/values';
import { replaceRegex } from './regexFunctions';
import {
  arity,
  badArg,
  type CallCtx,
  isStop,
  listArg,
  numArg,
  textArg,
  type TfFunction,
  unknownArg,
} from './callContext';

/** Argument `i` as string parts (holes allowed), or the value to return instead. */
function pstrArg(args: readonly Val[], i: number, c: CallCtx): PStr | Val {
  const v = args[i];
  if (!v) return badArg(c, i, 'a string');
  if (v.k === 'unknown') return unknownArg([v], c)!;
  return toPStr(v) ?? badArg(c, i, 'a string', v);
}

function isPStr(r: PStr | Val): r is PStr {
  return 'parts' in r;
}

/** Applies `f` to the literal parts; holes stay. */
function mapLiterals(args: readonly Val[], c: CallCtx, f: (s: string) => string): Val {
  const s = pstrArg(args, 0, c);
  if (!isPStr(s)) return s;
  return strVal(joinParts(s.parts.map((p: Part) => (isHole(p) ? p : f(p)))), c.loc);
}

/** `f` over fully known texts of all arguments. */
function knownTexts(args: readonly Val[], c: CallCtx, n: number, f: (t: string[]) => Val): Val {
  const bad = arity(c, args, n);
  if (bad) return bad;
  const texts: string[] = [];
  for (let i = 0; i < n; i++) {
    const t = textArg(args, i, c);
    if (isStop(t)) return t.stop;
    texts.push(t);
  }
  return f(texts);
}

const join: TfFunction = (args, c) => {
  const sep = textArg(args, 0, c);
  if (isStop(sep)) return sep.stop;
  const pieces: (Val | string)[] = [];
  let more: string | undefined;
  for (let i = 1; i < args.length; i++) {
    const list = listArg(args, i, c);
    if (isStop(list)) return list.stop;
    for (const item of list.items) {
      if (pieces.length) pieces.push(sep);
      pieces.push(item);
    }
    more ??= list.more;
  }
  if (more !== undefined) pieces.push(unknownVal(more, c.loc));
  const s = joinPStr(pieces);
  return s ? strVal(s, c.loc) : badArg(c, 1, 'a list of strings');
};

const replace: TfFunction = (args, c) => {
  const bad = arity(c, args, 3);
  if (bad) return bad;
  const s = pstrArg(args, 0, c);
  const from = textArg(args, 1, c);
  const to = textArg(args, 2, c);
  if (!isPStr(s)) return s;
  if (isStop(from)) return from.stop;
  if (isStop(to)) return to.stop;
  const regex = from.length > 1 && from.startsWith('/') && from.endsWith('/');
  if (regex) {
    const text = textOf(s);
    if (text === undefined) return unknownVal('replace() with a pattern needs a fully known string', c.loc);
    const r = replaceRegex(text, from.slice(1, -1), to, c);
    return typeof r === 'string' ? strVal(r, c.loc) : errorVal(`replace(): ${r.error}`, c.loc);
  }
  return strVal(joinParts(s.parts.map((p) => (isHole(p) ? p : replaceAll(p, from, to)))), c.loc);
};

const split: TfFunction = (args, c) =>
  knownTexts(args, c, 2, ([sep, s]) => ({
    k: 'list',
    items: s.split(sep).map((x) => strVal(x, c.loc)),
    loc: c.loc,
  }));

const substr: TfFunction = (args, c) => {
  const s = textArg(args, 0, c);
  const off = numArg(args, 1, c);
  const len = numArg(args, 2, c);
  if (isStop(s)) return s.stop;
  if (isStop(off)) return off.stop;
  if (isStop(len)) return len.stop;
  const chars = [...s];
  const start = off < 0 ? chars.length + off : off;
  return strVal(chars.slice(start, len < 0 ? undefined : start + len).join(''), c.loc);
};

/** startswith/endswith/trimprefix/trimsuffix decide from the known end of a partly known string. */
function edge(which: 'start' | 'end', f: (text: string, affix: string, s: PStr, c: CallCtx) => Val): TfFunction {
  return (args, c) => {
    const bad = arity(c, args, 2);
    if (bad) return bad;
    const s = pstrArg(args, 0, c);
    const affix = textArg(args, 1, c);
    if (!isPStr(s)) return s;
    if (isStop(affix)) return affix.stop;
    const part = which === 'start' ? s.parts[0] : s.parts[s.parts.length - 1];
    const text = part === undefined ? '' : isHole(part) ? undefined : part;
    if (text === undefined || (textOf(s) === undefined && text.length < affix.length)) {
      return unknownVal(`${c.name}() depends on an unknown part of the string`, c.loc);
    }
    return f(text, affix, s, c);
  };
}

/** `s` with its first (or last) literal part replaced. */
function withEdge(s: PStr, which: 'start' | 'end', text: string): PStr {
  const parts = [...s.parts];
  if (parts.length === 0) return s;
  parts[which === 'start' ? 0 : parts.length - 1] = text;
  return joinParts(parts);
}

const startswith = edge('start', (t, a, _s, c) => ({ k: 'bool', b: t.startsWith(a), loc: c.loc }));
const endswith = edge('end', (t, a, _s, c) => ({ k: 'bool', b: t.endsWith(a), loc: c.loc }));
const trimprefix = edge('start', (t, a, s, c) =>
  strVal(t.startsWith(a) ? withEdge(s, 'start', t.slice(a.length)) : s, c.loc),
);
const trimsuffix = edge('end', (t, a, s, c) =>
  strVal(t.endsWith(a) ? withEdge(s, 'end', t.slice(0, t.length - a.length)) : s, c.loc),
);

const trimspace: TfFunction = (args, c) => {
  const s = pstrArg(args, 0, c);
  if (!isPStr(s)) return s;
  let out = s;
  const first = out.parts[0];
  if (typeof first === 'string') out = withEdge(out, 'start', first.trimStart());
  const last = out.parts[out.parts.length - 1];
  if (typeof last === 'string') out = withEdge(out, 'end', last.trimEnd());
  return strVal(out, c.loc);
};

const tostring: TfFunction = (args, c) => {
  const v = args[0];
  if (!v) return badArg(c, 0, 'a value');
  if (v.k === 'null' || v.k === 'unknown' || v.k === 'str') return v;
  const s = toPStr(v);
  return s ? strVal(s, c.loc) : badArg(c, 0, 'a string, number or bool', v);
};

const tonumber: TfFunction = (args, c) => {
  const v = args[0];
  if (!v) return badArg(c, 0, 'a value');
  if (v.k === 'null' || v.k === 'num' || v.k === 'unknown') return v;
  const n = numArg(args, 0, c);
  return isStop(n) ? n.stop : { k: 'num', n, loc: c.loc };
};

/** String functions by name. */
export const STRING_FUNCTIONS: Readonly<Record<string, TfFunction>> = {
  join,
  replace,
  split,
  substr,
  startswith,
  endswith,
  trimprefix,
  trimsuffix,
  trimspace,
  tostring,
  tonumber,
  lower: (args, c) => mapLiterals(args, c, (s) => s.toLowerCase()),
  upper: (args, c) => mapLiterals(args, c, (s) => s.toUpperCase()),
  title: (args, c) =>
    knownTexts(args, c, 1, ([s]) =>
      strVal(
        s.replace(/\b\w/g, (m) => m.toUpperCase()),
        c.loc,
      ),
    ),
  chomp: (args, c) => knownTexts(args, c, 1, ([s]) => strVal(chomp(s), c.loc)),
  strrev: (args, c) => knownTexts(args, c, 1, ([s]) => strVal([...s].reverse().join(''), c.loc)),
  trim: (args, c) => knownTexts(args, c, 2, ([s, cut]) => strVal(trimChars(s, cut), c.loc)),
};

/** `t` with every `from` replaced by `to`; a result past the size limit is never built. */
function replaceAll(t: string, from: string, to: string): string {
  const pieces = t.split(from);
  checkSize(t.length + (pieces.length - 1) * (to.length - from.length), 'the result of replace()');
  return pieces.join(to);
}

/** Trailing line breaks removed (a loop: the regex form is quadratic on many line breaks not at the end). */
function chomp(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 10) end -= s.charCodeAt(end - 2) === 13 ? 2 : 1;
  return s.slice(0, end);
}

function trimChars(s: string, cut: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && cut.includes(s[a])) a++;
  while (b > a && cut.includes(s[b - 1])) b--;
  return s.slice(a, b);
}
