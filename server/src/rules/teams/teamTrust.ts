import type { Finding } from '../../core/finding';
import type { Rule } from '../../core/rule';
import { prove } from '../../iam/prove/prove';
import type { Loc } from '../../model/loc';
import type { Statement } from '../../model/policy';
import { roleLabel } from '../support/principals';
import { proveAcross } from '../support/questions';
import { undecided } from '../support/report';
import { verdictFindings } from '../support/verdicts';
import { trustDocs } from '../trust/shared';
import { PIN_KEYS, withConstantHoles } from '../trust/stranger';
import { outsidersOf } from './outsiders';
import { roleNamed } from './shared';

/**
 * PG107. Fires when a role whose trusted principals the profile lists (`teamRoles`, Cloud Posse:
 * the team roles that aws-team-roles lets the identity account's `trusted_teams` assume, and the
 * `terraform` role) can be assumed by a principal outside that list: the procedure looks, over
 * every outsider (any ARN of an account the policy names that the list does not cover, a fresh
 * account in any organization, each principal the policy names that is not listed), for one the
 * trust lets in. A wildcard in `aws:PrincipalArn` or in the principal is how that usually
 * happens. Fix: trust only the listed teams (ArnLike aws:PrincipalArn with their exact ARNs).
 */
export const teamTrust: Rule = {
  id: 'PG107',
  severity: 'error',
  title: 'Team role assumable outside the listed teams',
  summary: 'A role whose trusted principals the profile lists can be assumed by a principal outside that list.',
  check({ model, profile, catalog }) {
    const team = profile.teamRoles;
    if (!team || team.namePatterns.length === 0) return [];
    const out: Finding[] = [];
    const pinKeys = new Set(PIN_KEYS);
    for (const { doc, role } of trustDocs(model)) {
      const named = roleNamed(catalog, role, team.namePatterns);
      if (named === 'no') continue;
      const label = roleLabel(role);
      if (named === 'unknown') {
        out.push({
          ...undecided(this, role.loc, `whether ${label} is a team role`, 'its name is not fully known'),
          subject: label,
        });
        continue;
      }
      const view = withConstantHoles(doc, pinKeys);
      const verdict = proveAcross(outsidersOf(view, team.trustedPrincipals, catalog.patterns), (o) =>
        prove(catalog, { identity: [view], ...o }),
      );
      const at = verdict.verdict === 'counterexample' ? culprit(verdict.witness.allowedBy?.statement) : undefined;
      out.push(
        ...verdictFindings(this, catalog, verdict, {
          message: `${label} can be assumed by a principal outside the listed teams`,
          fixText: 'Trust only the teams the profile lists (ArnLike aws:PrincipalArn with their exact ARNs)',
          what: `who can assume ${label}`,
          fallback: doc.statementLoc,
          at,
          subject: label,
          principal: 'a principal outside the list',
          keysOfInterest: ['aws:principalarn', 'aws:principalaccount'],
        }),
      );
    }
    return out;
  },
};

/** Where the statement lets the outsider in: its aws:PrincipalArn condition, else its principal. */
function culprit(s: Statement | undefined): Loc | undefined {
  if (!s) return undefined;
  const arnCondition = s.conditions.find((c) => c.key.toLowerCase() === 'aws:principalarn');
  return arnCondition?.values.loc ?? s.principal?.loc ?? s.notPrincipal?.loc ?? s.loc;
}
