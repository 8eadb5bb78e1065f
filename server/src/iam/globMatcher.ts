// Linear-time matching of a concrete string against IAM wildcard tokens: never a RegExp built
// from input (backtracking made `s3:*******x` take seconds). Fast paths for exact text, a literal
// prefix/suffix and `*`-only patterns; otherwise an NFA simulation over the token array,
// O(len(value) · len(pattern)) in the worst case.

import type { Token } from './glob';

/** Something that tests a whole string (RegExp's `test` shape, without a RegExp). */
export interface TextMatcher {
  test(text: string): boolean;
}

/** True for the `*` kinds (they loop on what they read). */
export function isStar(t: Token): boolean {
  return t.k === 'any' || t.k === 'anyNC' || t.k === 'anyNS';
}

/**
 * Collapses runs of `*` tokens: a plain `any` absorbs its whole run (it already matches every
 * string), and repeats of one kind are one. Only an `anyNC` next to an `anyNS` stays two tokens.
 */
export function collapseStars(tokens: readonly Token[]): Token[] {
  const out: Token[] = [];
  let runStart = -1;
  for (const t of tokens) {
    if (!isStar(t)) {
      runStart = -1;
      out.push(t);
      continue;
    }
    if (runStart < 0) runStart = out.length;
    const run = out.slice(runStart);
    if (run.some((r) => r.k === 'any')) continue;
    if (t.k === 'any') {
      out.length = runStart;
      out.push(t);
    } else if (!run.some((r) => r.k === t.k)) out.push(t);
  }
  return out;
}

/** Builds a matcher for collapsed tokens; `ignoreCase` lower-cases the tested text. */
export function buildMatcher(tokens: readonly Token[], ignoreCase: boolean): TextMatcher {
  const shape = describe(tokens);
  const norm = (s: string) => (ignoreCase ? foldCase(s) : s);
  if (shape.starCount === 0 && shape.oneCount === 0) {
    const exact = shape.prefix;
    return { test: (s) => norm(s) === exact };
  }
  if (shape.oneCount === 0 && shape.allStarsAny) {
    const segments = literalSegments(tokens);
    return { test: (s) => matchStarSegments(norm(s), segments) };
  }
  const nfa = new Nfa(tokens);
  return {
    test: (s) => {
      const text = norm(s);
      if (text.length < shape.minLength || !text.startsWith(shape.prefix) || !text.endsWith(shape.suffix)) return false;
      return nfa.run(text);
    },
  };
}

interface Shape {
  readonly starCount: number;
  readonly oneCount: number;
  readonly allStarsAny: boolean;
  /** Literal text before the first wildcard, and after the last one. */
  readonly prefix: string;
  readonly suffix: string;
  /** Fewest UTF-16 code units a matching string has. */
  readonly minLength: number;
}

function describe(tokens: readonly Token[]): Shape {
  let starCount = 0;
  let oneCount = 0;
  let allStarsAny = true;
  let minLength = 0;
  for (const t of tokens) {
    if (isStar(t)) {
      starCount++;
      if (t.k !== 'any') allStarsAny = false;
    } else if (t.k === 'lit') minLength += t.c.length;
    else {
      oneCount++;
      minLength++;
    }
  }
  let p = 0;
  while (p < tokens.length && tokens[p].k === 'lit') p++;
  let s = tokens.length;
  while (s > p && tokens[s - 1].k === 'lit') s--;
  const text = (from: number, to: number) =>
    tokens
      .slice(from, to)
      .map((t) => t.c)
      .join('');
  return {
    starCount,
    oneCount,
    allStarsAny,
    prefix: text(0, p),
    suffix: p === tokens.length ? '' : text(s, tokens.length),
    minLength,
  };
}

/** The literal runs between `*`s (the first and last may be empty). */
function literalSegments(tokens: readonly Token[]): string[] {
  const out: string[] = [''];
  for (const t of tokens) {
    if (isStar(t)) out.push('');
    else out[out.length - 1] += t.c;
  }
  return out;
}

/**
 * `lit0 * lit1 * … * litK` with plain stars: the leftmost occurrence of each middle segment is
 * always a safe choice, so one left-to-right pass decides it.
 */
function matchStarSegments(text: string, segs: readonly string[]): boolean {
  const first = segs[0];
  const last = segs[segs.length - 1];
  if (text.length < first.length + last.length || !text.startsWith(first) || !text.endsWith(last)) return false;
  let at = first.length;
  const end = text.length - last.length;
  for (let i = 1; i < segs.length - 1; i++) {
    const found = text.indexOf(segs[i], at);
    if (found < 0 || found + segs[i].length > end) return false;
    at = found + segs[i].length;
  }
  return true;
}

/** Thompson-style simulation: the set of token positions alive after each character. */
class Nfa {
  private readonly m: number;
  private cur: Int32Array;
  private next: Int32Array;
  private readonly mark: Int32Array;
  private gen = 0;

  constructor(private readonly tokens: readonly Token[]) {
    this.m = tokens.length;
    this.cur = new Int32Array(this.m + 1);
    this.next = new Int32Array(this.m + 1);
    this.mark = new Int32Array(this.m + 1);
  }

  run(text: string): boolean {
    let n = this.add(this.cur, 0, 0, ++this.gen);
    for (const ch of text) {
      const gen = ++this.gen;
      let k = 0;
      for (let a = 0; a < n; a++) {
        const i = this.cur[a];
        if (i === this.m) continue;
        const t = this.tokens[i];
        if (!accepts(t, ch)) continue;
        k = this.add(this.next, k, isStar(t) ? i : i + 1, gen);
      }
      if (k === 0) return false;
      [this.cur, this.next] = [this.next, this.cur];
      n = k;
    }
    for (let a = 0; a < n; a++) if (this.cur[a] === this.m) return true;
    return false;
  }

  /** Adds state `i` and its ε-successor (a star may match nothing) to `into`. */
  private add(into: Int32Array, k: number, i: number, gen: number): number {
    let count = k;
    let j = i;
    for (;;) {
      if (this.mark[j] !== gen) {
        this.mark[j] = gen;
        into[count++] = j;
      }
      if (j < this.m && isStar(this.tokens[j])) j++;
      else return count;
    }
  }
}

/** Does token `t` read character `ch`? */
export function accepts(t: Token, ch: string): boolean {
  switch (t.k) {
    case 'lit':
      return t.c === ch;
    case 'one':
    case 'any':
      return true;
    case 'oneNS':
    case 'anyNS':
      return ch !== '/';
    default:
      return ch !== ':';
  }
}

// eslint-disable-next-line no-control-regex -- the ASCII range, control characters included, on purpose
const NON_ASCII = /[^\x00-\x7f]/;

/**
 * Lower-cases one code point at a time, exactly as patterns are compiled (whole-string
 * lower-casing is context-sensitive for a few letters, e.g. a final sigma).
 */
export function foldCase(s: string): string {
  if (!NON_ASCII.test(s)) return s.toLowerCase();
  let out = '';
  for (const ch of s) out += ch.toLowerCase();
  return out;
}

/**
 * A character that is none of `taken` (nor their case variants): it stands for every character
 * no pattern writes. Readable ones first, since witnesses show it.
 */
export function otherChar(taken: ReadonlySet<string>): string {
  const free = (c: string) => !taken.has(c) && !taken.has(c.toLowerCase()) && !taken.has(c.toUpperCase());
  for (const c of 'xyzqjkw0123456789_-') if (free(c)) return c;
  for (let code = 0x100; ; code++) if (free(String.fromCharCode(code))) return String.fromCharCode(code);
}
