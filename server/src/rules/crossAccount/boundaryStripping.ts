import type { Finding } from '../../core/finding';
import type { Rule } from '../../core/rule';
import { prove } from '../../iam/prove/prove';
import {
  accountsOf,
  callerOf,
  foreignBoundary,
  policiesOf,
  proveAcross,
  proveEachAllow,
  roleArnShape,
} from '../support/questions';
import { verdictFindings } from '../support/verdicts';
import { crossAccountPrincipals, statementListLoc } from './shared';

/**
 * PG302. Fires when some iam:DeleteRolePermissionsBoundary request on a role of the account meets
 * no explicit deny, or when the cross-account role can swap a boundary: some
 * iam:PutRolePermissionsBoundary request naming a policy other than the profile's boundary gets
 * through. Either way a bounded role could lose its cap. Fix: add
 * `Deny iam:DeleteRolePermissionsBoundary` on `*` and condition PutRolePermissionsBoundary.
 */
export const boundaryStripping: Rule = {
  id: 'PG302',
  severity: 'error',
  title: 'Boundary can be removed or swapped',
  summary:
    'The cross-account role lacks an explicit deny of DeleteRolePermissionsBoundary, or can put a different boundary on a role.',
  check({ model, profile, catalog }) {
    const out: Finding[] = [];
    for (const p of crossAccountPrincipals(model)) {
      const at = statementListLoc(p);
      const del = proveAcross(accountsOf(p.identity), (account) =>
        prove(catalog, {
          ...policiesOf(p),
          actions: ['iam:DeleteRolePermissionsBoundary'],
          need: 'notDenied',
          resource: roleArnShape(account),
        }),
      );
      out.push(
        ...verdictFindings(this, catalog, del, {
          message: 'The cross-account role has no explicit deny of iam:DeleteRolePermissionsBoundary for this request',
          fixText: 'Add a Deny statement for it on all resources',
          what: 'whether boundary removal is denied',
          fallback: at,
          at,
          subject: p.label,
          principal: callerOf(p),
          fix: {
            kind: 'addDenyStatements',
            statementListLoc: at,
            actions: ['iam:DeleteRolePermissionsBoundary'],
            denyKind: 'boundaryStrip',
          },
        }),
      );
      const put = (account: string) => ({
        ...policiesOf(p),
        actions: ['iam:PutRolePermissionsBoundary'],
        resource: roleArnShape(account),
        keys: {
          'iam:permissionsboundary': {
            absent: 'forbidden' as const,
            value: foreignBoundary(profile, catalog.patterns, account),
          },
        },
      });
      out.push(
        ...proveEachAllow(this, catalog, put, {
          message: 'The cross-account role can put another boundary on a role',
          fixText: `Allow iam:PutRolePermissionsBoundary only when iam:PermissionsBoundary matches ${profile.boundary.namePattern}`,
          what: 'whether a boundary can be swapped',
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
