import type { Finding } from '../../engine/finding';
import type { Rule } from '../../engine/rule';
import { textOf } from '../../model/pstr';
import { finding } from '../support/report';
import { awsPrincipals, isSelfAccount, trustDocs } from './shared';

/**
 * PG102. Fires when a trust policy lets an AWS principal (another account) assume the role
 * without `StringEquals` on `sts:ExternalId`, and the profile requires an external ID. Without
 * it the provisioner can be tricked into acting for another customer (confused deputy). Fix:
 * add `"Condition": {"StringEquals": {"sts:ExternalId": "<external id>"}}`.
 */
export const externalId: Rule = {
  id: 'PG102',
  severity: 'error',
  title: 'Cross-account trust without external ID',
  summary: 'A trust policy lets another AWS account assume the role without a StringEquals sts:ExternalId condition.',
  check({ model, profile }) {
    if (!profile.crossAccountRole.requireExternalId) return [];
    const out: Finding[] = [];
    for (const { doc } of trustDocs(model)) {
      for (const s of doc.statements) {
        if (s.effect !== 'Allow') continue;
        const principals = awsPrincipals(s).filter((p) => !isSelfAccount(p));
        if (principals.length === 0) continue;
        if (s.conditionsUnknown) continue;
        const ok = s.conditions.some(
          (c) => c.operator === 'StringEquals' && c.key.toLowerCase() === 'sts:externalid' && (c.values.unknown !== undefined || c.values.items.some((i) => textOf(i.value) !== '' && textOf(i.value) !== '*')),
        );
        if (ok) continue;
        out.push(
          finding(this, principals[0].loc, 'Another AWS account can assume this role without an external ID: add "StringEquals": {"sts:ExternalId": …} to the statement', {
            fix: { kind: 'addExternalId', statementLoc: s.loc },
          }),
        );
      }
    }
    return out;
  },
};
