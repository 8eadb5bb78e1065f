import type { Finding } from '../../engine/finding';
import type { Rule } from '../../engine/rule';
import { boundaryMayAllow } from '../support/allows';
import { grantsByEntry } from '../boundary/shared';
import { principalsOf } from '../support/principals';
import { finding, listSome, undecided } from '../support/report';

/**
 * PG402. Fires when the cross-account role or a child role allows a service outside the
 * profile's list (RDS, SQS, SNS, Route 53, CloudFront, billing, ...). The account owner was
 * promised the platform touches only the listed services. Grants the role's boundary blocks
 * do not count (PG204 reports those). Fix: remove the grant.
 */
export const servicesOutsideList: Rule = {
  id: 'PG402',
  severity: 'error',
  title: 'Role allows a service outside the list',
  summary: "The cross-account role or a child role allows a service outside the profile's list.",
  check({ model, profile, catalog }) {
    const out: Finding[] = [];
    const allowed = new Set(profile.allowedServices.map((s) => s.toLowerCase()));
    for (const p of principalsOf(model)) {
      if (p.kind === 'loose') continue;
      for (const doc of p.identity) {
        for (const s of doc.statements) {
          if (s.effect !== 'Allow') continue;
          const g = grantsByEntry(catalog, s);
          if (g.unknown) out.push(undecided(this, g.unknown.loc, 'which services the role may use', g.unknown.reason));
          for (const group of g.groups) {
            const effective = p.boundary ? group.actions.filter((a) => boundaryMayAllow(catalog, p.boundary!, a) !== 'no') : group.actions;
            const services = [...new Set(effective.map((a) => a.slice(0, a.indexOf(':'))))].filter((svc) => !allowed.has(svc));
            if (services.length) out.push(finding(this, group.loc, `${p.label} is allowed services outside the list: ${listSome(services)}`));
          }
        }
      }
    }
    return out;
  },
};
