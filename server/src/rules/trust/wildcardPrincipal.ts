import type { Finding } from '../../engine/finding';
import type { Rule } from '../../engine/rule';
import { textOf } from '../../model/pstr';
import { finding, undecided } from '../support/report';
import { isPinning, trustDocs } from './shared';

const PIN_KEYS = new Set([
  'aws:principalarn', 'aws:principalaccount', 'aws:principalorgid', 'aws:principalorgpaths',
  'aws:sourceaccount', 'aws:sourcearn', 'aws:sourceowner', 'aws:userid',
]);

/**
 * PG101. Fires when a trust policy allows `Principal: "*"` (or `{"AWS": "*"}`, or an Allow with
 * NotPrincipal) without a condition that pins the caller. Anyone in any AWS account could assume
 * the role. Fix: name the provisioner's principal, or pin it with aws:PrincipalArn,
 * aws:PrincipalAccount or aws:PrincipalOrgID.
 */
export const wildcardPrincipal: Rule = {
  id: 'PG101',
  severity: 'error',
  title: 'Trust policy open to any principal',
  summary: 'A trust policy allows Principal "*" without a condition that pins the caller, so any AWS account could assume the role.',
  check({ model }) {
    const out: Finding[] = [];
    for (const { doc } of trustDocs(model)) {
      for (const s of doc.statements) {
        if (s.effect !== 'Allow') continue;
        const aws = (s.principal?.entries ?? []).filter((e) => e.type === 'AWS');
        const spots = s.principal?.wildcard ? [s.principal.loc] : aws.flatMap((e) => e.items.items).filter((i) => textOf(i.value) === '*').map((i) => i.loc);
        if (s.notPrincipal) spots.push(s.notPrincipal.loc);
        // A principal not known here could be "*" (only when nothing of it is literal text).
        const maybe = [
          ...aws.flatMap((e) => e.items.items).filter((i) => i.value.parts.every((p) => typeof p !== 'string')).map((i) => i.loc),
          ...aws.filter((e) => e.items.unknown).map((e) => e.items.loc),
          ...(s.principal?.unknown ? [s.principal.loc] : []),
        ];
        if (spots.length === 0 && maybe.length === 0) continue;
        if (s.conditions.some((c) => PIN_KEYS.has(c.key.toLowerCase()) && isPinning(c))) continue;
        if (spots.length === 0) {
          out.push(undecided(this, maybe[0], 'whether any principal can assume this role', 'the trusted principal is not known and no condition pins the caller'));
          continue;
        }
        if (s.conditionsUnknown) {
          out.push(undecided(this, spots[0], 'whether the wildcard principal is pinned', s.conditionsUnknown));
          continue;
        }
        for (const loc of spots) {
          out.push(finding(this, loc, 'Any AWS principal can assume this role: pin the caller with aws:PrincipalArn, aws:PrincipalAccount or aws:PrincipalOrgID, or name the provisioner principal'));
        }
      }
    }
    return out;
  },
};
