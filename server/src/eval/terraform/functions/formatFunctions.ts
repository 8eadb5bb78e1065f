// format() and formatlist(): printf-style verbs; unknown arguments become holes in the result.

import { checkSize } from '../../../parse/evalBudget';
import { hole, type Part, type PStr } from '../../../model/pstr';
import type { Val } from '../../../model/value';
import { renderValue } from '../renderValue';
import { errorVal, formatNumber, joinParts, listVal, strVal, unknownVal } from '../../../parse/values';
import { arity, type CallCtx, isStop, textArg, type TfFunction } from './callContext';

const VERB = /%([-+# 0]*)(\d*)(?:\.(\d+))?([a-zA-Z%])/g;

interface FormatError {
  readonly error: string;
}

/** Formats `fmt` with `args`; an unknown argument becomes a hole. */
export function formatPStr(fmt: string, args: readonly Val[], c: CallCtx): PStr | FormatError {
  const pieces: (Part | PStr)[] = [];
  let last = 0;
  let next = 0;
  for (const m of fmt.matchAll(VERB)) {
    pieces.push(fmt.slice(last, m.index));
    last = m.index + m[0].length;
    const verb = m[4];
    if (verb === '%') {
      pieces.push('%');
      continue;
    }
    const v = args[next++];
    if (!v) return { error: `format(): not enough arguments for ${m[0]}` };
    const r = formatOne(v, verb, m[1], m[2], m[3], c);
    if ('error' in r) return r;
    pieces.push(r);
  }
  pieces.push(fmt.slice(last));
  return joinParts(pieces);
}

/** One verb: the formatted text (a PStr with holes for unknown values). */
function formatOne(
  v: Val,
  verb: string,
  flags: string,
  width: string,
  prec: string | undefined,
  c: CallCtx,
): PStr | FormatError {
  if (v.k === 'unknown') return { parts: [hole(v.reason, v.loc)] };
  let text: string | undefined;
  switch (verb) {
    case 's':
    case 'v':
    case 'q': {
      const s = renderValue(c.ev, v);
      if (!s) return { error: `format(): %${verb} cannot format a ${v.k}` };
      if (verb !== 'q') return pad(s, flags, width);
      if (s.parts.some((p) => typeof p !== 'string')) return { parts: ['"', ...s.parts, '"'] };
      text = JSON.stringify(s.parts.join(''));
      break;
    }
    case 'd':
      if (v.k !== 'num') return { error: `format(): %d needs a number, got a ${v.k}` };
      text = Math.trunc(v.n).toFixed(0);
      break;
    case 'f':
    case 'e':
    case 'g':
      if (v.k !== 'num') return { error: `format(): %${verb} needs a number, got a ${v.k}` };
      text =
        verb === 'f'
          ? v.n.toFixed(prec ? Number(prec) : 6)
          : verb === 'e'
            ? v.n.toExponential(prec ? Number(prec) : 6)
            : formatNumber(v.n);
      break;
    case 't':
      if (v.k !== 'bool') return { error: `format(): %t needs a bool, got a ${v.k}` };
      text = v.b ? 'true' : 'false';
      break;
    default:
      return { error: `format(): unsupported verb %${verb}` };
  }
  return pad({ parts: [text] }, flags, width);
}

function pad(s: PStr, flags: string, width: string): PStr {
  const w = Number(width || 0);
  checkSize(w, 'a padded string');
  const text = s.parts.length === 1 && typeof s.parts[0] === 'string' ? s.parts[0] : undefined;
  if (!w || text === undefined || text.length >= w) return s;
  const fill = (flags.includes('0') && !flags.includes('-') ? '0' : ' ').repeat(w - text.length);
  return { parts: [flags.includes('-') ? text + fill : fill + text] };
}

const format: TfFunction = (args, c) => {
  const bad = arity(c, args, 1, Infinity);
  if (bad) return bad;
  const fmt = textArg(args, 0, c);
  if (isStop(fmt)) return fmt.stop;
  const r = formatPStr(fmt, args.slice(1), c);
  return 'error' in r ? errorVal(r.error, c.loc) : strVal(r, c.loc);
};

/** formatlist(): lists are zipped element by element; other arguments repeat. */
const formatlist: TfFunction = (args, c) => {
  const fmt = textArg(args, 0, c);
  if (isStop(fmt)) return fmt.stop;
  let n: number | undefined;
  for (const a of args.slice(1)) {
    if (a.k === 'unknown') return unknownVal(a.reason, c.loc);
    if (a.k !== 'list') continue;
    if (a.more !== undefined) return unknownVal(a.more, c.loc);
    n = n === undefined ? a.items.length : Math.min(n, a.items.length);
  }
  const items: Val[] = [];
  for (let i = 0; i < (n ?? 1); i++) {
    const row = args.slice(1).map((a) => (a.k === 'list' ? a.items[i] : a));
    const r = formatPStr(fmt, row, c);
    if ('error' in r) return errorVal(r.error, c.loc);
    items.push(strVal(r, c.loc));
  }
  return listVal(items, c.loc);
};

/** format and formatlist. */
export const FORMAT_FUNCTIONS: Readonly<Record<string, TfFunction>> = { format, formatlist };
