import type { Finding } from '../../core/finding';
import type { Rule } from '../../core/rule';
import { allowedActions } from '../../iam/prove/prove';
import type { ProofVerdict } from '../../iam/prove/question';
import { accountsOf, callerOf, ownRoleArns, policiesOf } from '../support/questions';
import { undecided } from '../support/report';
import { verdictFindings } from '../support/verdicts';
import { crossAccountPrincipals, statementListLoc } from './shared';

const SELF_ACTIONS = [
  'iam:PutRolePolicy',
  'iam:DeleteRolePolicy',
  'iam:AttachRolePolicy',
  'iam:DetachRolePolicy',
  'iam:UpdateAssumeRolePolicy',
  'iam:UpdateRole',
];
const BOUNDARY_ACTIONS = ['iam:PutRolePermissionsBoundary', 'iam:DeleteRolePermissionsBoundary'];

/**
 * PG303. Fires when some request by the cross-account role on its own ARN, for an action that
 * would let it rewrite itself (inline/attached policies, trust policy, role settings; and its
 * boundary where the profile gives it one), meets no explicit deny. A role that can widen its
 * own permissions makes every other guarantee void. Fix: add a Deny of those actions on the
 * role's own ARN.
 */
export const selfModification: Rule = {
  id: 'PG303',
  severity: 'error',
  title: 'Cross-account role can modify itself',
  summary:
    'The cross-account role lacks an explicit deny, on its own ARN, of the actions that change its policies or trust.',
  check({ model, profile, catalog }) {
    const out: Finding[] = [];
    const actions = profile.crossAccountRole.hasBoundary ? [...SELF_ACTIONS, ...BOUNDARY_ACTIONS] : SELF_ACTIONS;
    for (const p of crossAccountPrincipals(model)) {
      const missing: string[] = [];
      let first: ProofVerdict | undefined;
      let unknown: ProofVerdict | undefined;
      for (const account of accountsOf(p.identity)) {
        const r = allowedActions(catalog, {
          ...policiesOf(p),
          actions,
          need: 'notDenied',
          resource: ownRoleArns(p, profile, account),
        });
        for (const a of actions) if (r.allowed.includes(a) && !missing.includes(a)) missing.push(a);
        first ??= r.witness;
        unknown ??= r.firstUnknown;
      }
      const at = statementListLoc(p);
      if (first) {
        out.push(
          ...verdictFindings(this, catalog, first, {
            message: `The cross-account role is not denied changing itself (${missing.join(', ')})`,
            fixText: 'Add a Deny on its own ARN for these actions',
            what: 'whether the role may change itself',
            fallback: at,
            at,
            subject: p.label,
            principal: callerOf(p),
            fix: { kind: 'addDenyStatements', statementListLoc: at, actions: missing, denyKind: 'selfModify' },
          }),
        );
      } else if (unknown?.verdict === 'unknown') {
        out.push({
          ...undecided(this, unknown.loc ?? at, 'whether the role may change itself', unknown.reason),
          subject: p.label,
        });
      }
    }
    return out;
  },
};
