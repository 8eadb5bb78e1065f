import type { Finding } from '../../engine/finding';
import type { Rule } from '../../engine/rule';
import { allowedFindings, candidateResources, CHILD_ROLE_ARN, decide, decideAny, FOREIGN_POLICY_ARN, ROLE_ARN } from '../support/requests';
import { finding, undecided } from '../support/report';
import { crossAccountPrincipals, statementListLoc } from './shared';

/**
 * PG302. Fires when the cross-account role lacks an explicit deny of
 * iam:DeleteRolePermissionsBoundary, or can swap a boundary: iam:PutRolePermissionsBoundary
 * allowed without a condition (or deny) pinning iam:PermissionsBoundary to the profile's
 * pattern. Either way a bounded role could lose its cap. Fix: add
 * `Deny iam:DeleteRolePermissionsBoundary` and condition PutRolePermissionsBoundary.
 */
export const boundaryStripping: Rule = {
  id: 'PG302',
  severity: 'error',
  title: 'Boundary can be removed or swapped',
  summary: 'The cross-account role lacks an explicit deny of DeleteRolePermissionsBoundary, or can put a different boundary on a role.',
  check({ model, profile, catalog }) {
    const out: Finding[] = [];
    for (const p of crossAccountPrincipals(model)) {
      const del = decide(catalog, p, 'iam:DeleteRolePermissionsBoundary', CHILD_ROLE_ARN);
      if (del.outcome === 'Unknown') {
        out.push(undecided(this, del.unknownReasons[0]?.loc ?? statementListLoc(p), 'whether boundary removal is denied', del.unknownReasons[0]?.reason ?? 'a value is not known'));
      } else if (del.outcome !== 'ExplicitlyDenied') {
        out.push(
          finding(this, statementListLoc(p), 'The cross-account role has no explicit deny of iam:DeleteRolePermissionsBoundary: add a Deny statement for it on all resources', {
            fix: { kind: 'addDenyStatements', statementListLoc: statementListLoc(p), actions: ['iam:DeleteRolePermissionsBoundary'], denyKind: 'boundaryStrip' },
          }),
        );
      }
      const put = decideAny(catalog, p, 'iam:PutRolePermissionsBoundary', () => candidateResources(p, [CHILD_ROLE_ARN], ROLE_ARN), { 'iam:PermissionsBoundary': FOREIGN_POLICY_ARN });
      const fix = { kind: 'addDenyStatements', statementListLoc: statementListLoc(p), actions: ['iam:CreateRole', 'iam:PutRolePermissionsBoundary'], denyKind: 'createWithoutBoundary' } as const;
      out.push(...allowedFindings(this, put, `The cross-account role can put any boundary on a role: allow iam:PutRolePermissionsBoundary only when iam:PermissionsBoundary matches ${profile.boundary.namePattern}`, 'whether a boundary can be swapped', p.loc, fix));
    }
    return out;
  },
};
