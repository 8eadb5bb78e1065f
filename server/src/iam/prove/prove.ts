// The decision procedure's front door. For each class of actions: search with every unknown
// value read to let requests in (no request: proved); else search with unknown values read to
// keep them out (a request: a counterexample that needs no unknown value); else, if policy
// variables are involved, fix their keys to concrete values and search again; else unknown,
// naming the value. Every counterexample is replayed on the concrete evaluator before it is
// reported; one that does not replay is a bug, reported as unknown (fail closed).

import type { Catalog } from '../../catalog/catalog';
import type { PolicyDoc } from '../../model/policy';
import { evaluateEffective } from '../evaluate';
import type { ContextValue, EvalRequest } from '../types';
import { actionClasses, keyAvailable } from './actionClasses';
import { domainHolds } from './domains';
import { explainDenies } from './explain';
import { FALSE } from './formula';
import type { KeyDomain } from './keys';
import type { ProofQuestion, ProofVerdict, StatementRef } from './question';
import { search, type Cube, type SearchSetup } from './search';
import type { Unresolved } from './space';
import { prepareStatements, type PreparedStatement, type ReadOptions } from './statements';
import { glob } from './domains';
import { witnessArn } from '../standIns';

/** Search steps per action class before the answer is unknown. */
export const SEARCH_BUDGET = 20_000;

/** Decides `q`: proved, a counterexample, or unknown (naming the value). */
export function prove(catalog: Catalog, q: ProofQuestion): ProofVerdict {
  const docs = [...q.identity, ...(q.boundary ?? [])];
  let unknown: ProofVerdict | undefined;
  for (const cls of actionClasses(catalog, docs, q.actions, Object.keys(q.keys ?? {}))) {
    const v = proveAction(catalog, q, cls.actions[0], true);
    if (v.verdict === 'counterexample') return v;
    if (v.verdict === 'unknown') unknown ??= v;
  }
  return unknown ?? { verdict: 'proved' };
}

/** Every action of `q.actions` for which some request gets in, and the unknown ones. */
export function allowedActions(
  catalog: Catalog,
  q: ProofQuestion,
): { allowed: string[]; unknown: string[]; firstUnknown?: ProofVerdict; witness?: ProofVerdict } {
  const docs = [...q.identity, ...(q.boundary ?? [])];
  const out: { allowed: string[]; unknown: string[]; firstUnknown?: ProofVerdict; witness?: ProofVerdict } = {
    allowed: [],
    unknown: [],
  };
  for (const cls of actionClasses(catalog, docs, q.actions, Object.keys(q.keys ?? {}))) {
    const v = proveAction(catalog, q, cls.actions[0], out.witness === undefined);
    if (v.verdict === 'counterexample') {
      out.allowed.push(...cls.actions);
      out.witness ??= v;
    } else if (v.verdict === 'unknown') {
      out.unknown.push(...cls.actions);
      out.firstUnknown ??= v;
    }
  }
  return out;
}

/** Decides one action class; `readably`: spend one more search on a counterexample that reads well. */
function proveAction(catalog: Catalog, q: ProofQuestion, action: string, readably: boolean): ProofVerdict {
  const setup = setupFor(catalog, q, action, new Map());
  const over = search(setup, 'over');
  if (over.sat === false) return { verdict: 'proved' };
  if (over.sat === 'unknown') return { verdict: 'unknown', reason: over.reason };
  const under = over.used.length === 0 && readsOneWay(setup) ? over : search(setup, 'under');
  if (under.sat === true)
    return replay(catalog, q, action, (readably && readable(catalog, q, action, setup)) || under.cube, new Map());
  for (const fixed of fixings(q, over.cube)) {
    const r = search(setupFor(catalog, q, action, fixed), 'under');
    if (r.sat === true) return replay(catalog, q, action, r.cube, fixed);
  }
  return unknownFrom(over.used, under.sat === 'unknown' ? under.reason : undefined);
}

/**
 * Whether both approximations read the statements alike whatever the search meets: every
 * Effect, Action and Principal is known and no Condition block or statement list is unreadable.
 * Then the only other readings that differ are the ones a search records in `used`; a search
 * that recorded none walks the same steps under either, so its answer stands for both.
 */
