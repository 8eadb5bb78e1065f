import type { Finding } from '../../engine/finding';
import type { Rule } from '../../engine/rule';
import { finding, listSome, undecided } from '../support/report';
import { boundaryDocs, grantsByEntry } from './shared';

/**
 * PG203. Fires when a boundary policy allows an IAM mutation (any iam: action of access level
 * Write, Permissions management or Tagging, except iam:PassRole). A bounded role that can
 * create or change IAM entities can escape its boundary. Fix: keep only read/list iam actions
 * and iam:PassRole.
 */
export const boundaryIamMutation: Rule = {
  id: 'PG203',
  severity: 'error',
  title: 'Boundary allows IAM mutation',
  summary: 'A boundary policy allows an IAM action that creates, changes, tags or deletes IAM entities.',
  check({ model, catalog }) {
    const out: Finding[] = [];
    for (const { doc } of boundaryDocs(model)) {
      for (const s of doc.statements) {
        if (s.effect !== 'Allow') continue;
        const g = grantsByEntry(catalog, s);
        if (g.unknown) out.push(undecided(this, g.unknown.loc, 'whether the boundary allows IAM mutation', g.unknown.reason));
        for (const group of g.groups) {
          const mutations = group.actions.filter((a) => catalog.isIamMutation(a));
          if (mutations.length) out.push(finding(this, group.loc, `The boundary allows IAM mutation: ${listSome(mutations)}`));
        }
      }
    }
    return out;
  },
};
