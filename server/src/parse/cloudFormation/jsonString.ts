// JSON written as a string in a template (`PolicyDocument: |`, `!Sub |`, a quoted JSON string, a
// `Fn::Join` of pieces) decoded with the position of every token inside the string, so findings
// sit on the `"*"` to change and not on the whole property. CloudFormation substitutes first and
// parses after; so does this: the string is assembled from pieces whose characters know where they
// are written, values known only at deployment become placeholders (strings known only at
// deployment). Text that cannot be matched to its source keeps the position of its whole value.

import type { Loc } from '../../model/loc';
import { type Hole, type Part, type PStr } from '../../model/pstr';
import type { ParseProblem } from '../../model/source';
import type { JsonDecoded, ObjEntry, StrVal, Val } from '../../model/value';
import { jsonToVal } from '../json';
import { type CharSpans, charSpans } from './scalarSource';

/** Text whose characters are written at `spans` (exact), or all at `loc` (a value from elsewhere). */
export interface TextPiece {
  readonly text: string;
  readonly loc: Loc;
  readonly spans?: CharSpans;
}

/** A value known only at deployment, written at `loc`. */
export interface HolePiece {
  readonly hole: Hole;
  readonly loc: Loc;
}

export type Piece = TextPiece | HolePiece;

/** Placeholders for holes: private-use characters, one per hole. */
const MARK = 0xe000;
const MAX_HOLES = 0x1900;
const MARKS = /[\ue000-\uf8ff]/;

/** True when a string value is worth decoding as JSON: its text starts with `{`. */
export function looksLikeJsonObject(s: PStr): boolean {
  const first = s.parts[0];
  return typeof first === 'string' && first.trimStart().startsWith('{');
}

/** A literal string with a decoder that places its JSON tokens in `src`. */
export function withJsonSource(v: StrVal, src: string): StrVal {
  return { ...v, json: () => decodePieces(literalPieces(v, src, true) ?? [], v.loc.file) };
}

/**
 * The pieces of a string value: a literal written in `src` maps character by character; any other
 * value maps to its own location. Undefined when `exact` and the literal cannot be mapped.
 */
export function literalPieces(v: Val, src: string | undefined, exact: boolean): Piece[] | undefined {
  if (v.k !== 'str') return v.k === 'unknown' ? [{ hole: { hole: v.reason, loc: v.loc }, loc: v.loc }] : undefined;
  const only = v.s.parts.length === 1 ? v.s.parts[0] : undefined;
  if (typeof only === 'string' && src !== undefined) {
    const spans = charSpans(src, v.loc, only);
    if (spans) return [{ text: only, loc: v.loc, spans }];
  }
  if (exact) return undefined;
  return partsAt(v.s.parts, v.loc);
}

/** Parts all written at `loc` (a substituted value, a Ref). */
export function partsAt(parts: readonly Part[], loc: Loc): Piece[] {
  return parts.map((p) => (typeof p === 'string' ? { text: p, loc } : { hole: p, loc }));
}

/**
 * The JSON in `pieces`, located in `file`; undefined when it cannot be placed. A hole inside a
 * JSON string is part of that string; in value position (`"Resource": ${Arns}`) it is read as a
 * string known only at deployment.
 */
export function decodePieces(pieces: readonly Piece[], file: string): JsonDecoded | undefined {
  if (pieces.length === 0) return undefined;
  const holes: HolePiece[] = [];
  const placed: TextPiece[] = [];
  let text = '';
  const state = { inString: false, escaped: false };
  for (const p of pieces) {
    if ('hole' in p) {
      if (holes.length >= MAX_HOLES) return undefined;
      const mark = String.fromCharCode(MARK + holes.length);
      holes.push(p);
      const t = state.inString ? mark : `"${mark}"`;
      text += t;
      placed.push({ text: t, loc: p.loc });
      continue;
    }
    if (MARKS.test(p.text)) return undefined;
    text += p.text;
    placed.push(p);
    track(state, p.text);
  }
  const map = new OffsetMap(placed, text.length);
  const res = jsonToVal(text, file);
  const problems: ParseProblem[] = res.problems.map((p) => ({ ...p, loc: map.loc(p.loc) }));
  if (!res.value) return { problems };
  return { value: relocate(res.value, map, holes), problems };
}

/** Follows whether the JSON text so far ends inside a string. */
function track(state: { inString: boolean; escaped: boolean }, text: string): void {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!state.inString) state.inString = c === 34;
    else if (state.escaped) state.escaped = false;
    else if (c === 92) state.escaped = true;
    else if (c === 34) state.inString = false;
  }
}

