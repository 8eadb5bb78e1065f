// A lazily built DFA per compiled glob, shared by every search that uses the glob: states are the
// glob's position sets (interned to small numbers), transitions are cached per character class
// (the glob's own literal characters, ':' and '/', and "any other character"), so a policy's
// patterns are determinized once per check, not once per question.

import type { Glob, Token } from '../glob';
import { accepts, foldCase, isStar, otherChar } from '../globMatcher';

/** Character classes of one glob: its literals, ':' and '/', and the rest (index 0). */
interface Classes {
  readonly byChar: ReadonlyMap<string, number>;
  /** A representative character of each class. */
  readonly reps: readonly string[];
}

/**
 * The determinized glob: state 0 is the start; `accepting[s]` tells whether s accepts. `fate[s]`:
 * 'dead' (no string from here is accepted: the position set is empty), 'all' (every string from
 * here is: a position whose rest is only `*`), else 'open'.
 */
export class GlobDfa {
  readonly accepting: boolean[] = [];
  readonly fate: ('dead' | 'all' | 'open')[] = [];
  private readonly restIsAny: boolean[];
  private readonly ids = new Map<string, number>();
  private readonly sets: number[][] = [];
  private readonly next: number[][] = [];
  private readonly classes: Classes;
  /**
   * Position-set elements read and built for new transitions so far: the cost of determinizing.
   * A glob like `*` followed by 30,000 literals has position sets as long as the string read, so
   * this grows with the square of the path; searches bound it (see strings.ts).
   */
  work = 0;

  constructor(private readonly glob: Glob) {
    this.classes = classesOf(glob.tokens);
    const tokens = glob.tokens;
    this.restIsAny = new Array<boolean>(tokens.length + 1).fill(false);
    for (let i = tokens.length - 1; i >= 0 && tokens[i].k === 'any'; i--) this.restIsAny[i] = true;
    this.intern(close(tokens, [0]));
  }

  /** The state after reading `ch` in state `s`. */
  step(s: number, ch: string): number {
    const c = this.classes.byChar.get(this.glob.ignoreCase ? foldCase(ch) : ch) ?? 0;
    const row = this.next[s];
    let t = row[c];
    if (t === undefined) {
      const from = this.sets[s];
      const set = advance(this.glob.tokens, from, this.classes.reps[c]);
      this.work += from.length + set.length;
      t = this.intern(set);
      row[c] = t;
    }
    return t;
  }

  /** The literal characters of the glob (for the search alphabet). */
  literals(): readonly string[] {
    return this.classes.reps.slice(1);
  }

  private intern(set: number[]): number {
    const key = set.join(',');
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.sets.length;
      this.ids.set(key, id);
      this.sets.push(set);
      this.next.push([]);
      this.accepting.push(set.includes(this.glob.tokens.length));
      this.fate.push(set.length === 0 ? 'dead' : set.some((i) => this.restIsAny[i]) ? 'all' : 'open');
    }
    return id;
  }
}

const dfas = new WeakMap<Glob, GlobDfa>();

/** The glob's DFA, built once per Glob object. */
export function dfaOf(g: Glob): GlobDfa {
  let d = dfas.get(g);
  if (!d) {
    d = new GlobDfa(g);
    dfas.set(g, d);
  }
  return d;
}

function classesOf(tokens: readonly Token[]): Classes {
  const chars = new Set<string>([':', '/']);
  for (const t of tokens) if (t.k === 'lit') chars.add(t.c);
  const reps = [otherChar(chars), ...chars];
  return { byChar: new Map(reps.slice(1).map((c, i) => [c, i + 1])), reps };
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

function advance(tokens: readonly Token[], set: readonly number[], ch: string): number[] {
  const next: number[] = [];
  for (const i of set) {
    if (i >= tokens.length) continue;
    const t = tokens[i];
    if (accepts(t, ch)) next.push(isStar(t) ? i : i + 1);
  }
  return next.length === 0 ? next : close(tokens, next);
}
