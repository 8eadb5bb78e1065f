// Action-level questions that ignore resources and conditions: what a statement grants, and
// whether a set of policies can allow an action at all.

import type { Catalog } from '../catalog/catalog';
import type { Loc } from '../model/loc';
import type { PatternItem, PolicyDoc, Statement } from '../model/policy';
import { textOf } from '../model/pstr';
import type { Tri } from '../model/resources';
import { statementCoversAction } from './statementEval';
import { and3, not3, or3 } from './tri';

/** An action a statement grants, with the entry that grants it. */
export interface GrantedAction {
  readonly action: string;
  /** The Action entry that grants it (the first one, when several do); none for NotAction. */
  readonly item?: PatternItem;
  /** The Action or NotAction key. */
  readonly listLoc: Loc;
}

/** When part of the list is unknown: `granted` holds what is granted whatever the unknown parts are. */
export interface UnknownGrant {
  readonly unknown: string;
  readonly loc: Loc;
  readonly granted: readonly GrantedAction[];
}

/**
 * Which actions a statement's Action/NotAction grants, each attributed to the list entry that
 * grants it (NotAction: attributed to the NotAction key). Wildcards and NotAction are expanded
 * over the catalog; entries naming no real action grant nothing (PG802 reports them).
 */
export function grantedActions(catalog: Catalog, statement: Statement): readonly GrantedAction[] | UnknownGrant {
  if (statement.action) return grantedByAction(catalog, statement);
  const list = statement.notAction;
  if (!list) return [];
  const excluded = new Set<string>();
  let unknown: { reason: string; loc: Loc } | undefined =
    list.unknown !== undefined ? { reason: list.unknown, loc: list.loc } : undefined;
  for (const it of list.items) {
    const r = catalog.expandAction(it.value);
    if (r.unknown !== undefined) unknown ??= { reason: r.unknown, loc: it.loc };
    for (const a of r.actions) excluded.add(a);
  }
  const granted =
    list.unknown !== undefined
      ? []
      : catalog
          .allActions()
          .filter((a) => !excluded.has(a))
          .map((action) => ({ action, listLoc: list.loc }));
  return unknown ? { unknown: unknown.reason, loc: unknown.loc, granted } : granted;
}

function grantedByAction(catalog: Catalog, statement: Statement): readonly GrantedAction[] | UnknownGrant {
  const list = statement.action!;
  const seen = new Set<string>();
  const granted: GrantedAction[] = [];
  let unknown: { reason: string; loc: Loc } | undefined =
    list.unknown !== undefined ? { reason: list.unknown, loc: list.loc } : undefined;
  for (const it of list.items) {
    const r = catalog.expandAction(it.value);
    if (r.unknown !== undefined) {
      unknown ??= { reason: r.unknown, loc: it.loc };
      continue;
    }
    for (const action of r.actions) {
      if (seen.has(action)) continue;
      seen.add(action);
      granted.push({ action, item: it, listLoc: list.loc });
    }
  }
  return unknown ? { unknown: unknown.reason, loc: unknown.loc, granted } : granted;
}

/**
 * Can `docs` allow `action` for some resource and context? Resources and conditions are ignored
 * (an allow with conditions counts: some request meets them), then unconditional denies on
 * `Resource: "*"` are subtracted.
 */
export function mayAllowAction(catalog: Catalog, docs: readonly PolicyDoc[], action: string): Tri {
  let allow: Tri = 'no';
  let denyAll: Tri = 'no';
  for (const doc of docs) {
    if (doc.unknownStatements !== undefined) allow = or3(allow, 'unknown');
    for (const st of doc.statements) {
      if (!st.effect && st.effectUnknown === undefined) continue;
      if (st.conditions.some((c) => !catalog.patterns.operator(c.operator))) continue;
      const covers = statementCoversAction(catalog, st, action, {}).t;
      if (!st.effect) allow = or3(allow, covers === 'no' ? 'no' : 'unknown');
      else if (st.effect === 'Allow') allow = or3(allow, covers);
      else if (isUnconditionalOnAll(st)) denyAll = or3(denyAll, covers);
    }
  }
  return and3(allow, not3(denyAll));
}

function isUnconditionalOnAll(st: Statement): boolean {
  if (st.conditions.length > 0 || st.conditionsUnknown !== undefined || st.principal || st.notPrincipal) return false;
  if (!st.resource || st.resource.unknown !== undefined) return false;
  return st.resource.items.some((it) => textOf(it.value) === '*');
}
