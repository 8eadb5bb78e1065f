// Satisfiability of a boolean formula over "the string matches glob i": one product automaton
// over every glob the formula mentions, explored breadth-first (so the witness is a shortest
// string). Characters no glob writes behave alike, so the alphabet is the written characters,
// ':' and '/', their case variants when a glob ignores case, and one "other" character.

import type { Glob, Token } from '../glob';
import { foldCase, isStar } from '../globMatcher';
import { accepts } from '../globMatcher';
import { atomsOf, evaluate, type Formula } from './formula';

/** A satisfying string, none, or "don't know" (the search ran past its budget). */
export type StringAnswer = { readonly sat: true; readonly witness: string } | { readonly sat: false } | { readonly sat: 'unknown' };

/** Product states explored before the answer is "don't know". */
export const STRING_BUDGET = 20_000;

/** Whether `value` matches `g` (holes already read as `*` at compile time). */
export function globHolds(g: Glob, value: string): boolean {
  if (g.exact !== undefined) return (g.ignoreCase ? foldCase(value) : value) === g.exact;
  return g.matcher.test(value);
}

/** Finds a string satisfying `f`, where atom i is "matches globs[i]". */
export function solveString(globs: readonly Glob[], f: Formula, budget = STRING_BUDGET): StringAnswer {
  if (f.k === 'const') return f.v ? { sat: true, witness: 'x' } : { sat: false };
  const finite = finiteCandidates(globs, f);
  if (finite) {
    const hit = finite.find((v) => evaluate(f, (i) => globHolds(globs[i], v)));
    return hit === undefined ? { sat: false } : { sat: true, witness: hit };
  }
  return search(globs, [...atomsOf(f)].sort((a, b) => a - b), f, budget);
}

/**
 * When `f` forces the value into a finite set (a conjunct that is an exact glob, or a
 * disjunction of exact globs), the candidates; testing each is exact and cheap.
 */
function finiteCandidates(globs: readonly Glob[], f: Formula): string[] | undefined {
  const conjuncts = f.k === 'and' ? f.fs : [f];
  for (const c of conjuncts) {
    const options = c.k === 'or' ? c.fs : [c];
    if (options.every((o) => o.k === 'atom' && globs[o.i].exact !== undefined)) {
      return options.map((o) => globs[(o as { i: number }).i].exact as string);
    }
  }
  return undefined;
}

interface Machine {
  readonly tokens: readonly Token[];
  readonly ignoreCase: boolean;
}

function search(globs: readonly Glob[], used: readonly number[], f: Formula, budget: number): StringAnswer {
  const machines: Machine[] = used.map((i) => ({ tokens: globs[i].tokens, ignoreCase: globs[i].ignoreCase }));
  const sigma = alphabetOf(machines);
  const slot = new Map(used.map((atomIndex, k) => [atomIndex, k]));
  const accepting = (sets: readonly number[][]) => evaluate(f, (i) => sets[slot.get(i)!].includes(machines[slot.get(i)!].tokens.length));
  const start = machines.map((m) => close(m.tokens, [0]));
  const states: number[][][] = [start];
  const parent: number[] = [-1];
  const via: string[] = [''];
  const seen = new Map<string, number>([[keyOf(start), 0]]);
  for (let at = 0; at < states.length; at++) {
    if (accepting(states[at])) return { sat: true, witness: prettier(path(parent, via, at), machines, sigma[0], accepting) };
    if (states.length > budget) return { sat: 'unknown' };
    for (const x of sigma) {
      const next = states[at].map((set, k) => step(machines[k], set, x));
      const key = keyOf(next);
      if (seen.has(key)) continue;
      seen.set(key, states.length);
      states.push(next);
      parent.push(at);
      via.push(x);
    }
  }
  return { sat: false };
}

/** An empty witness reads badly in a request: one "other" character instead, when that works too. */
function prettier(w: string, machines: readonly Machine[], other: string, accepting: (s: number[][]) => boolean): string {
  if (w !== '') return w;
  const sets = machines.map((m) => step(m, close(m.tokens, [0]), other));
  return accepting(sets) ? other : w;
}

function path(parent: readonly number[], via: readonly string[], at: number): string {
  const chars: string[] = [];
  for (let i = at; i > 0; i = parent[i]) chars.push(via[i]);
  return chars.reverse().join('');
}

function keyOf(sets: readonly number[][]): string {
  return sets.map((s) => s.join(',')).join('|');
}

/** Positions reachable without reading (a star may match nothing), sorted. */
function close(tokens: readonly Token[], from: readonly number[]): number[] {
  const out = new Set<number>();
  for (const i of from) {
    let j = i;
    out.add(j);
    while (j < tokens.length && isStar(tokens[j])) out.add(++j);
  }
  return [...out].sort((a, b) => a - b);
}

function step(m: Machine, set: readonly number[], x: string): number[] {
  const ch = m.ignoreCase ? foldCase(x) : x;
  const next: number[] = [];
  for (const i of set) {
    if (i >= m.tokens.length) continue;
    const t = m.tokens[i];
    if (accepts(t, ch)) next.push(isStar(t) ? i : i + 1);
  }
  return next.length === 0 ? next : close(m.tokens, next);
}

const OTHER_CHOICES = 'xyzqjkw0123456789_-';

/** "Other" first (witnesses read best with it), then ':' and '/', then every written character. */
function alphabetOf(machines: readonly Machine[]): string[] {
  const written = new Set<string>([':', '/']);
  const anyIgnoreCase = machines.some((m) => m.ignoreCase);
  for (const m of machines) {
    for (const t of m.tokens) {
      if (t.k !== 'lit') continue;
      written.add(t.c);
      if (anyIgnoreCase) {
        written.add(t.c.toUpperCase());
        written.add(t.c.toLowerCase());
      }
    }
  }
  return [otherOf(written), ...[...written].sort()];
}

function otherOf(written: ReadonlySet<string>): string {
  const free = (c: string) => !written.has(c) && !written.has(c.toLowerCase()) && !written.has(c.toUpperCase());
  for (const c of OTHER_CHOICES) if (free(c)) return c;
  for (let code = 0x100; ; code++) if (free(String.fromCharCode(code))) return String.fromCharCode(code);
}