function readsOneWay(setup: SearchSetup): boolean {
  const known = (p: PreparedStatement) =>
    p.effect !== undefined &&
    p.action !== 'unknown' &&
    p.principal !== 'unknown' &&
    p.conditionsUnknown === undefined &&
    p.virtual === undefined;
  return setup.identity.every(known) && (setup.boundary ?? []).every(known);
}

/**
 * A counterexample whose resource reads like one: when the question leaves the resource open,
 * try the action's own ARN format first (e.g. `arn:aws:iam::000000000000:user/*`).
 */
function readable(catalog: Catalog, q: ProofQuestion, action: string, setup: SearchSetup): Cube | undefined {
  if (q.resource) return undefined;
  const template = catalog.getAction(action)?.resourceTypes.find((r) => r.arn)?.arn;
  if (!template) return undefined;
  const shape = witnessArn(template).replace(/pg-witness/g, '?*');
  const r = search({ ...setup, resourceDomain: (space) => glob(space, catalog.patterns, shape) }, 'under');
  return r.sat === true ? r.cube : undefined;
}

function unknownFrom(used: readonly Unresolved[], fallback: string | undefined): ProofVerdict {
  const u = used[0];
  if (u) return { verdict: 'unknown', reason: u.reason, loc: u.loc };
  return { verdict: 'unknown', reason: fallback ?? 'a value is not known' };
}

function setupFor(
  catalog: Catalog,
  q: ProofQuestion,
  action: string,
  fixedVars: ReadonlyMap<string, string | 'absent'>,
): SearchSetup {
  const opts: ReadOptions = { fixedVars };
  let identity: readonly PreparedStatement[] = prepareStatements(catalog, q.identity, action, q.principal);
  if (q.onlyAllow) identity = identity.filter((p: PreparedStatement) => p.effect !== 'Allow' || p.st === q.onlyAllow);
  return {
    catalog,
    identity,
    boundary: q.boundary ? prepareStatements(catalog, q.boundary, action, q.principal) : undefined,
    need: q.need ?? 'allowed',
    resourceDomain: q.resource ? (space) => q.resource!(space, catalog.patterns) : undefined,
    keyDomain: (key) => keyDomain(catalog, q, action, key, fixedVars),
    domainKeys: [...new Set([...Object.keys(q.keys ?? {}), ...fixedVars.keys()])],
    opts,
    budget: SEARCH_BUDGET,
  };
}

/** The key's domain: the question's constraint, the catalog's multiplicity, the action's key list and any fixed variable. */
function keyDomain(
  catalog: Catalog,
  q: ProofQuestion,
  action: string,
  key: string,
  fixed: ReadonlyMap<string, string | 'absent'>,
): KeyDomain {
  const info = catalog.conditionKey(key);
  const extra = q.keys?.[key];
  const base: KeyDomain = {
    absent: extra?.absent ?? 'allowed',
    multi: extra?.multi ?? (info ? (info.isMultiValued ? 'always' : 'never') : 'either'),
    value: extra?.value,
  };
  const f = fixed.get(key);
  if (f !== undefined) {
    if (f === 'absent') return base.absent === 'forbidden' ? impossible : { ...base, absent: 'required' };
    return {
      ...base,
      absent: 'forbidden',
      multi: 'never',
      value: (space) => glob(space, catalog.patterns, f, 'literal'),
    };
  }
  if (keyAvailable(catalog, action, key)) return base;
  return base.absent === 'forbidden' ? impossible : { ...base, absent: 'required' };
}

const impossible: KeyDomain = { absent: 'forbidden', multi: 'never', value: () => FALSE };

/** Candidate values per try, at most this many tries. */
const MAX_FIXINGS = 6;

/**
 * Values to try for the policy-variable keys when the answer hinges on them: each key at its own
 * value in the over-approximating answer, then every key at each value that answer used
 * anywhere (a variable usually has to equal some other value), then all absent.
 */
