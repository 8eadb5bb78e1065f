// The two documents an audit sends to the language server: the live role as one role-template
// document (the shape GET /role-policy returns), and the template as the account registered it.
// External IDs appear masked in both. No editor types here.

import type { Account, RolePolicy } from '../api/accounts';
import type { LiveRole } from '../aws/crossAccountRole';
import { MAX_SESSION_SECONDS } from '../aws/roleSpec';
import { externalIdOf, withExternalIdValue } from '../aws/trustPolicy';
import { maskSecret } from '../util/mask';

type Json = Record<string, unknown>;

function statementsOf(doc: Json): unknown[] {
  const s = doc.Statement;
  return Array.isArray(s) ? s : s ? [s] : [];
}

function maskExternalId(trust: Json): Json {
  const id = externalIdOf(trust);
  return id ? withExternalIdValue(trust, maskSecret(id)) : trust;
}

function asText(doc: Json): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/**
 * The role as a role template: trust policy, session limit, boundary, and every identity policy
 * (inline and attached) merged into one `policyDocument`, which IAM evaluates the same way (the
 * union of allows, any deny wins). `sources` says where each part came from. `trust`: the trust
 * policy as shown (default: the live one with its external ID masked).
 */
export function liveRoleDocument(live: LiveRole, trust: Json = maskExternalId(live.trustPolicy)): string {
  const policies = [...live.inline, ...live.attached];
  return asText({
    roleName: live.roleName,
    arn: live.arn,
    maxSessionDuration: live.maxSessionDuration,
    permissionsBoundary: live.permissionsBoundaryArn,
    // The document is shown in an editor: the external ID appears masked, like everywhere else
    // (the registration check passes tokens instead, see roles/existingRole.ts).
    trustPolicyDocument: trust,
    policyDocument: { Version: '2012-10-17', Statement: policies.flatMap((p) => statementsOf(p.document)) },
    sources: {
      inlinePolicies: live.inline.map((p) => p.name),
      attachedPolicies: live.attached.map((p) => p.arn ?? p.name),
    },
  });
}

/**
 * The template as registering would have deployed it on `account`: its role name, the trust policy
 * requiring the account's external ID (masked), and the session limit registration uses.
 */
export function registeredTemplateDocument(
  policy: RolePolicy,
  account: Pick<Account, 'roleName' | 'externalId'>,
): string {
  const trust = account.externalId
    ? withExternalIdValue(policy.trustPolicyDocument, maskSecret(account.externalId))
    : maskExternalId(policy.trustPolicyDocument);
  return asText({
    roleName: account.roleName ?? policy.roleName,
    maxSessionDuration: policy.maxSessionDuration ?? MAX_SESSION_SECONDS,
    trustPolicyDocument: trust,
    policyDocument: policy.policyDocument,
  });
}
