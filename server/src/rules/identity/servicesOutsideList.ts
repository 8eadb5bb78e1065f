import type { Finding } from '../../engine/finding';
import type { Rule } from '../../engine/rule';
import { anyThrough, grantsThrough } from '../support/entryGrants';
import { principalsOf } from '../support/principals';
import { callerOf, policiesOf } from '../support/questions';
import { listSome, undecided } from '../support/report';
import { verdictFindings } from '../support/verdicts';

/**
 * PG402. Fires when some request for an action of a service outside the profile's list (RDS,
 * SQS, SNS, Route 53, CloudFront, billing, ...) gets through the cross-account role or a child
 * role: its identity policies, its boundary and every deny considered, so grants the boundary
 * blocks do not count (PG204 reports those). Fix: remove the grant.
 */
export const servicesOutsideList: Rule = {
  id: 'PG402',
  severity: 'error',
  title: 'Role allows a service outside the list',
  summary: "The cross-account role or a child role allows a service outside the profile's list.",
  check({ model, profile, catalog }) {
    const out: Finding[] = [];
    const allowed = new Set(profile.allowedServices.map((s) => s.toLowerCase()));
    const outside = (a: string) => !allowed.has('*') && !allowed.has(a.slice(0, a.indexOf(':')));
    for (const p of principalsOf(model)) {
      if (p.kind === 'loose' || !anyThrough(catalog, policiesOf(p), outside)) continue;
      for (const doc of p.identity) {
        for (const s of doc.statements) {
          if (s.effect !== 'Allow') continue;
          const g = grantsThrough(catalog, policiesOf(p), s, outside);
          if (g.unreadable) out.push({ ...undecided(this, g.unreadable.loc, 'which services the role may use', g.unreadable.reason), subject: p.label });
          if (g.unknown?.verdict === 'unknown') out.push({ ...undecided(this, g.unknown.loc ?? s.loc, 'which services the role may use', g.unknown.reason), subject: p.label });
          for (const e of g.entries) {
            const services = [...new Set(e.actions.map((a) => a.slice(0, a.indexOf(':'))))];
            const report = { message: `${p.label} is allowed services outside the list (${listSome(services)})`, what: 'which services the role may use', fallback: e.loc, at: e.loc, subject: p.label, principal: callerOf(p) };
            out.push(...verdictFindings(this, catalog, e.verdict, report));
          }
        }
      }
    }
    return out;
  },
};
