import type { Finding } from '../../core/finding';
import type { Rule } from '../../core/rule';
import { anyThrough, grantsThrough } from '../support/entryGrants';
import { listSome, undecided } from '../support/report';
import { verdictFindings } from '../support/verdicts';
import { boundaryDocs } from './shared';

/**
 * PG203. Fires when some request for an IAM mutation (any iam: action of access level Write,
 * Permissions management or Tagging, except iam:PassRole) gets through a boundary policy. A
 * bounded role that can create or change IAM entities can escape its boundary. Fix: keep only
 * read/list iam actions and iam:PassRole.
 */
export const boundaryIamMutation: Rule = {
  id: 'PG203',
  severity: 'error',
  title: 'Boundary allows IAM mutation',
  summary: 'A boundary policy allows an IAM action that creates, changes, tags or deletes IAM entities.',
  check({ model, catalog }) {
    const out: Finding[] = [];
    for (const { policy, doc } of boundaryDocs(model)) {
      if (!anyThrough(catalog, { identity: [doc] }, (a) => catalog.isIamMutation(a))) continue;
      for (const s of doc.statements) {
        if (s.effect !== 'Allow') continue;
        const g = grantsThrough(catalog, { identity: [doc] }, s, (a) => catalog.isIamMutation(a));
        if (g.unreadable)
          out.push({
            ...undecided(this, g.unreadable.loc, 'whether the boundary allows IAM mutation', g.unreadable.reason),
            subject: policy.address,
          });
        if (g.unknown?.verdict === 'unknown')
          out.push({
            ...undecided(this, g.unknown.loc ?? s.loc, 'whether the boundary allows IAM mutation', g.unknown.reason),
            subject: policy.address,
          });
        for (const e of g.entries) {
          out.push(
            ...verdictFindings(this, catalog, e.verdict, {
              message: `The boundary allows IAM mutation (${listSome(e.actions)})`,
              what: 'whether the boundary allows IAM mutation',
              fallback: e.loc,
              at: e.loc,
              subject: policy.address,
              principal: 'a role bounded by this policy',
            }),
          );
        }
      }
    }
    return out;
  },
};
