// The part of AWS's trust-policy evaluation an emulator skips: may the provisioner account assume
// this role with this external ID? Used only where the AWS endpoint does not evaluate it itself.

type Json = Record<string, unknown>;

function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : v === undefined ? [] : [v];
}

function parseDocument(doc: unknown): Json | undefined {
  if (typeof doc === 'object' && doc !== null) return doc as Json;
  if (typeof doc !== 'string') return undefined;
  for (const text of [doc, safeDecode(doc)]) {
    try {
      return JSON.parse(text) as Json;
    } catch {
      // IAM returns the document URL-encoded; try the decoded form next.
    }
  }
  return undefined;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function globMatch(pattern: string, value: string): boolean {
  const re = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
  return re.test(value);
}

function coversAssumeRole(statement: Json): boolean {
  return list(statement.Action).some((a) => typeof a === 'string' && globMatch(a.toLowerCase(), 'sts:assumerole'));
}

function namesAccount(statement: Json, accountId: string): boolean {
  const principal = statement.Principal;
  if (principal === '*') return true;
  if (typeof principal !== 'object' || principal === null) return false;
  return list((principal as Json).AWS).some(
    (p) => p === '*' || p === accountId || p === `arn:aws:iam::${accountId}:root`,
  );
}

/** True unless a condition on sts:ExternalId rejects `externalId` (other keys are not evaluated). */
function externalIdAccepted(statement: Json, externalId: string): boolean {
  const conditions = (statement.Condition ?? {}) as Record<string, Json>;
  for (const [operator, entries] of Object.entries(conditions)) {
    for (const [key, expected] of Object.entries(entries ?? {})) {
      if (key.toLowerCase() !== 'sts:externalid') continue;
      const values = list(expected).map(String);
      const ok =
        operator === 'StringEquals'
          ? values.includes(externalId)
          : operator === 'StringLike'
            ? values.some((v) => globMatch(v, externalId))
            : false;
      if (!ok || !externalId) return false;
    }
  }
  return true;
}

/**
 * Why `provisionerAccountId` may not assume a role with trust policy `doc` using `externalId`,
 * or undefined when an Allow statement admits it and no Deny statement rejects it.
 */
export function trustDenialReason(doc: unknown, provisionerAccountId: string, externalId: string): string | undefined {
  const parsed = parseDocument(doc);
  if (!parsed) return 'the role has no readable trust policy';
  const statements = list(parsed.Statement).filter((s): s is Json => typeof s === 'object' && s !== null);
  const applies = (s: Json) => coversAssumeRole(s) && namesAccount(s, provisionerAccountId);
  if (statements.some((s) => s.Effect === 'Deny' && applies(s) && externalIdAccepted(s, externalId))) {
    return `the trust policy denies sts:AssumeRole to account ${provisionerAccountId}`;
  }
  const allows = statements.filter((s) => s.Effect === 'Allow' && applies(s));
  if (allows.length === 0) return `the trust policy does not allow account ${provisionerAccountId} to assume the role`;
  if (!allows.some((s) => externalIdAccepted(s, externalId))) return 'the external ID does not match the trust policy';
  return undefined;
}
