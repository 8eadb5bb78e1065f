// IAM wildcard patterns compiled to tokens (for the automata in globAutomata.ts) and to a
// linear-time matcher (a concrete value against a fully known pattern; see globMatcher.ts).

import { buildMatcher, collapseStars, type TextMatcher } from './globMatcher';
import type { Piece } from './variables';

/**
 * How `*` and `?` are read. `glob`: anywhere (Action, StringLike). `literal`: no wildcards
 * (StringEquals and friends). `arn` (Resource, Arn* conditions; only when the pattern starts
 * with `arn:`): ARN segments are matched one by one, so in the partition, service, region and
 * account segments a wildcard (or an unknown part) never matches a colon; the resource segment
 * takes anything. A `*` that ends a short pattern (`arn:aws:iam::*`) matches the rest, colons
 * included. Deliberate reading of AWS's "a * that ends a segment can expand beyond the colon":
 * segment-wise like AWS's own examples and iam-simulate, which keeps pattern-vs-pattern
 * questions (does `role/*` overlap `policy/*`) meaningful.
 */
export type GlobMode = 'glob' | 'arn' | 'literal';

/**
 * `lit` one character; `one`/`any` `?`/`*`; the `NC` forms never match a colon (ARN segments),
 * the `NS` forms never match a slash (a name inside an ARN path; built by rules, never parsed).
 */
export type TokenKind = 'lit' | 'one' | 'any' | 'oneNC' | 'anyNC' | 'oneNS' | 'anyNS';

/** One pattern position. */
export interface Token {
  readonly k: TokenKind;
  /** The character for `lit` (lower-cased when the pattern ignores case), else ''. */
  readonly c: string;
}

/**
 * A compiled pattern. Holes (unknown text) compile to `any` tokens and set `holeReason`. Runs of
 * `*` are collapsed, so no two star tokens are adjacent.
 */
export interface Glob {
  readonly tokens: readonly Token[];
  readonly ignoreCase: boolean;
  /** Set when part of the pattern is unknown: it may then match less than `matcher` does. */
  readonly holeReason?: string;
  /** Whole-string test in linear time (no RegExp); holes read as `*`; folds case when `ignoreCase`. */
  readonly matcher: TextMatcher;
  /** The exact text when the pattern has no wildcard and no hole (lower-cased if ignoreCase). */
  readonly exact?: string;
  /** Compiled with ARN segments (mode 'arn' and the pattern starts with `arn:`). */
  readonly arn: boolean;
}

const ANY: Token = { k: 'any', c: '' };
const ANY_NC: Token = { k: 'anyNC', c: '' };
const ONE: Token = { k: 'one', c: '' };
const ONE_NC: Token = { k: 'oneNC', c: '' };

type Raw = { readonly ch: string; readonly wild: boolean } | { readonly hole: string } | { readonly free: true };

/**
 * Shared per-character objects (immutable): a 284,000-character action otherwise allocated two
 * objects per character on every compile (1 s of CPU, mostly the garbage collector).
 */
const SHARED = new Map<string, Raw & Token>();

function shared(ch: string, wild: boolean, c: string): Raw & Token {
  const key = `${+wild}${ch}${c}`; // `ch` is one code point: unambiguous
  let r = SHARED.get(key);
  if (!r) {
    r = { k: 'lit', c, ch, wild };
    if (SHARED.size < 4096) SHARED.set(key, r);
  }
  return r;
}

/** Compiles resolved pieces (no `var` pieces left; `free` pieces read as `*`). */
export function compileGlob(pieces: readonly Piece[], mode: GlobMode, ignoreCase: boolean): Glob {
  const raw = flatten(pieces, mode);
  const isArn = mode === 'arn' && startsWithArn(raw);
  const tokens: Token[] = [];
  let holeReason: string | undefined;
  let colons = 0;
  for (let i = 0; i < raw.length; i++) {
    const r = raw[i];
    const inSegment = isArn && colons < 5 && i < raw.length - 1;
    if ('hole' in r) {
      holeReason ??= r.hole;
      tokens.push(inSegment ? ANY_NC : ANY);
    } else if ('free' in r) tokens.push(inSegment ? ANY_NC : ANY);
    else if (!r.wild) {
      if (r.ch === ':') colons++;
      tokens.push(shared(r.ch, false, ignoreCase ? r.ch.toLowerCase() : r.ch));
    } else if (r.ch === '*') tokens.push(inSegment ? ANY_NC : ANY);
    else tokens.push(isArn && colons < 5 ? ONE_NC : ONE);
  }
  const collapsed = collapseStars(tokens);
  const exact =
    holeReason === undefined && collapsed.every((t) => t.k === 'lit') ? collapsed.map((t) => t.c).join('') : undefined;
  return { tokens: collapsed, ignoreCase, holeReason, matcher: buildMatcher(collapsed, ignoreCase), exact, arn: isArn };
}

/**
 * A glob from tokens built by the engine itself (never from policy text), e.g. an ARN whose
 * last path segment matches a name pattern.
 */
export function globFromTokens(tokens: readonly Token[], ignoreCase: boolean): Glob {
  const collapsed = collapseStars(tokens);
  const exact = collapsed.every((t) => t.k === 'lit') ? collapsed.map((t) => t.c).join('') : undefined;
  return { tokens: collapsed, ignoreCase, matcher: buildMatcher(collapsed, ignoreCase), exact, arn: false };
}

function flatten(pieces: readonly Piece[], mode: GlobMode): Raw[] {
  const raw: Raw[] = [];
  for (const p of pieces) {
    if (p.k === 'hole') raw.push({ hole: p.reason });
    else if (p.k === 'free') raw.push({ free: true });
    else if (p.k === 'var') raw.push({ hole: `policy variable ${p.raw}` });
    else {
      const wildOk = mode !== 'literal' && !p.literal;
      for (const ch of p.s) raw.push(shared(ch, wildOk && (ch === '*' || ch === '?'), ch));
    }
  }
  return raw;
}

function startsWithArn(raw: readonly Raw[]): boolean {
  const want = 'arn:';
  for (let i = 0; i < want.length; i++) {
    const r = raw[i];
    if (!r || !('ch' in r) || r.wild || r.ch.toLowerCase() !== want[i]) return false;
  }
  return true;
}

/**
 * Tokens for a value (not a pattern): every character literal, every hole `any`. With `arn`,
 * a hole inside the first five segments of a value starting with `arn:` stays in its segment.
 */
export function valueTokens(pieces: readonly Piece[], ignoreCase: boolean, arn = false): Token[] {
  const out: Token[] = [];
  const first = pieces[0];
  const isArn = arn && first?.k === 'text' && first.s.toLowerCase().startsWith('arn:');
  let colons = 0;
  for (const p of pieces) {
    if (p.k !== 'text') out.push(isArn && colons < 5 ? ANY_NC : ANY);
    else {
      for (const ch of p.s) {
        if (ch === ':') colons++;
        out.push({ k: 'lit', c: ignoreCase ? ch.toLowerCase() : ch });
      }
    }
  }
  return collapseStars(out);
}
