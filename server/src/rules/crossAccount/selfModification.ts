import type { Finding } from '../../engine/finding';
import type { Rule } from '../../engine/rule';
import { decide, ownRoleArn } from '../support/requests';
import { finding, undecided } from '../support/report';
import { crossAccountPrincipals, statementListLoc } from './shared';

const SELF_ACTIONS = ['iam:PutRolePolicy', 'iam:DeleteRolePolicy', 'iam:AttachRolePolicy', 'iam:DetachRolePolicy', 'iam:UpdateAssumeRolePolicy', 'iam:UpdateRole'];
const BOUNDARY_ACTIONS = ['iam:PutRolePermissionsBoundary', 'iam:DeleteRolePermissionsBoundary'];

/**
 * PG303. Fires when the cross-account role lacks an explicit deny, on its own ARN, of the actions
 * that would let it rewrite itself (inline/attached policies, trust policy, role settings; and
 * its boundary where the profile gives it one). A role that can widen its own permissions makes
 * every other guarantee void. Fix: add a Deny of those actions on the role's own ARN.
 */
export const selfModification: Rule = {
  id: 'PG303',
  severity: 'error',
  title: 'Cross-account role can modify itself',
  summary: 'The cross-account role lacks an explicit deny, on its own ARN, of the actions that change its policies or trust.',
  check({ model, profile, catalog }) {
    const out: Finding[] = [];
    const actions = profile.crossAccountRole.hasBoundary ? [...SELF_ACTIONS, ...BOUNDARY_ACTIONS] : SELF_ACTIONS;
    for (const p of crossAccountPrincipals(model)) {
      const own = ownRoleArn(p.role, profile);
      const missing: string[] = [];
      let unknown: { reason: string; loc?: import('../../model/loc').Loc } | undefined;
      for (const action of actions) {
        const d = decide(catalog, p, action, own);
        if (d.outcome === 'ExplicitlyDenied') continue;
        if (d.outcome === 'Unknown') unknown ??= d.unknownReasons[0] ?? { reason: 'a value is not known' };
        else missing.push(action);
      }
      const at = statementListLoc(p);
      if (missing.length) {
        out.push(
          finding(this, at, `The cross-account role is not denied changing itself: add a Deny on its own ARN for ${missing.join(', ')}`, {
            fix: { kind: 'addDenyStatements', statementListLoc: at, actions: missing, denyKind: 'selfModify' },
          }),
        );
      } else if (unknown) {
        out.push(undecided(this, unknown.loc ?? at, 'whether the role may change itself', unknown.reason));
      }
    }
    return out;
  },
};
