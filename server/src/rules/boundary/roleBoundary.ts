import type { Finding } from '../../core/finding';
import type { Rule } from '../../core/rule';
import { matchPatternIn } from '../../iam/match';
import type { Role } from '../../model/model';
import { holeReason, renderPStr, type PStr } from '../../model/pstr';
import { finding, undecided } from '../support/report';
import { policyNameOfArn } from './shared';

/**
 * PG201. Fires when a role other than the cross-account role is created without a permissions
 * boundary, or with one whose name does not match the profile's boundary pattern
 * (`pennsieve-boundary-*`). Without the boundary, the role can do whatever its policies say,
 * which breaks the promise that every role Pennsieve creates is capped. Fix: set
 * `permissions_boundary` / `PermissionsBoundary` to the module's boundary policy.
 */
export const roleBoundary: Rule = {
  id: 'PG201',
  severity: 'error',
  title: 'Role without the permissions boundary',
  summary:
    "A role is created without a permissions boundary, or with one that does not match the profile's boundary pattern.",
  check({ model, profile, catalog }) {
    const out: Finding[] = [];
    const pattern = profile.boundary.namePattern;
    for (const role of model.roles) {
      if (role.synthetic || !role.resource || role.resource.exists === 'no') continue;
      if (role.kind === 'crossAccount' && !profile.crossAccountRole.hasBoundary) continue;
      const b = role.boundary;
      if (!b || b.value.k === 'null') {
        out.push(
          finding(
            this,
            role.loc,
            `Role has no permissions boundary: set it to the ${pattern} policy (${role.address})`,
            { fix: { kind: 'addBoundary', roleAddress: role.address } },
          ),
        );
        continue;
      }
      const name = boundaryName(role);
      if (!name) {
        out.push(
          undecided(
            this,
            b.loc,
            `the permissions boundary of ${role.address}`,
            b.value.k === 'unknown' ? b.value.reason : 'it is not a policy ARN',
          ),
        );
        continue;
      }
      const m = matchPatternIn(catalog.patterns, name, pattern, { mode: 'glob' });
      if (m === 'no')
        out.push(finding(this, b.loc, `The permissions boundary is not the ${pattern} policy: ${renderPStr(name)}`));
      else if (m === 'unknown')
        out.push(
          undecided(
            this,
            b.loc,
            `the permissions boundary of ${role.address}`,
            holeReason(name) ?? 'its name is not fully known',
          ),
        );
    }
    return out;
  },
};

/** The boundary policy's name: from the linked policy, else from the ARN text. */
function boundaryName(role: Role): PStr | undefined {
  const b = role.boundary!;
  if (b.policy?.name) return b.policy.name.value;
  if (b.value.k !== 'str') return undefined;
  return policyNameOfArn(b.value.s);
}
