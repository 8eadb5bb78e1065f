import type { Finding } from '../../core/finding';
import type { Rule } from '../../core/rule';
import { callerOf, foreignBoundary, policiesOf, proveEachAllow, roleArnShape } from '../support/questions';
import { crossAccountPrincipals, statementListLoc } from './shared';

/**
 * PG301. Fires when the cross-account role can create a role without the boundary: some request
 * for iam:CreateRole, with iam:PermissionsBoundary absent or naming a policy that is not the
 * profile's boundary, gets through every allow, the role's own boundary and every deny (one
 * value of the key for all of them). Fix: deny iam:CreateRole with
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
      const q = (account: string) => ({
        ...policiesOf(p),
        actions: ['iam:CreateRole'],
        resource: roleArnShape(account),
        keys: { 'iam:permissionsboundary': { value: foreignBoundary(profile, catalog.patterns, account) } },
      });
      const at = statementListLoc(p);
      out.push(
        ...proveEachAllow(this, catalog, q, {
          message: 'The cross-account role can create a role without the permissions boundary',
          fixText: `Deny iam:CreateRole unless iam:PermissionsBoundary matches ${pattern}`,
          what: 'whether roles must carry the boundary',
          fallback: p.loc,
          subject: p.label,
          principal: callerOf(p),
          keysOfInterest: ['iam:permissionsboundary'],
          fix: {
            kind: 'addDenyStatements',
            statementListLoc: at,
            actions: ['iam:CreateRole', 'iam:PutRolePermissionsBoundary'],
            denyKind: 'createWithoutBoundary',
          },
        }).findings,
      );
    }
    return out;
  },
};
