import type { Finding } from '../../core/finding';
import type { Rule } from '../../core/rule';
import { anyThrough, grantsThrough } from '../support/entryGrants';
import { listSome, undecided } from '../support/report';
import { verdictFindings } from '../support/verdicts';
import { boundaryDocs } from './shared';

/**
 * PG202. Fires when some request for an action of a service outside the profile's list gets
 * through a boundary policy (its own denies considered). The boundary is the ceiling for every
 * role the platform creates; a service beyond the published list widens what all of them may do.
 * Fix: remove the service from the boundary.
 */
export const boundaryServices: Rule = {
  id: 'PG202',
  severity: 'error',
  title: 'Boundary allows a service outside the list',
  summary: "A boundary policy allows an action of a service outside the profile's list.",
  check({ model, profile, catalog }) {
    const out: Finding[] = [];
    const allowed = new Set(profile.allowedServices.map((s) => s.toLowerCase()));
    const outside = (a: string) => !allowed.has('*') && !allowed.has(a.slice(0, a.indexOf(':')));
    for (const { policy, doc } of boundaryDocs(model)) {
      if (!anyThrough(catalog, { identity: [doc] }, outside)) continue;
      for (const s of doc.statements) {
        if (s.effect !== 'Allow') continue;
        const g = grantsThrough(catalog, { identity: [doc] }, s, outside);
        if (g.unreadable)
          out.push({
            ...undecided(this, g.unreadable.loc, 'which services the boundary allows', g.unreadable.reason),
            subject: policy.address,
          });
        if (g.unknown?.verdict === 'unknown')
          out.push({
            ...undecided(this, g.unknown.loc ?? s.loc, 'which services the boundary allows', g.unknown.reason),
            subject: policy.address,
          });
        for (const e of g.entries) {
          const services = [...new Set(e.actions.map((a) => a.slice(0, a.indexOf(':'))))];
          out.push(
            ...verdictFindings(this, catalog, e.verdict, {
              message: `The boundary allows services outside the list (${listSome(services)})`,
              what: 'which services the boundary allows',
              fallback: e.loc,
              at: e.loc,
              subject: policy.address,
              principal: 'a role bounded by this policy',
            }),
          );
        }
      }
    }
    return out;
  },
};
