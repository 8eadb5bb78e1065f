import type { Finding } from '../../core/finding';
import type { Rule } from '../../core/rule';
import { boundaryMayAllow } from '../support/allows';
import { isAwsManagedDoc } from '../../model/awsManaged';
import { renderPStr } from '../../model/pstr';
import { finding } from '../support/report';
import { grantsByEntry } from './shared';

/**
 * PG204 (warning). Fires when an identity policy on a bounded role grants actions its boundary
 * does not allow: the grant silently does nothing, which usually means the policy or the
 * boundary is not what the author thinks. Fix: remove the grant, or widen the boundary within
 * the profile's limits.
 */
export const ineffectiveGrant: Rule = {
  id: 'PG204',
  severity: 'warning',
  title: 'Grant blocked by the boundary',
  summary:
    'An identity policy on a bounded role grants actions its boundary does not allow, so the grant has no effect.',
  check({ model, catalog }) {
    const out: Finding[] = [];
    for (const role of model.roles) {
      const boundary = role.boundary?.policy?.doc;
      if (!boundary) continue;
      for (const { doc } of role.identity) {
        if (isAwsManagedDoc(doc)) continue;
        for (const s of doc.statements) {
          if (s.effect !== 'Allow') continue;
          for (const group of grantsByEntry(catalog, s).groups) {
            if (group.actions.length === 0) continue;
            if (group.actions.every((a) => boundaryMayAllow(catalog, boundary, a) === 'no')) {
              const what = group.item ? renderPStr(group.item.value) : 'NotAction';
              out.push(
                finding(
                  this,
                  group.loc,
                  `The boundary of ${role.address} does not allow this, so the grant has no effect: ${what}`,
                ),
              );
            }
          }
        }
      }
    }
    return out;
  },
};
