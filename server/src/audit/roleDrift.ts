// How a deployed role differs from the role template: the actions each side allows and denies,
// expanded with the action catalog and compared per service, and the principals its trust policy
// allows. No LSP types here; the audit handler sends the result as is.

import type { RoleDrift, ServiceDrift } from '../../../shared/protocol';
import type { Catalog } from '../catalog/catalog';

type Json = Record<string, unknown>;

/** The parts of a role-template document the drift compares. */
export interface RoleDocument {
  readonly policyDocument?: unknown;
  readonly trustPolicyDocument?: unknown;
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function statementsOf(doc: unknown): Json[] {
  if (!isObject(doc)) return [];
  const s = doc.Statement;
  return (Array.isArray(s) ? s : [s]).filter(isObject);
}

function stringsOf(v: unknown): string[] {
  return (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');
}

/** The actions a statement names: its Action patterns, or every action outside its NotAction. */
function actionsOf(catalog: Catalog, st: Json): Set<string> {
  if (st.NotAction !== undefined) {
    const excluded = new Set(stringsOf(st.NotAction).flatMap((p) => catalog.expandAction(p).actions));
    return new Set(catalog.allActions().filter((a) => !excluded.has(a)));
  }
  return new Set(stringsOf(st.Action).flatMap((p) => catalog.expandAction(p).actions));
}

/** Every action that some statement with `effect` covers, whatever its resources and conditions. */
export function actionsWith(catalog: Catalog, doc: unknown, effect: 'Allow' | 'Deny'): Set<string> {
  const out = new Set<string>();
  for (const st of statementsOf(doc)) if (st.Effect === effect) for (const a of actionsOf(catalog, st)) out.add(a);
  return out;
}

/** The principals the trust policy's Allow statements name (`AWS:…`, `Service:…`, `Federated:…`, `*`). */
export function trustedPrincipals(trust: unknown): Set<string> {
  const out = new Set<string>();
  for (const st of statementsOf(trust)) {
    if (st.Effect !== 'Allow') continue;
    const p = st.Principal;
    if (p === '*') out.add('*');
    else if (isObject(p))
      for (const [kind, v] of Object.entries(p)) for (const id of stringsOf(v)) out.add(`${kind}:${id}`);
  }
  return out;
}

function minus(a: ReadonlySet<string>, b: ReadonlySet<string>): string[] {
  return [...a].filter((x) => !b.has(x));
}

type DriftKey = 'allowsAdded' | 'allowsRemoved' | 'deniesAdded' | 'deniesRemoved';
const DRIFT_KEYS: readonly DriftKey[] = ['allowsAdded', 'allowsRemoved', 'deniesAdded', 'deniesRemoved'];

/** The four lists split by service prefix; services without a change are left out. */
function byService(lists: Readonly<Record<DriftKey, readonly string[]>>): ServiceDrift[] {
  const services = new Map<string, Record<DriftKey, string[]>>();
  for (const key of DRIFT_KEYS) {
    for (const action of lists[key]) {
      const service = action.slice(0, action.indexOf(':'));
      let entry = services.get(service);
      if (!entry)
        services.set(service, (entry = { allowsAdded: [], allowsRemoved: [], deniesAdded: [], deniesRemoved: [] }));
      entry[key].push(action);
    }
  }
  return [...services.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([service, e]) => ({
      service,
      allowsAdded: e.allowsAdded.sort(),
      allowsRemoved: e.allowsRemoved.sort(),
      deniesAdded: e.deniesAdded.sort(),
      deniesRemoved: e.deniesRemoved.sort(),
    }));
}

/** What the live role allows and denies beyond or short of the template, per service; trust principals too. */
export function roleDrift(catalog: Catalog, live: RoleDocument, template: RoleDocument): RoleDrift {
  const allow = [
    actionsWith(catalog, live.policyDocument, 'Allow'),
    actionsWith(catalog, template.policyDocument, 'Allow'),
  ] as const;
  const deny = [
    actionsWith(catalog, live.policyDocument, 'Deny'),
    actionsWith(catalog, template.policyDocument, 'Deny'),
  ] as const;
  const trusted = [
    trustedPrincipals(live.trustPolicyDocument),
    trustedPrincipals(template.trustPolicyDocument),
  ] as const;
  return {
    services: byService({
      allowsAdded: minus(allow[0], allow[1]),
      allowsRemoved: minus(allow[1], allow[0]),
      deniesAdded: minus(deny[0], deny[1]),
      deniesRemoved: minus(deny[1], deny[0]),
    }),
    trustedAdded: minus(trusted[0], trusted[1]).sort(),
    trustedRemoved: minus(trusted[1], trusted[0]).sort(),
  };
}
