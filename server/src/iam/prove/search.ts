// The case split: a request gets in when some Allow applies (and some boundary Allow, when there
// is a boundary) and every Deny fails, each Deny by one of its parts (its Resource, or one
// condition entry). Depth-first over the Allows and, for each Deny, the ways it can fail; each
// choice adds one constraint to one value (the resource or a context key), which is checked
// for satisfiability at once, so dead branches end early.

import type { Catalog } from '../../catalog/catalog';
import type { Formula } from './formula';
import { and, not } from './formula';
import { solveKey, type KeyDomain, type KeyLiteral, type KeyWitness } from './keys';
import { AtomSpace, type Approx, type Reader, type Unresolved } from './space';
import {
  entryEnvOf,
  fixedPartsHold,
  resourceLiteral,
  type PreparedEntry,
  type PreparedStatement,
  type ReadOptions,
} from './statements';
import { solveString } from './strings';

/** Everything one search needs. */
export interface SearchSetup {
  readonly catalog: Catalog;
  readonly identity: readonly PreparedStatement[];
  /** Undefined: no permissions boundary. */
  readonly boundary?: readonly PreparedStatement[];
  /** 'allowed': an Allow must apply; 'notDenied': only that no Deny applies. */
  readonly need: 'allowed' | 'notDenied';
  readonly resourceDomain?: (space: AtomSpace) => Formula;
  readonly keyDomain: (key: string) => KeyDomain;
  /** Keys the question constrains: always given a value in the answer. */
  readonly domainKeys: readonly string[];
  readonly opts: ReadOptions;
  readonly budget: number;
}

/** A satisfying choice: the statements that let the request in and the values that do it. */
export interface Cube {
  readonly allow?: PreparedStatement;
  readonly boundaryAllow?: PreparedStatement;
  readonly resource: string;
  readonly keys: ReadonlyMap<string, KeyWitness>;
}

/** The answer, with the unknown values it depends on. */
export type SearchResult = (
  | { readonly sat: true; readonly cube: Cube }
  | { readonly sat: false }
  | { readonly sat: 'unknown'; readonly reason: string }
) & {
  readonly used: readonly Unresolved[];
};

interface State {
  readonly res: readonly Formula[];
  readonly keys: ReadonlyMap<string, readonly KeyLiteral[]>;
}

class OutOfBudget extends Error {}

/** Runs the search under one approximation. */
export function search(setup: SearchSetup, approx: Approx): SearchResult {
  const s = new Search(setup, { approx, used: [] });
  try {
    const cube = s.run();
    return cube ? { sat: true, cube, used: s.reader.used } : { sat: false, used: s.reader.used };
  } catch (e) {
    if (e instanceof OutOfBudget) return { sat: 'unknown', reason: e.message, used: s.reader.used };
    throw e;
  }
}

class Search {
  private readonly space = new AtomSpace();
  private readonly domain: Formula;
  private readonly denies: PreparedStatement[];
  private nodes = 0;
  private readonly memo = new Map<string, boolean>();
  private readonly ids = new WeakMap<object, number>();

  constructor(
    private readonly setup: SearchSetup,
    readonly reader: Reader,
  ) {
    this.domain = setup.resourceDomain ? setup.resourceDomain(this.space) : { k: 'const', v: true };
    const isDeny = (p: PreparedStatement) =>
      p.effect === 'Deny' || (p.effect === undefined && reader.approx === 'under');
    this.denies = [...setup.identity, ...(setup.boundary ?? [])].filter(isDeny);
  }

  run(): Cube | undefined {
    const empty: State = { res: [], keys: new Map() };
    if (this.setup.need === 'notDenied') return this.dfs(0, empty, undefined, undefined);
    for (const a of this.allows(this.setup.identity)) {
      const withA = this.apply(empty, a);
      if (!withA) continue;
      for (const b of this.setup.boundary ? this.allows(this.setup.boundary) : [undefined]) {
        const withB = b ? this.apply(withA, b) : withA;
        const cube = withB && this.dfs(0, withB, a, b);
        if (cube) return cube;
      }
    }
    return undefined;
  }

  private allows(list: readonly PreparedStatement[]): PreparedStatement[] {
    const isAllow = (p: PreparedStatement) =>
      p.effect === 'Allow' || (p.effect === undefined && this.reader.approx === 'over');
    return list.filter((p) => isAllow(p) && fixedPartsHold(p, this.reader, true));
  }

  /** The state with statement `p` applying, or undefined when it cannot. */
  private apply(state: State, p: PreparedStatement): State | undefined {
    let next: State = state;
    if (p.resource) {
      next = { ...next, res: [...next.res, this.resLit(p, true)] };
      if (!this.resourceSat(next.res)) return undefined;
    }
    for (const e of p.entries) {
      next = this.withKey(next, e.key, this.keyLit(p, e, true));
      if (!this.keySat(e.key, next.keys.get(e.key) ?? [])) return undefined;
    }
    return next;
  }

