// Three-valued matching of values and patterns that may contain holes.
//
// A value's hole is some unknown literal text; a pattern's hole is unknown pattern text (it may
// itself contain `*`). Value v matches pattern p:
//   'yes'      when every substitution of v's holes matches (L(v with holes as *) ⊆ L(p)) and p has no hole;
//   'no'       when no substitution can match (the languages, holes read as *, do not intersect);
//   'unknown'  otherwise.

import { textOf, type PStr } from '../model/pstr';
import type { Tri } from '../model/resources';
import { compileGlob, valueTokens, type Glob, type GlobMode } from './glob';
import { includes, intersects } from './globAutomata';
import { foldCase } from './globMatcher';
import type { PatternCache } from './patternCache';
import { bindSymbols } from './standIns';
import { toPieces } from './variables';

/** Matches a value (concrete string or PStr with holes) against a compiled pattern. */
export function matchGlob(value: string | PStr, g: Glob): Tri {
  const text = typeof value === 'string' ? value : textOf(value);
  if (text !== undefined) {
    if (g.exact !== undefined) return (g.ignoreCase ? foldCase(text) : text) === g.exact ? 'yes' : 'no';
    if (!g.matcher.test(text)) return 'no';
    return g.holeReason === undefined ? 'yes' : 'unknown';
  }
  const vt = valueTokens(toPieces(value as PStr, false), g.ignoreCase, g.arn);
  const meets = intersects(vt, g.tokens);
  if (meets === false) return 'no';
  if (meets === undefined || g.holeReason !== undefined) return 'unknown';
  return includes(vt, g.tokens) === true ? 'yes' : 'unknown';
}

/** Does some string match both patterns? (Unknown when a pattern has a hole or the budget runs out.) */
export function globOverlaps(a: Glob, b: Glob): Tri {
  const meets = intersects(a.tokens, b.tokens);
  if (meets === false) return 'no';
  return meets === true && a.holeReason === undefined && b.holeReason === undefined ? 'yes' : 'unknown';
}

/** Does `outer` match every string `inner` matches? */
export function globCovers(outer: Glob, inner: Glob): Tri {
  const meets = intersects(inner.tokens, outer.tokens);
  if (meets === false) return 'no';
  if (meets === undefined) return 'unknown';
  const inc = includes(inner.tokens, outer.tokens);
  if (inc === undefined) return 'unknown';
  if (outer.holeReason === undefined) return inc ? 'yes' : inner.holeReason === undefined ? 'no' : 'unknown';
  // outer's holes read as `*` only widen it: not covered even then means never covered.
  return !inc && inner.holeReason === undefined ? 'no' : 'unknown';
}

/** Options for the convenience functions below. */
export interface PatternOptions {
  /** Default false (resources and condition values); actions ignore case. */
  readonly ignoreCase?: boolean;
  /** Default 'arn' (a pattern not starting with `arn:` is read as a plain glob). */
  readonly mode?: GlobMode;
}

/** Compiles a PStr pattern (symbols bound to stand-ins, no policy variables). */
export function compilePattern(pattern: string | PStr, opts: PatternOptions = {}): Glob {
  const p = typeof pattern === 'string' ? { parts: [pattern] } : bindSymbols(pattern);
  return compileGlob(toPieces(p, false), opts.mode ?? 'arn', opts.ignoreCase ?? false);
}

/** Does `value` match the IAM pattern `pattern`? Symbol holes on both sides are bound to stand-ins. */
export function matchPattern(value: string | PStr, pattern: string | PStr, opts: PatternOptions = {}): Tri {
  const v = typeof value === 'string' ? value : bindSymbols(value);
  return matchGlob(v, compilePattern(pattern, opts));
}

/** Does `outer` cover every string `inner` can match (e.g. a wildcard Resource covering the boundary ARN pattern)? */
export function patternCovers(outer: string | PStr, inner: string | PStr, opts: PatternOptions = {}): Tri {
  return globCovers(compilePattern(outer, opts), compilePattern(inner, opts));
}

/** Can some string match both patterns? */
export function patternOverlaps(a: string | PStr, b: string | PStr, opts: PatternOptions = {}): Tri {
  return globOverlaps(compilePattern(a, opts), compilePattern(b, opts));
}

/** As `matchPattern`, with the (fully known) pattern compiled once in `cache`. */
export function matchPatternIn(
  cache: PatternCache,
  value: string | PStr,
  pattern: string,
  opts: PatternOptions = {},
): Tri {
  const v = typeof value === 'string' ? value : bindSymbols(value);
  return matchGlob(v, cache.text(pattern, opts.mode ?? 'arn', opts.ignoreCase ?? false));
}