/** Offsets in the assembled text -> offsets in the file. */
class OffsetMap {
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;

  constructor(pieces: readonly TextPiece[], length: number) {
    this.starts = new Int32Array(length);
    this.ends = new Int32Array(length);
    let i = 0;
    for (const p of pieces) {
      const spans = p.spans;
      for (let k = 0; k < p.text.length; k++, i++) {
        this.starts[i] = spans ? spans.starts[k] : p.loc.start;
        this.ends[i] = spans ? spans.ends[k] : p.loc.end;
      }
    }
  }

  loc(l: Loc): Loc {
    const n = this.starts.length;
    if (n === 0) return l;
    const s = Math.min(Math.max(l.start, 0), n - 1);
    const start = l.start >= n ? this.ends[n - 1] : this.starts[s];
    const end = l.end > l.start ? this.ends[Math.min(l.end, n) - 1] : start;
    return { file: l.file, start, end: Math.max(start, end) };
  }
}

/** The decoded value with file locations; strings holding placeholders get their holes back. */
function relocate(v: Val, map: OffsetMap, holes: readonly HolePiece[]): Val {
  const loc = map.loc(v.loc);
  switch (v.k) {
    case 'str': {
      const text = v.s.parts[0];
      if (typeof text !== 'string' || !MARKS.test(text)) return { ...v, loc };
      return { ...v, loc, s: withHoles(text, holes) };
    }
    case 'list':
      return { ...v, loc, items: v.items.map((i) => relocate(i, map, holes)) };
    case 'obj': {
      const entries: ObjEntry[] = [];
      let more = v.more;
      for (const e of v.entries) {
        if (MARKS.test(e.key)) {
          more ??= `an object key holds a value known only at deployment (${e.key.replace(/[\ue000-\uf8ff]/g, '${…}')})`;
          continue;
        }
        entries.push({ key: e.key, keyLoc: map.loc(e.keyLoc), value: relocate(e.value, map, holes) });
      }
      return more === undefined ? { ...v, loc, entries } : { ...v, loc, entries, more };
    }
    default:
      return { ...v, loc };
  }
}

function withHoles(text: string, holes: readonly HolePiece[]): PStr {
  const parts: Part[] = [];
  let run = '';
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    const h = code >= MARK && code < MARK + holes.length ? holes[code - MARK] : undefined;
    if (!h) {
      run += ch;
      continue;
    }
    if (run) parts.push(run);
    run = '';
    parts.push({ ...h.hole, loc: h.loc });
  }
  if (run) parts.push(run);
  return { parts };
}

/** One `${Name}` of an `Fn::Sub` template: where it is in the template text and what it becomes. */
export interface Substitution {
  readonly start: number;
  readonly end: number;
  readonly value: PStr;
}

/**
 * The pieces of an `Fn::Sub` result: the template's own text character by character, each
 * substitution at its `${Name}`. Undefined when the template text cannot be mapped exactly.
 */
export function subPieces(template: Val, subs: readonly Substitution[], src: string): Piece[] | undefined {
  const base = literalPieces(template, src, true)?.[0];
  if (!base || 'hole' in base || !base.spans) return undefined;
  const { text, spans } = base;
  const pieces: Piece[] = [];
  const literal = (a: number, b: number) => {
    if (b > a)
      pieces.push({
        text: text.slice(a, b),
        loc: template.loc,
        spans: { starts: spans.starts.subarray(a, b), ends: spans.ends.subarray(a, b) },
      });
  };
  let last = 0;
  for (const s of subs) {
    literal(last, s.start);
    pieces.push(
      ...partsAt(s.value.parts, { ...template.loc, start: spans.starts[s.start], end: spans.ends[s.end - 1] }),
    );
    last = s.end;
  }
  literal(last, text.length);
  return pieces;
}

/** The pieces of an `Fn::Join` result: each item where it is written, the delimiter between them. */
export function joinPieces(delimiter: Val, items: readonly Val[], asText: (v: Val) => PStr, src: string): Piece[] {
  const delim = literalPieces(delimiter, src, false) ?? partsAt(asText(delimiter).parts, delimiter.loc);
  const pieces: Piece[] = [];
  items.forEach((item, i) => {
    if (i > 0) pieces.push(...delim);
    pieces.push(...(literalPieces(item, src, false) ?? partsAt(asText(item).parts, item.loc)));
  });
  return pieces;
}
