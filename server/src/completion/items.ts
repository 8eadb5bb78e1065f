// What to offer at a completion site: service prefixes, the actions of a service (with a few
// wildcards), and condition keys (global ones plus those of the services the policy names).

import type { Catalog } from '../catalog/catalog';
import type { CompletionSite } from './context';

/** One completion item, free of LSP types. */
export interface GuardCompletion {
  readonly label: string;
  readonly kind: 'service' | 'action' | 'wildcard' | 'conditionKey';
  readonly insertText: string;
  readonly detail?: string;
  readonly documentation?: string;
  /** Ask the editor to suggest again after inserting (a service prefix then its actions). */
  readonly retrigger?: boolean;
  readonly sortText?: string;
}

const WILDCARD_VERBS = ['Get', 'List', 'Describe', 'Put', 'Create', 'Delete', 'Update'];

/** Items for `site`; `text` is the whole document (to find the services a policy names). */
export function completionsFor(catalog: Catalog, site: CompletionSite, text: string): GuardCompletion[] {
  const colon = site.prefix.indexOf(':');
  if (site.kind === 'action')
    return colon < 0 ? services(catalog) : actions(catalog, site.prefix.slice(0, colon).toLowerCase());
  return conditionKeys(catalog, site, text);
}

function services(catalog: Catalog): GuardCompletion[] {
  return catalog
    .services()
    .map((s) => ({ label: s, kind: 'service', insertText: `${s}:`, detail: catalog.serviceName(s), retrigger: true }));
}

function actions(catalog: Catalog, service: string): GuardCompletion[] {
  const list = catalog.actionsOf(service);
  if (list.length === 0) return [];
  const out: GuardCompletion[] = list.map((a) => ({
    label: a.name,
    kind: 'action',
    insertText: a.name,
    detail: a.accessLevel,
    documentation: a.description || undefined,
    sortText: `1${a.name}`,
  }));
  out.push({
    label: `${service}:*`,
    kind: 'wildcard',
    insertText: `${service}:*`,
    detail: `all ${list.length} actions`,
    sortText: '0',
  });
  for (const verb of WILDCARD_VERBS) {
    const n = list.filter((a) => a.name.startsWith(`${service}:${verb}`)).length;
    if (n > 1)
      out.push({
        label: `${service}:${verb}*`,
        kind: 'wildcard',
        insertText: `${service}:${verb}*`,
        detail: `${n} actions`,
        sortText: `0${verb}`,
      });
  }
  return out;
}

function conditionKeys(catalog: Catalog, site: CompletionSite, text: string): GuardCompletion[] {
  const wanted = new Set(servicesNamed(catalog, text, site.start));
  const typed = site.prefix.slice(0, Math.max(0, site.prefix.indexOf(':'))).toLowerCase();
  if (typed && typed !== 'aws' && catalog.services().includes(typed)) wanted.add(typed);
  const keys = new Map<string, GuardCompletion>();
  const add = (key: string, sort: string) => {
    const insert = key.replace(/\$\{[^}]*\}$|<[^>]*>$|tag-key$/, '');
    if (keys.has(insert.toLowerCase())) return;
    const info = catalog.conditionKey(key);
    keys.set(insert.toLowerCase(), {
      label: key,
      kind: 'conditionKey',
      insertText: insert,
      detail: info ? `${info.type}${info.isMultiValued ? ', multi-valued' : ''}` : undefined,
      documentation: info?.description || undefined,
      sortText: `${sort}${key}`,
    });
  };
  for (const svc of wanted) {
    for (const a of catalog.actionsOf(svc)) {
      for (const k of a.conditionKeys) if (!k.toLowerCase().startsWith('aws:')) add(k, '0');
      for (const r of a.resourceTypes)
        for (const k of r.conditionKeys) if (!k.toLowerCase().startsWith('aws:')) add(k, '0');
    }
  }
  for (const k of catalog.globalConditionKeys()) add(k, '1');
  return [...keys.values()];
}

/** Service prefixes of the actions written within a window around `offset`. */
function servicesNamed(catalog: Catalog, text: string, offset: number): string[] {
  const window = text.slice(Math.max(0, offset - 3000), offset + 3000);
  const known = new Set(catalog.services());
  const found = new Set<string>();
  for (const m of window.matchAll(/["'\s[,]([a-z0-9-]+):[A-Z*][A-Za-z*]*/g)) if (known.has(m[1])) found.add(m[1]);
  return [...found];
}
