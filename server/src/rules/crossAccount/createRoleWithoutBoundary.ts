import type { Finding } from '../../engine/finding';
import type { Rule } from '../../engine/rule';
import { allowedFindings, candidateResources, CHILD_ROLE_ARN, decideAny, FOREIGN_POLICY_ARN, ROLE_ARN } from '../support/requests';
import { crossAccountPrincipals, statementListLoc } from './shared';

/**
 * PG301. Fires when the cross-account role can create a role without the boundary: an allow
 * covers iam:CreateRole and neither its condition on iam:PermissionsBoundary nor an explicit
 * deny forces a boundary matching the profile. Checked as AWS would decide two requests: no
 * boundary given, and another policy given as boundary. Fix: deny iam:CreateRole with
 * `StringNotLike iam:PermissionsBoundary arn:aws:iam::*:policy/<boundary pattern>`.
 */
export const createRoleWithoutBoundary: Rule = {
  id: 'PG301',
  severity: 'error',
  title: 'Cross-account role can create unbounded roles',
  summary: 'The cross-account role can create a role without the permissions boundary.',
  check({ model, profile, catalog }) {
    const out: Finding[] = [];
    const pattern = profile.boundary.namePattern;
    for (const p of crossAccountPrincipals(model)) {
      const roles = () => candidateResources(p, [CHILD_ROLE_ARN], ROLE_ARN);
      for (const boundary of [null, FOREIGN_POLICY_ARN]) {
        const d = decideAny(catalog, p, 'iam:CreateRole', roles, { 'iam:PermissionsBoundary': boundary });
        const how = boundary === null ? 'without any boundary' : 'with a boundary other than ' + pattern;
        const fix = { kind: 'addDenyStatements', statementListLoc: statementListLoc(p), actions: ['iam:CreateRole', 'iam:PutRolePermissionsBoundary'], denyKind: 'createWithoutBoundary' } as const;
        const found = allowedFindings(this, d, `The cross-account role can create a role ${how}: deny iam:CreateRole unless iam:PermissionsBoundary matches ${pattern}`, 'whether roles must carry the boundary', p.loc, fix);
        out.push(...found);
        if (found.length) break;
      }
    }
    return out;
  },
};
