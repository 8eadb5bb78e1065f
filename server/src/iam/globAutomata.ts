// Language questions over IAM wildcard token sequences: do two patterns share a string, and does
// one contain every string of the other. Characters outside both patterns behave alike, so the
// alphabet is the characters written in either pattern, ':' and one "other" symbol.

import type { Token } from './glob';

const OTHER = '';
/** Visited-state budget for the inclusion check; past it the answer is "don't know". */
const INCLUSION_BUDGET = 20000;

function isStar(t: Token): boolean {
  return t.k === 'any' || t.k === 'anyNC';
}

function accepts(t: Token, x: string): boolean {
  if (t.k === 'lit') return t.c === x;
  if (t.k === 'one' || t.k === 'any') return true;
  return x !== ':';
}

function alphabet(a: readonly Token[], b: readonly Token[]): string[] {
  const set = new Set<string>([OTHER, ':']);
  for (const t of a) if (t.k === 'lit') set.add(t.c);
  for (const t of b) if (t.k === 'lit') set.add(t.c);
  return [...set];
}

/** States reachable from `i` without reading a character (stars may match nothing). */
function closure(tokens: readonly Token[], i: number, into: Set<number>): void {
  let j = i;
  into.add(j);
  while (j < tokens.length && isStar(tokens[j])) into.add(++j);
}

/** The state after reading `x` in state `i` (before closure), or -1. */
function step(tokens: readonly Token[], i: number, x: string): number {
  if (i >= tokens.length) return -1;
  const t = tokens[i];
  if (!accepts(t, x)) return -1;
  return isStar(t) ? i : i + 1;
}

/** True when some string matches both `a` and `b`. */
export function intersects(a: readonly Token[], b: readonly Token[]): boolean {
  const sigma = alphabet(a, b);
  const seen = new Set<number>();
  const width = b.length + 1;
  const queue: number[] = [];
  const push = (i: number, j: number): void => {
    const ci = new Set<number>();
    const cj = new Set<number>();
    closure(a, i, ci);
    closure(b, j, cj);
    for (const x of ci) for (const y of cj) {
      const key = x * width + y;
      if (!seen.has(key)) {
        seen.add(key);
        queue.push(key);
      }
    }
  };
  push(0, 0);
  while (queue.length > 0) {
    const key = queue.pop() as number;
    const i = Math.floor(key / width);
    const j = key % width;
    if (i === a.length && j === b.length) return true;
    for (const x of sigma) {
      const ni = step(a, i, x);
      const nj = step(b, j, x);
      if (ni >= 0 && nj >= 0) push(ni, nj);
    }
  }
  return false;
}

/** True when every string matching `sub` matches `sup`; undefined when the budget ran out. */
export function includes(sub: readonly Token[], sup: readonly Token[]): boolean | undefined {
  const sigma = alphabet(sub, sup);
  const seen = new Set<string>();
  const queue: { i: number; s: number[] }[] = [];
  const push = (i: number, states: Iterable<number>): void => {
    const closed = new Set<number>();
    for (const st of states) closure(sup, st, closed);
    const s = [...closed].sort((x, y) => x - y);
    const ci = new Set<number>();
    closure(sub, i, ci);
    for (const c of ci) {
      const key = `${c}|${s.join(',')}`;
      if (!seen.has(key)) {
        seen.add(key);
        queue.push({ i: c, s });
      }
    }
  };
  push(0, [0]);
  while (queue.length > 0) {
    if (seen.size > INCLUSION_BUDGET) return undefined;
    const { i, s } = queue.pop() as { i: number; s: number[] };
    if (i === sub.length && !s.includes(sup.length)) return false;
    for (const x of sigma) {
      const ni = step(sub, i, x);
      if (ni < 0) continue;
      const next: number[] = [];
      for (const st of s) {
        const ns = step(sup, st, x);
        if (ns >= 0) next.push(ns);
      }
      push(ni, next);
    }
  }
  return true;
}
