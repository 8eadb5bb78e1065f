import type { Catalog } from '../../catalog/catalog';
import type { Finding } from '../../core/finding';
import type { Rule } from '../../core/rule';
import type { RuleInfo } from '../../core/ruleInfo';
import { anyThrough, grantsThrough, type EntryVerdict } from '../support/entryGrants';
import { principalsOf, type Principal } from '../support/principals';
import { callerOf, policiesOf } from '../support/questions';
import { listSome, undecided, unreadPolicy } from '../support/report';
import { verdictFindings } from '../support/verdicts';

/**
 * PG402. Fires when some request for an action of a service outside the profile's list (RDS,
 * SQS, SNS, Route 53, CloudFront, billing, ...) gets through the cross-account role or a child
 * role: its identity policies, its boundary and every deny considered, so grants the boundary
 * blocks do not count (PG204 reports those). One finding per role and service, on the first
 * Action entry that grants it, with the count of actions and every other entry granting the
 * service as related information. Fix: remove the grant.
 */
export const servicesOutsideList: Rule = {
  id: 'PG402',
  severity: 'error',
  title: 'Role allows a service outside the list',
  summary: "The cross-account role or a child role allows a service outside the profile's list.",
  check({ model, profile, catalog }) {
    const out: Finding[] = [];
    const allowed = new Set(profile.allowedServices.map((s) => s.toLowerCase()));
    const outside = (a: string) => !allowed.has('*') && !allowed.has(serviceOf(a));
    for (const p of principalsOf(model)) {
      if (p.kind === 'loose') continue;
      for (const ref of p.role?.unresolved ?? [])
        out.push({ ...unreadPolicy(this, ref, 'which services the role may use'), subject: p.label });
      if (!anyThrough(catalog, policiesOf(p), outside)) continue;
      const entries: EntryVerdict[] = [];
      for (const doc of p.identity) {
        for (const s of doc.statements) {
          if (s.effect !== 'Allow') continue;
          const g = grantsThrough(catalog, policiesOf(p), s, outside);
          if (g.unreadable)
            out.push({
              ...undecided(this, g.unreadable.loc, 'which services the role may use', g.unreadable.reason),
              subject: p.label,
            });
          if (g.unknown?.verdict === 'unknown')
            out.push({
              ...undecided(this, g.unknown.loc ?? s.loc, 'which services the role may use', g.unknown.reason),
              subject: p.label,
            });
          entries.push(...g.entries);
        }
      }
      out.push(...groupedFindings(this, catalog, p, entries));
    }
    return out;
  },
};

function serviceOf(action: string): string {
  return action.slice(0, action.indexOf(':')).toLowerCase();
}

/**
 * Each service goes to the first entry granting it; an entry reports the services first granted
 * there (one finding per token), and the later entries granting them are related locations.
 */
function groupedFindings(rule: RuleInfo, catalog: Catalog, p: Principal, entries: readonly EntryVerdict[]): Finding[] {
  const home = new Map<string, EntryVerdict>();
  for (const e of entries) for (const a of e.actions) if (!home.has(serviceOf(a))) home.set(serviceOf(a), e);
  const out: Finding[] = [];
  for (const e of entries) {
    const services = [...new Set(e.actions.map(serviceOf))].filter((s) => home.get(s) === e);
    if (services.length === 0) continue;
    const mine = new Set(services);
    const count = new Set(entries.flatMap((x) => x.actions.filter((a) => mine.has(serviceOf(a))))).size;
    const others = entries.filter((x) => x !== e && x.actions.some((a) => mine.has(serviceOf(a))));
    const what =
      services.length === 1 ? `the service ${services[0]}` : `${services.length} services (${listSome(services)})`;
    const report = {
      message: `${p.label} is allowed ${count} action${count === 1 ? '' : 's'} of ${what} outside the list${others.length ? `, here and in ${others.length} more place${others.length === 1 ? '' : 's'}` : ''}`,
      what: 'which services the role may use',
      fallback: e.loc,
      at: e.loc,
      subject: p.label,
      principal: callerOf(p),
    };
    for (const f of verdictFindings(rule, catalog, e.verdict, report)) {
      const extra = others.map((x) => ({
        loc: x.loc,
        message: `Also grants ${listSome([...new Set(x.actions.filter((a) => mine.has(serviceOf(a))))])}`,
      }));
      out.push(extra.length ? { ...f, related: [...(f.related ?? []), ...extra] } : f);
    }
  }
  return out;
}