  private dfs(
    i: number,
    state: State,
    allow: PreparedStatement | undefined,
    boundaryAllow: PreparedStatement | undefined,
  ): Cube | undefined {
    if (++this.nodes > this.setup.budget)
      throw new OutOfBudget(`the search ran past its budget of ${this.setup.budget} steps`);
    if (i === this.denies.length) return this.leaf(state, allow, boundaryAllow);
    const d = this.denies[i];
    if (!this.canApply(d, state)) return this.dfs(i + 1, state, allow, boundaryAllow);
    if (d.resource) {
      const res = [...state.res, this.resLit(d, false)];
      if (this.resourceSat(res)) {
        const cube = this.dfs(i + 1, { ...state, res }, allow, boundaryAllow);
        if (cube) return cube;
      }
    }
    for (const e of d.entries) {
      const next = this.withKey(state, e.key, this.keyLit(d, e, false));
      if (!this.keySat(e.key, next.keys.get(e.key) ?? [])) continue;
      const cube = this.dfs(i + 1, next, allow, boundaryAllow);
      if (cube) return cube;
    }
    return undefined;
  }

  /** Can the Deny still apply given the choices so far? If not, it fails whatever comes next. */
  private canApply(d: PreparedStatement, state: State): boolean {
    if (!fixedPartsHold(d, this.reader, false)) return false;
    if (d.resource && !this.resourceSat([...state.res, this.negated(this.resLit(d, false))])) return false;
    let keys = state.keys;
    for (const e of d.entries) {
      const list = [...(keys.get(e.key) ?? []), this.keyLit(d, e, true, false)];
      if (!this.keySat(e.key, list)) return false;
      keys = new Map(keys).set(e.key, list);
    }
    return true;
  }

  private leaf(
    state: State,
    allow: PreparedStatement | undefined,
    boundaryAllow: PreparedStatement | undefined,
  ): Cube | undefined {
    const r = solveString(this.space.globs, and([this.domain, ...state.res]));
    if (r.sat !== true) return undefined;
    const keys = new Map<string, KeyWitness>();
    for (const key of new Set([...state.keys.keys(), ...this.setup.domainKeys])) {
      const k = solveKey(key, state.keys.get(key) ?? [], this.setup.keyDomain(key), this.reader);
      if (k.sat !== true) return undefined;
      keys.set(key, k.state);
    }
    return { allow, boundaryAllow, resource: r.witness, keys };
  }

  private negated(f: Formula): Formula {
    let n = this.negations.get(f);
    if (!n) {
      n = not(f);
      this.negations.set(f, n);
    }
    return n;
  }

  private readonly negations = new Map<Formula, Formula>();

  private withKey(state: State, key: string, lit: KeyLiteral): State {
    return { ...state, keys: new Map(state.keys).set(key, [...(state.keys.get(key) ?? []), lit]) };
  }

  private resourceSat(lits: readonly Formula[]): boolean {
    return this.memoized(`r|${lits.map((f) => this.idOf(f)).join(',')}`, () => {
      const r = solveString(this.space.globs, and([this.domain, ...lits]));
      if (r.sat === 'unknown') throw new OutOfBudget('the search for a resource ran past its budget');
      return r.sat;
    });
  }

  private keySat(key: string, lits: readonly KeyLiteral[]): boolean {
    return this.memoized(`k|${key}|${lits.map((l) => this.idOf(l)).join(',')}`, () => {
      const r = solveKey(key, lits, this.setup.keyDomain(key), this.reader);
      if (r.sat === 'unknown') throw new OutOfBudget(r.reason);
      return r.sat;
    });
  }

  private memoized(key: string, f: () => boolean): boolean {
    let v = this.memo.get(key);
    if (v === undefined) {
      v = f();
      this.memo.set(key, v);
    }
    return v;
  }

  private idOf(o: object): number {
    let id = this.ids.get(o);
    if (id === undefined) {
      id = this.nextId++;
      this.ids.set(o, id);
    }
    return id;
  }

  /** The statement's Resource literal (holds or fails), built once per search so memo keys repeat. */
  private resLit(p: PreparedStatement, holds: boolean): Formula {
    const key = `${this.idOf(p)}|${holds}`;
    let f = this.resLits.get(key);
    if (!f) {
      f = resourceLiteral(this.setup.catalog, p, holds, this.space, this.reader, this.setup.opts);
      this.resLits.set(key, f);
    }
    return f;
  }

  /** A condition entry literal, built once per search. */
  private keyLit(p: PreparedStatement, e: PreparedEntry, holds: boolean, polarity = true): KeyLiteral {
    const key = `${this.idOf(e)}|${holds}|${polarity}`;
    let lit = this.keyLits.get(key);
    if (!lit) {
      lit = {
        entry: e.entry,
        op: e.op,
        holds,
        polarity,
        env: entryEnvOf(this.setup.catalog, p, this.reader, this.setup.opts),
      };
      this.keyLits.set(key, lit);
    }
    return lit;
  }

  private nextId = 0;
  private readonly resLits = new Map<string, Formula>();
  private readonly keyLits = new Map<string, KeyLiteral>();
}
