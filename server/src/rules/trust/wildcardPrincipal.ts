import type { Finding } from '../../core/finding';
import type { Rule } from '../../core/rule';
import { prove } from '../../iam/prove/prove';
import type { Loc } from '../../model/loc';
import type { Statement } from '../../model/policy';
import { textOf } from '../../model/pstr';
import { roleLabel } from '../support/principals';
import { verdictFindings } from '../support/verdicts';
import { trustDocs } from './shared';
import { PIN_KEYS, strangerAccount, strangerKeys, strangerPrincipal, withConstantHoles } from './stranger';

/**
 * PG101. Fires when an outsider can assume the role: a principal of an AWS account no policy
 * names, whose identity keys (aws:PrincipalAccount, aws:PrincipalArn, aws:PrincipalOrgID, ...)
 * are its own, gets sts:AssumeRole through the trust policy. That happens with `Principal: "*"`
 * (or `{"AWS": "*"}`, or an Allow with NotPrincipal) unless a condition pins the caller; a
 * pattern such as `arn:aws:iam::*:role/*` or `????????????` pins nothing. Fix: name the
 * provisioner's principal, or pin it with aws:PrincipalArn, aws:PrincipalAccount or
 * aws:PrincipalOrgID set to exact values.
 */
export const wildcardPrincipal: Rule = {
  id: 'PG101',
  severity: 'error',
  title: 'Trust policy open to any principal',
  summary:
    'A trust policy allows Principal "*" without a condition that pins the caller, so any AWS account could assume the role.',
  check({ model, catalog }) {
    const out: Finding[] = [];
    const pinKeys = new Set(PIN_KEYS);
    for (const { doc, role } of trustDocs(model)) {
      const view = withConstantHoles(doc, pinKeys);
      const account = strangerAccount([view]);
      const v = prove(catalog, {
        identity: [view],
        actions: ['sts:AssumeRole'],
        principal: strangerPrincipal(account),
        keys: strangerKeys(account, [view], catalog.patterns),
      });
      out.push(
        ...verdictFindings(this, catalog, v, {
          message: 'Any AWS principal can assume this role',
          fixText:
            'Pin the caller with aws:PrincipalArn, aws:PrincipalAccount or aws:PrincipalOrgID set to exact values, or name the provisioner principal',
          what: 'whether any principal can assume this role',
          fallback: doc.statementLoc,
          at: v.verdict === 'counterexample' ? wildcardSpot(v.witness.allowedBy?.statement) : undefined,
          subject: roleLabel(role),
          principal: strangerPrincipal(account).value,
          keysOfInterest: ['aws:principalarn', 'aws:principalaccount', 'aws:principalorgid'],
        }),
      );
    }
    return out;
  },
};

/** Where the statement lets everyone in: `"*"`, the `{"AWS": "*"}` entry, or NotPrincipal. */
export function wildcardSpot(s: Statement | undefined): Loc | undefined {
  if (!s) return undefined;
  if (s.notPrincipal) return s.notPrincipal.loc;
  if (!s.principal || s.principal.wildcard) return s.principal?.loc ?? s.loc;
  const star = s.principal.entries
    .filter((e) => e.type === 'AWS')
    .flatMap((e) => e.items.items)
    .find((i) => textOf(i.value) === '*');
  return star?.loc ?? s.principal.loc;
}
