import type { Finding } from '../../engine/finding';
import type { Rule } from '../../engine/rule';
import { textOf } from '../../model/pstr';
import { grantsByEntry } from '../boundary/shared';
import { identityDocsOf } from '../support/principals';
import { finding } from '../support/report';

/**
 * PG503. Fires when an identity policy (not a policy used only as a boundary) allows
 * iam:PassRole on `Resource: "*"`: the holder can hand any role in the account, including
 * administrator roles, to a service it controls. Fix: list the roles it may pass
 * (`arn:aws:iam::*:role/pennsieve-*`) and add an iam:PassedToService condition.
 */
export const passRoleStar: Rule = {
  id: 'PG503',
  severity: 'error',
  title: 'iam:PassRole on every role',
  summary: 'An identity policy allows iam:PassRole on Resource "*".',
  check({ model, catalog }) {
    const out: Finding[] = [];
    for (const doc of identityDocsOf(model)) {
      for (const s of doc.statements) {
        if (s.effect !== 'Allow') continue;
        if (!grantsByEntry(catalog, s).groups.some((g) => g.actions.includes('iam:PassRole'))) continue;
        if (s.notResource) out.push(finding(this, s.notResource.loc, 'iam:PassRole with NotResource can pass almost any role: list the roles in Resource'));
        for (const item of s.resource?.items ?? []) {
          if (textOf(item.value) === '*') out.push(finding(this, item.loc, 'iam:PassRole is allowed on every role: list the roles it may pass, e.g. arn:aws:iam::*:role/pennsieve-*'));
        }
      }
    }
    return out;
  },
};
