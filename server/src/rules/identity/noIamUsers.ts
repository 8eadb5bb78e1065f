import type { Finding } from '../../core/finding';
import type { Rule } from '../../core/rule';
import { anyThrough, grantsThrough } from '../support/entryGrants';
import { principalsOf } from '../support/principals';
import { callerOf, policiesOf } from '../support/questions';
import { finding, listSome, undecided, unreadPolicy } from '../support/report';
import { verdictFindings } from '../support/verdicts';

const USER_TYPES = new Set([
  'aws_iam_user',
  'aws_iam_access_key',
  'aws_iam_user_login_profile',
  'AWS::IAM::User',
  'AWS::IAM::AccessKey',
]);
const ACTIONS = new Set(['iam:CreateUser', 'iam:CreateAccessKey']);

/**
 * PG401. Fires when an IAM user or access key is created (aws_iam_user, aws_iam_access_key,
 * AWS::IAM::User, AWS::IAM::AccessKey), or when some iam:CreateUser / iam:CreateAccessKey request
 * gets through a principal's policies (one finding per granting Action entry). The platform
 * promises short-lived role credentials only: long-lived keys are what leak. Fix: remove the
 * user or key, use a role.
 */
export const noIamUsers: Rule = {
  id: 'PG401',
  severity: 'error',
  title: 'IAM user or access key',
  summary: 'An IAM user or access key is created, or a policy allows creating them.',
  check({ model, catalog }) {
    const out: Finding[] = [];
    for (const r of model.resources) {
      if (!USER_TYPES.has(r.type) || r.exists === 'no') continue;
      out.push(
        finding(
          this,
          r.labelLoc,
          `IAM users and access keys are not allowed; use a role with temporary credentials: ${r.address}`,
        ),
      );
    }
    for (const ref of model.unresolvedLoose)
      out.push(
        unreadPolicy(
          this,
          ref,
          'whether the policy attached to users or groups allows creating IAM users or access keys',
        ),
      );
    for (const p of principalsOf(model)) {
      if (!anyThrough(catalog, policiesOf(p), (a) => ACTIONS.has(a))) continue;
      for (const doc of p.identity) {
        for (const s of doc.statements) {
          if (s.effect !== 'Allow') continue;
          const g = grantsThrough(catalog, policiesOf(p), s, (a) => ACTIONS.has(a));
          const what = 'whether IAM users or access keys can be created';
          if (g.unknown?.verdict === 'unknown')
            out.push({ ...undecided(this, g.unknown.loc ?? s.loc, what, g.unknown.reason), subject: p.label });
          for (const e of g.entries) {
            const message = `This allows creating IAM users or access keys, which are not allowed (${listSome(e.actions)})`;
            out.push(
              ...verdictFindings(this, catalog, e.verdict, {
                message,
                fixText: 'Remove these actions',
                what,
                fallback: e.loc,
                at: e.loc,
                subject: p.label,
                principal: callerOf(p),
              }),
            );
          }
        }
      }
    }
    return out;
  },
};
