// The resources each service's allows name, compared between the live role and the template:
// what an update to the template would add and remove. A statement's resources count for every
// service its actions name (`*` for a statement whose actions are `*` or NotAction). No LSP types.

import type { ServiceResourceDelta } from '../../../shared/roleProtocol';
import type { RoleDocument } from './roleDrift';
import { statementsOf, strings, type Json } from './roleJson';

/** The services a statement's actions name (lower case); `*` for any. */
function servicesOf(st: Json): string[] {
  if (st.NotAction !== undefined) return ['*'];
  return [
    ...new Set(
      strings(st.Action).map((a) => (a === '*' ? '*' : a.slice(0, Math.max(0, a.indexOf(':'))).toLowerCase())),
    ),
  ];
}

/** service → the Resource (or `NotResource:`-prefixed) patterns its Allow statements name. */
export function allowResources(policy: unknown): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const st of statementsOf(policy)) {
    if (st.Effect !== 'Allow') continue;
    const resources = [...strings(st.Resource), ...strings(st.NotResource).map((r) => `NotResource:${r}`)];
    for (const service of servicesOf(st)) {
      let set = out.get(service);
      if (!set) out.set(service, (set = new Set()));
      for (const r of resources) set.add(r);
    }
  }
  return out;
}

/** Per service, the resources the template names that the live role does not (added) and back. */
export function resourceDelta(live: RoleDocument, template: RoleDocument): ServiceResourceDelta[] {
  const [before, after] = [allowResources(live.policyDocument), allowResources(template.policyDocument)];
  const services = [...new Set([...before.keys(), ...after.keys()])].sort();
  const out: ServiceResourceDelta[] = [];
  for (const service of services) {
    const b = before.get(service) ?? new Set<string>();
    const a = after.get(service) ?? new Set<string>();
    const resourcesAdded = [...a].filter((r) => !b.has(r)).sort();
    const resourcesRemoved = [...b].filter((r) => !a.has(r)).sort();
    if (resourcesAdded.length + resourcesRemoved.length > 0) out.push({ service, resourcesAdded, resourcesRemoved });
  }
  return out;
}
