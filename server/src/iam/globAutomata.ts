// Language questions over IAM wildcard token sequences: do two patterns share a string, and does
// one contain every string of the other. Characters outside both patterns behave alike, so the
// alphabet is the characters written in either pattern, ':' and one "other" symbol.
// Both questions run under a work budget: past it the answer is `undefined` ("don't know"),
// never a guessed yes or no, so a huge or adversarial pattern cannot hang the engine.

import type { Token } from './glob';
import { accepts, isStar, otherChar } from './globMatcher';

/** Work units (state pairs or subset members visited) before a question gives up. */
export const AUTOMATA_BUDGET = 400_000;

/** The characters written in either pattern, ':', '/' and one character neither writes ("other"). */
function alphabet(a: readonly Token[], b: readonly Token[]): string[] {
  const set = new Set<string>([':', '/']);
  for (const t of a) if (t.k === 'lit') set.add(t.c);
  for (const t of b) if (t.k === 'lit') set.add(t.c);
  return [...set, otherChar(set)];
}

/** Adds `i` and the states reachable from it without reading (a star may match nothing). */
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

/**
 * Whether both tokens read some common character: a literal's own character, else a
 * character that is neither a colon nor a slash (every wildcard reads one). Each token moves the same way on every
 * character it reads, so which character does not matter.
 */
function shareChar(a: Token, b: Token): boolean {
  if (a.k === 'lit') return accepts(b, a.c);
  if (b.k === 'lit') return accepts(a, b.c);
  return true;
}

/** The state after reading some character `t` reads (the caller checked there is one). */
function advance(tokens: readonly Token[], i: number): number {
  return isStar(tokens[i]) ? i : i + 1;
}

/** True when some string matches both `a` and `b`; undefined when the budget ran out. */
export function intersects(a: readonly Token[], b: readonly Token[], budget = AUTOMATA_BUDGET): boolean | undefined {
  const seen = new Set<number>();
  const width = b.length + 1;
  const queue: number[] = [];
  const push = (i: number, j: number): void => {
    const ci = new Set<number>();
    const cj = new Set<number>();
    closure(a, i, ci);
    closure(b, j, cj);
    for (const x of ci) {
      for (const y of cj) {
        const key = x * width + y;
        if (!seen.has(key)) {
          seen.add(key);
          queue.push(key);
        }
      }
    }
  };
  push(0, 0);
  while (queue.length > 0) {
    if (seen.size > budget) return undefined;
    const key = queue.pop() as number;
    const i = Math.floor(key / width);
    const j = key % width;
    if (i === a.length && j === b.length) return true;
    if (i === a.length || j === b.length) continue;
    if (shareChar(a[i], b[j])) push(advance(a, i), advance(b, j));
  }
  return false;
}

/** True when every string matching `sub` matches `sup`; undefined when the budget ran out. */
export function includes(sub: readonly Token[], sup: readonly Token[], budget = AUTOMATA_BUDGET): boolean | undefined {
  const sigma = alphabet(sub, sup);
  const seen = new Set<string>();
  const queue: { i: number; s: number[] }[] = [];
  let work = 0;
  const push = (i: number, states: Iterable<number>): void => {
    const closed = new Set<number>();
    for (const st of states) closure(sup, st, closed);
    const s = [...closed].sort((x, y) => x - y);
    work += s.length + 1;
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
    if (work > budget) return undefined;
    const { i, s } = queue.pop() as { i: number; s: number[] };
    if (i === sub.length && !s.includes(sup.length)) return false;
    if (i === sub.length) continue;
    for (const x of sub[i].k === 'lit' ? [sub[i].c] : sigma) {
      const ni = step(sub, i, x);
      if (ni < 0) continue;
      const next: number[] = [];
      for (const st of s) {
        const ns = step(sup, st, x);
        if (ns >= 0) next.push(ns);
      }
      work += s.length;
      push(ni, next);
    }
  }
  return true;
}