function fixings(q: ProofQuestion, cube: Cube): ReadonlyMap<string, string | 'absent'>[] {
  const keys = variableKeys([...q.identity, ...(q.boundary ?? [])]);
  if (keys.length === 0) return [];
  const seen = new Set<string>(['x']);
  for (const w of cube.keys.values())
    for (const v of w.k === 'single' ? [w.v] : w.k === 'multi' ? w.vs : []) seen.add(v);
  const own = new Map<string, string | 'absent'>(
    keys.map((k) => {
      const w = cube.keys.get(k);
      return [k, w?.k === 'single' ? w.v : 'x'];
    }),
  );
  const shared = [...seen].map((v) => new Map<string, string | 'absent'>(keys.map((k) => [k, v])));
  return [own, ...shared.slice(0, MAX_FIXINGS - 2), new Map(keys.map((k) => [k, 'absent' as const]))];
}

const VARIABLE = /\$\{\s*([^,}\s]+)/g;

/** Keys used as policy variables in documents that take them. */
function variableKeys(docs: readonly PolicyDoc[]): string[] {
  const keys = new Set<string>();
  const scan = (text: string) => {
    for (const m of text.matchAll(VARIABLE)) if (!['*', '?', '$'].includes(m[1])) keys.add(m[1].toLowerCase());
  };
  for (const d of docs) {
    if (d.version?.value !== '2012-10-17') continue;
    for (const st of d.statements) {
      for (const list of [st.resource, st.notResource])
        for (const it of list?.items ?? []) for (const p of it.value.parts) if (typeof p === 'string') scan(p);
      for (const c of st.conditions)
        for (const it of c.values.items) for (const p of it.value.parts) if (typeof p === 'string') scan(p);
    }
  }
  return [...keys];
}

/** Builds the concrete request and checks it on the concrete evaluator and against the question. */
function replay(
  catalog: Catalog,
  q: ProofQuestion,
  action: string,
  cube: Cube,
  fixed: ReadonlyMap<string, string | 'absent'>,
): ProofVerdict {
  const context: Record<string, ContextValue> = {};
  const name = spelling(catalog, [...q.identity, ...(q.boundary ?? [])]);
  for (const [k, w] of cube.keys) context[name(k)] = w.k === 'absent' ? null : w.k === 'single' ? w.v : [...w.vs];
  for (const [k, v] of fixed) context[name(k)] = v === 'absent' ? null : v;
  const request: EvalRequest = { action, resource: cube.resource, principal: q.principal, context };
  const d = evaluateEffective(catalog, q.identity, q.boundary, request);
  const allowedBy = refOf(cube.allow);
  const ok =
    (q.need === 'notDenied'
      ? d.denies.length === 0
      : d.outcome === 'Allowed' &&
        (!q.onlyAllow || d.allows.some((m) => m.statement === q.onlyAllow && m.verdict === 'yes'))) &&
    domainHolds(catalog, q, request);
  if (!ok)
    return {
      verdict: 'unknown',
      reason: `internal: the procedure's request was not confirmed by the evaluator (${d.outcome})`,
      internal: true,
    };
  return {
    verdict: 'counterexample',
    witness: {
      request,
      allowedBy,
      boundaryAllowedBy: refOf(cube.boundaryAllow),
      denies: explainDenies(catalog, [...q.identity, ...(q.boundary ?? [])], request),
    },
  };
}

/** A key as people write it: as the policies spell it, else the catalog's name. */
function spelling(catalog: Catalog, docs: readonly PolicyDoc[]): (lower: string) => string {
  const written = new Map<string, string>();
  for (const d of docs)
    for (const st of d.statements)
      for (const c of st.conditions) if (!written.has(c.key.toLowerCase())) written.set(c.key.toLowerCase(), c.key);
  return (lower) => {
    const known = catalog.conditionKey(lower)?.key;
    return written.get(lower) ?? (known && !known.includes('${') && !known.includes('/tag-key') ? known : lower);
  };
}

function refOf(p: PreparedStatement | undefined): StatementRef | undefined {
  return p?.st ? { doc: p.doc, statement: p.st } : undefined;
}
