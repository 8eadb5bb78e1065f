// Satisfiability of a boolean formula over "the string matches glob i": one product automaton
// over every glob the formula mentions, explored breadth-first (so the witness is a shortest
// string). Characters no glob writes behave alike, so the alphabet is the written characters,
// ':' and '/', their case variants when a glob ignores case, and one "other" character.

import type { Glob } from '../glob';
import { foldCase, otherChar } from '../globMatcher';
import { atomsOf, evaluate, type Formula } from './formula';
import { dfaOf, type GlobDfa } from './globDfa';

/** A satisfying string, none, or "don't know" (the search ran past its budget). */
export type StringAnswer =
  { readonly sat: true; readonly witness: string } | { readonly sat: false } | { readonly sat: 'unknown' };

/** Product states explored before the answer is "don't know". */
export const STRING_BUDGET = 20_000;

/**
 * Position-set elements one glob's automaton may build (GlobDfa.work, over every search that
 * shares it) before a search that needs more answers "don't know": product states alone do not
 * bound the time when one glob is very long. Real patterns stay far below it.
 */
export const DFA_WORK_BUDGET = 2_000_000;

/** Whether `value` matches `g` (holes already read as `*` at compile time). */
export function globHolds(g: Glob, value: string): boolean {
  if (g.exact !== undefined) return (g.ignoreCase ? foldCase(value) : value) === g.exact;
  return g.matcher.test(value);
}

/**
 * Finds a string satisfying `f`, where atom i is "matches globs[i]". Answers are shared across
 * searches (the same patterns meet the same constraints in many questions of one check).
 */
export function solveString(globs: readonly Glob[], f: Formula, budget = STRING_BUDGET): StringAnswer {
  if (f.k === 'const') return f.v ? { sat: true, witness: 'x' } : { sat: false };
  const key = `${budget}|${shapeOf(f, globs)}`;
  let answer = answers.get(key);
  if (!answer) {
    if (answers.size >= MAX_ANSWERS) answers.clear();
    answer = solveUncached(globs, f, budget);
    answers.set(key, answer);
  }
  return answer;
}

const answers = new Map<string, StringAnswer>();
const MAX_ANSWERS = 20_000;
const globIds = new WeakMap<Glob, number>();
let nextGlobId = 0;

/** The formula with each atom named by its glob's identity (not its index in one space). */
function shapeOf(f: Formula, globs: readonly Glob[]): string {
  switch (f.k) {
    case 'const':
      return f.v ? 'T' : 'F';
    case 'atom': {
      const g = globs[f.i];
      let id = globIds.get(g);
      if (id === undefined) globIds.set(g, (id = nextGlobId++));
      return `g${id}`;
    }
    case 'not':
      return `!${shapeOf(f.f, globs)}`;
    default:
      return `${f.k === 'and' ? '&' : '|'}(${f.fs.map((x) => shapeOf(x, globs)).join(',')})`;
  }
}

function solveUncached(globs: readonly Glob[], f: Formula, budget: number): StringAnswer {
  const finite = finiteCandidates(globs, f);
  if (finite) {
    const hit = finite.find((v) => evaluate(f, (i) => globHolds(globs[i], v)));
    return hit === undefined ? { sat: false } : { sat: true, witness: hit };
  }
  return search(
    globs,
    [...atomsOf(f)].sort((a, b) => a - b),
    f,
    budget,
  );
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

/**
 * Breadth-first over product states. A state whose formula is false however the string goes on
 * (a required glob is dead, an excluded one accepts everything) is dropped at once.
 */
function search(globs: readonly Glob[], used: readonly number[], f: Formula, budget: number): StringAnswer {
  const dfas = used.map((i) => dfaOf(globs[i]));
  const sigma = alphabetOf(
    used.map((i) => globs[i]),
    dfas,
  );
  const slot = new Map(used.map((atomIndex, k) => [atomIndex, k]));
  const accepting = (st: readonly number[]) => evaluate(f, (i) => dfas[slot.get(i)!].accepting[st[slot.get(i)!]]);
  const hopeless = (st: readonly number[]) =>
    evaluate3(f, (i) => fateOf(dfas[slot.get(i)!].fate[st[slot.get(i)!]])) === false;
  const states: number[][] = [dfas.map(() => 0)];
  const parent: number[] = [-1];
  const via: string[] = [''];
  const seen = new Set<string>([states[0].join(',')]);
  const tooBig = () => dfas.some((d) => d.work > DFA_WORK_BUDGET);
  for (let at = 0; at < states.length; at++) {
    if (accepting(states[at]))
      return { sat: true, witness: prettier(path(parent, via, at), dfas, sigma[0], accepting) };
    if (states.length > budget || tooBig()) return { sat: 'unknown' };
    for (const x of sigma) {
      const next = states[at].map((st, k) => dfas[k].step(st, x));
      const key = next.join(',');
      if (seen.has(key)) continue;
      seen.add(key);
      if (hopeless(next)) continue;
      states.push(next);
      parent.push(at);
      via.push(x);
    }
  }
  return { sat: false };
}

function fateOf(fate: 'dead' | 'all' | 'open'): boolean | undefined {
  return fate === 'dead' ? false : fate === 'all' ? true : undefined;
}

/** Kleene evaluation: undefined where an atom's truth may still change. */
function evaluate3(f: Formula, truth: (i: number) => boolean | undefined): boolean | undefined {
  switch (f.k) {
    case 'const':
      return f.v;
    case 'atom':
      return truth(f.i);
    case 'not': {
      const v = evaluate3(f.f, truth);
      return v === undefined ? undefined : !v;
    }
    case 'and': {
      let out: boolean | undefined = true;
      for (const g of f.fs) {
        const v = evaluate3(g, truth);
        if (v === false) return false;
        if (v === undefined) out = undefined;
      }
      return out;
    }
    default: {
      let out: boolean | undefined = false;
      for (const g of f.fs) {
        const v = evaluate3(g, truth);
        if (v === true) return true;
        if (v === undefined) out = undefined;
      }
      return out;
    }
  }
}

/** An empty witness reads badly in a request: one "other" character instead, when that works too. */
function prettier(w: string, dfas: readonly GlobDfa[], other: string, accepting: (s: number[]) => boolean): string {
  if (w !== '') return w;
  return accepting(dfas.map((d) => d.step(0, other))) ? other : w;
}

function path(parent: readonly number[], via: readonly string[], at: number): string {
  const chars: string[] = [];
  for (let i = at; i > 0; i = parent[i]) chars.push(via[i]);
  return chars.reverse().join('');
}

/** "Other" first (witnesses read best with it), then every character a glob writes, in both cases when one glob ignores case. */
function alphabetOf(globs: readonly Glob[], dfas: readonly GlobDfa[]): string[] {
  const written = new Set<string>([':', '/']);
  const anyIgnoreCase = globs.some((g) => g.ignoreCase);
  for (const d of dfas) {
    for (const c of d.literals()) {
      written.add(c);
      if (anyIgnoreCase) {
        written.add(c.toUpperCase());
        written.add(c.toLowerCase());
      }
    }
  }
  return [otherChar(written), ...[...written].sort()];
}
