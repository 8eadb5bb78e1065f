import type { Finding } from '../../engine/finding';
import type { Rule } from '../../engine/rule';
import { finding, listSome, undecided } from '../support/report';
import { boundaryDocs, grantsByEntry } from './shared';

/**
 * PG202. Fires when a boundary policy allows an action of a service outside the profile's list.
 * The boundary is the ceiling for every role the platform creates; a service beyond the
 * published list widens what all of them may do. Fix: remove the service from the boundary.
 */
export const boundaryServices: Rule = {
  id: 'PG202',
  severity: 'error',
  title: 'Boundary allows a service outside the list',
  summary: "A boundary policy allows an action of a service outside the profile's list.",
  check({ model, profile, catalog }) {
    const out: Finding[] = [];
    const allowed = new Set(profile.allowedServices.map((s) => s.toLowerCase()));
    for (const { doc } of boundaryDocs(model)) {
      for (const s of doc.statements) {
        if (s.effect !== 'Allow') continue;
        const g = grantsByEntry(catalog, s);
        if (g.unknown) out.push(undecided(this, g.unknown.loc, 'which services the boundary allows', g.unknown.reason));
        for (const group of g.groups) {
          const services = [...new Set(group.actions.map((a) => a.slice(0, a.indexOf(':'))))].filter((svc) => !allowed.has(svc));
          if (services.length) out.push(finding(this, group.loc, `The boundary allows services outside the list: ${listSome(services)}`));
        }
      }
    }
    return out;
  },
};
