import type { Finding } from '../../engine/finding';
import type { Rule } from '../../engine/rule';
import { selfIamArn } from '../../iam/standIns';
import { principalsOf } from '../support/principals';
import { finding } from '../support/report';
import { allowedFindings, candidateResources, decideAny, USER_ARN } from '../support/requests';

const USER_TYPES = new Set(['aws_iam_user', 'aws_iam_access_key', 'aws_iam_user_login_profile', 'AWS::IAM::User', 'AWS::IAM::AccessKey']);

/**
 * PG401. Fires when an IAM user or access key is created (aws_iam_user, aws_iam_access_key,
 * AWS::IAM::User, AWS::IAM::AccessKey) or a policy allows iam:CreateUser / iam:CreateAccessKey.
 * The platform promises short-lived role credentials only: long-lived keys are what leak.
 * Fix: remove the user or key, use a role.
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
      out.push(finding(this, r.labelLoc, `IAM users and access keys are not allowed; use a role with temporary credentials: ${r.address}`));
    }
    for (const p of principalsOf(model)) {
      if (p.identity.length === 0) continue;
      let users: string[] | undefined;
      const userArns = () => (users ??= candidateResources(p, [selfIamArn('user', 'pg-witness-user')], USER_ARN));
      const perEntry = new Map<string, Finding>();
      for (const action of ['iam:CreateUser', 'iam:CreateAccessKey']) {
        const d = decideAny(catalog, p, action, userArns);
        const message = `This allows creating IAM users or access keys, which are not allowed: remove ${action}`;
        // One finding per offending entry, even when it grants both actions (iam:Create*).
        for (const f of allowedFindings(this, d, message, `whether ${action} is allowed`, p.loc)) {
          const key = `${f.loc.file}:${f.loc.start}:${f.severity}`;
          if (!perEntry.has(key)) perEntry.set(key, f);
        }
      }
      out.push(...perEntry.values());
    }
    return out;
  },
};
