// The action dimension. Actions come from a finite catalog; two actions that every statement
// covers alike (yes/no/unknown) and that carry the same policy condition keys behave identically
// in the search, so one search per class of such actions decides all of them.

import type { Catalog } from '../../catalog/catalog';
import { keyMatches } from '../../catalog/conditionKeys';
import type { PolicyDoc, Statement } from '../../model/policy';

/** Actions that behave alike, in the order given; `actions[0]` stands for them all. */
export interface ActionClass {
  readonly actions: readonly string[];
}

interface Coverage {
  readonly yes: ReadonlySet<string>;
  readonly maybe: ReadonlySet<string>;
  /** Part of the list is unknown: any action may be covered. */
  readonly anyMaybe: boolean;
  /** An entry is `*`: every action is covered. */
  readonly all: boolean;
  readonly negated: boolean;
}

const coverageMemo = new WeakMap<Statement, Coverage>();

function coverage(catalog: Catalog, st: Statement): Coverage {
  let c = coverageMemo.get(st);
  if (!c) {
    c = coverageOf(catalog, st);
    coverageMemo.set(st, c);
  }
  return c;
}

function coverageOf(catalog: Catalog, st: Statement): Coverage {
  const list = st.action ?? st.notAction;
  const yes = new Set<string>();
  const maybe = new Set<string>();
  let all = false;
  for (const it of list?.items ?? []) {
    if (it.value.parts.length === 1 && it.value.parts[0] === '*') all = true;
    const r = catalog.expandAction(it.value);
    if (all && r.unknown === undefined) continue;
    for (const a of r.actions) (r.unknown === undefined ? yes : maybe).add(a);
  }
  return { yes, maybe, anyMaybe: list?.unknown !== undefined, all, negated: !st.action && !!st.notAction };
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
  let byKey = availability.get(catalog);
  if (!byKey) availability.set(catalog, (byKey = new Map()));
  const memoKey = `${action}|${key.toLowerCase()}`;
  let v = byKey.get(memoKey);
  if (v === undefined) {
    const info = catalog.getAction(action);
    v =
      !info ||
      [...info.conditionKeys, ...info.resourceTypes.flatMap((r) => r.conditionKeys)].some((k) => keyMatches(k, key));
    byKey.set(memoKey, v);
  }
  return v;
}

const availability = new WeakMap<Catalog, Map<string, boolean>>();

/** Every condition key the documents mention, lower-cased. */
export function keysOf(docs: readonly PolicyDoc[]): string[] {
  const keys = new Set<string>();
  for (const d of docs) for (const st of d.statements) for (const c of st.conditions) keys.add(c.key.toLowerCase());
  return [...keys];
}

/**
 * Groups `actions` by how every statement of `docs` treats them and by which of the policies'
 * keys they can carry. Refined one statement (and key) at a time: only the actions a statement
 * names explicitly change group, so the cost follows the statements' lists, not the catalog.
 */
export function actionClasses(
  catalog: Catalog,
  docs: readonly PolicyDoc[],
  actions: readonly string[],
  extraKeys: readonly string[] = [],
): ActionClass[] {
  const key = `${docs.map(docId).join(',')}|${extraKeys.join(',')}|${fingerprint(actions)}`;
  let classes = classMemo.get(key);
  if (!classes) {
    if (classMemo.size >= MAX_CLASS_MEMO) classMemo.clear();
    classes = computeClasses(catalog, docs, actions, extraKeys);
    classMemo.set(key, classes);
  }
  return classes;
}

const classMemo = new Map<string, ActionClass[]>();
const MAX_CLASS_MEMO = 2000;
const docIds = new WeakMap<PolicyDoc, number>();
let nextDocId = 0;

function docId(d: PolicyDoc): number {
  let id = docIds.get(d);
  if (id === undefined) docIds.set(d, (id = nextDocId++));
  return id;
}

/** Two independent 32-bit FNV-1a hashes and the length: a key for a long action list without building it. */
function fingerprint(actions: readonly string[]): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (const s of actions) {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193) >>> 0;
      b = Math.imul(b ^ c, 0x811c9dc5) >>> 0;
    }
    a = Math.imul(a ^ 0x2c, 0x01000193) >>> 0;
    b = Math.imul(b ^ 0x2c, 0x811c9dc5) >>> 0;
  }
  return `${actions.length}:${a.toString(36)}:${b.toString(36)}`;
}

function computeClasses(
  catalog: Catalog,
  docs: readonly PolicyDoc[],
  actions: readonly string[],
  extraKeys: readonly string[],
): ActionClass[] {
  const index = new Map(actions.map((a, i) => [a, i]));
  const group = new Int32Array(actions.length);
  let nextGroup = 1;
  // Moves the members among `actions` to new groups (one per old group). A long member list
  // (a service's wildcard) is walked as the candidates it contains, a short one directly.
  const split = (members: ReadonlySet<string> | readonly string[]) => {
    const renamed = new Map<number, number>();
    const move = (i: number) => {
      let g = renamed.get(group[i]);
      if (g === undefined) renamed.set(group[i], (g = nextGroup++));
      group[i] = g;
    };
    if (members instanceof Set && members.size > actions.length) {
      for (let i = 0; i < actions.length; i++) if (members.has(actions[i]) && index.get(actions[i]) === i) move(i);
      return;
    }
    for (const a of members) {
      const i = index.get(a);
      if (i !== undefined) move(i);
    }
  };
  for (const d of docs) for (const st of d.statements) splitByStatement(coverage(catalog, st), split);
  for (const key of new Set([...keysOf(docs), ...extraKeys])) split(unavailable(catalog, key));
  const byGroup = new Map<number, string[]>();
  actions.forEach((a, i) => {
    const list = byGroup.get(group[i]);
    if (list) list.push(a);
    else byGroup.set(group[i], [a]);
  });
  return [...byGroup.values()].map((list) => ({ actions: list }));
}

/** A statement covers every action alike except those it names: they move to their own groups. */
function splitByStatement(c: Coverage, split: (members: ReadonlySet<string> | readonly string[]) => void): void {
  if (c.all || c.anyMaybe) {
    if (!c.all) split(c.yes);
    return;
  }
  split(c.yes);
  split(c.maybe);
}

/** The actions that cannot carry `key` (only actions of the key's own service can be such). */
function unavailable(catalog: Catalog, key: string): readonly string[] {
  let byKey = unavailableMemo.get(catalog);
  if (!byKey) unavailableMemo.set(catalog, (byKey = new Map()));
  let list = byKey.get(key);
  if (!list) {
    const prefix = key.slice(0, key.indexOf(':')).toLowerCase();
    list =
      prefix === 'aws' || !catalog.services().includes(prefix)
        ? []
        : catalog
            .actionsOf(prefix)
            .map((a) => a.name)
            .filter((a) => !keyAvailable(catalog, a, key));
    byKey.set(key, list);
  }
  return list;
}

const unavailableMemo = new WeakMap<Catalog, Map<string, readonly string[]>>();
