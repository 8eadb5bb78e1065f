// The action dimension. Actions come from a finite catalog; two actions that every statement
// covers alike (yes/no/unknown) and that carry the same policy condition keys behave identically
// in the search, so one search per class of such actions decides all of them.

import type { Catalog } from '../../catalog/catalog';
import { keyMatches } from '../../catalog/conditionKeys';
import type { PolicyDoc, Statement } from '../../model/policy';
import type { Tri } from '../../model/resources';

/** Actions that behave alike, in the order given; `actions[0]` stands for them all. */
export interface ActionClass {
  readonly actions: readonly string[];
}

interface Coverage {
  readonly yes: ReadonlySet<string>;
  readonly maybe: ReadonlySet<string>;
  /** Part of the list is unknown: any action may be covered. */
  readonly anyMaybe: boolean;
  readonly negated: boolean;
}

const coverageMemo = new WeakMap<Statement, Coverage>();

/** Whether the statement's Action/NotAction covers `action` (lower-case-insensitive catalog name). */
export function covers(catalog: Catalog, st: Statement, action: string): Tri {
  let c = coverageMemo.get(st);
  if (!c) {
    c = coverageOf(catalog, st);
    coverageMemo.set(st, c);
  }
  const inList: Tri = c.yes.has(action) ? 'yes' : c.maybe.has(action) || c.anyMaybe ? 'unknown' : 'no';
  if (!c.negated) return inList;
  return inList === 'yes' ? 'no' : inList === 'no' ? 'yes' : 'unknown';
}

function coverageOf(catalog: Catalog, st: Statement): Coverage {
  const list = st.action ?? st.notAction;
  const yes = new Set<string>();
  const maybe = new Set<string>();
  for (const it of list?.items ?? []) {
    const r = catalog.expandAction(it.value);
    for (const a of r.actions) (r.unknown === undefined ? yes : maybe).add(a);
  }
  return { yes, maybe, anyMaybe: list?.unknown !== undefined, negated: !st.action && !!st.notAction };
}

/**
 * Can the request for `action` carry `key`? Global (`aws:`) keys and other services' keys
 * (cross-service keys exist) always may; a key of the action's own service only when the
 * Service Authorization Reference lists it for the action or one of its resource types.
 */
export function keyAvailable(catalog: Catalog, action: string, key: string): boolean {
  const prefix = key.slice(0, key.indexOf(':')).toLowerCase();
  const service = action.slice(0, action.indexOf(':')).toLowerCase();
  if (prefix === 'aws' || prefix !== service) return true;
  const info = catalog.getAction(action);
  if (!info) return true;
  const listed = [...info.conditionKeys, ...info.resourceTypes.flatMap((r) => r.conditionKeys)];
  return listed.some((k) => keyMatches(k, key));
}

/** Every condition key the documents mention, lower-cased. */
export function keysOf(docs: readonly PolicyDoc[]): string[] {
  const keys = new Set<string>();
  for (const d of docs) for (const st of d.statements) for (const c of st.conditions) keys.add(c.key.toLowerCase());
  return [...keys];
}

/** Groups `actions` by how every statement of `docs` treats them. */
export function actionClasses(catalog: Catalog, docs: readonly PolicyDoc[], actions: readonly string[], extraKeys: readonly string[] = []): ActionClass[] {
  const statements = docs.flatMap((d) => d.statements);
  const keys = [...new Set([...keysOf(docs), ...extraKeys])];
  const byKey = new Map<string, string[]>();
  for (const a of actions) {
    const sig = statements.map((st) => covers(catalog, st, a)[0]).join('') + '|' + keys.map((k) => (keyAvailable(catalog, a, k) ? '1' : '0')).join('');
    const list = byKey.get(sig);
    if (list) list.push(a);
    else byKey.set(sig, [a]);
  }
  return [...byKey.values()].map((list) => ({ actions: list }));
}
