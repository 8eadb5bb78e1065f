// Checks a role someone else created (a security team applied the exported template) before it
// is registered: its trust names the platform's principal, and every statement that lets that
// principal in requires exactly the external ID the user gave. The client replaces external IDs
// with tokens before sending (EXTERNAL_ID_TOKENS), so no secret reaches the server. No LSP types.

import { EXTERNAL_ID_TOKENS, type ExistingRoleCheck } from '../../../shared/roleProtocol';
import type { RoleDocument } from './roleDrift';
import { isObject, statementsOf, strings, type Json } from './roleJson';

/** An AWS principal as an ARN: a bare account id is its root. */
function normalize(p: string): string {
  return /^\d{12}$/.test(p) ? `arn:aws:iam::${p}:root` : p;
}

/** The AWS principals an Allow statement names (`*` included). */
function awsPrincipals(st: Json): string[] {
  if (st.Effect !== 'Allow') return [];
  if (st.Principal === '*') return ['*'];
  return isObject(st.Principal) ? strings(st.Principal.AWS).map(normalize) : [];
}

/** The platform's principals: the AWS principals the template's trust names. */
export function platformPrincipals(template: RoleDocument): string[] {
  return [...new Set(statementsOf(template.trustPolicyDocument).flatMap(awsPrincipals))].filter((p) => p !== '*');
}

/** The live trust names at least one of the template's principals. */
export function checkPlatformPrincipal(live: RoleDocument, template: RoleDocument): ExistingRoleCheck {
  const wanted = platformPrincipals(template);
  if (wanted.length === 0) return { ok: false, detail: 'The role template names no AWS principal to look for' };
  const named = new Set(statementsOf(live.trustPolicyDocument).flatMap(awsPrincipals));
  const found = wanted.filter((p) => named.has(p));
  if (found.length > 0) return { ok: true, detail: `The trust names the platform's principal ${found.join(', ')}` };
  return {
    ok: false,
    detail: `The trust does not name the platform's principal (${wanted.join(', ')}); it names ${[...named].join(', ') || 'no AWS principal'}`,
  };
}

/** The values `StringEquals` gives sts:ExternalId in a statement (any key case). */
function externalIds(st: Json): string[] | undefined {
  const cond = isObject(st.Condition) ? st.Condition : {};
  const eq = Object.entries(cond).find(([op]) => op === 'StringEquals')?.[1];
  if (!isObject(eq)) return undefined;
  const entry = Object.entries(eq).find(([k]) => k.toLowerCase() === 'sts:externalid');
  return entry ? strings(entry[1]) : undefined;
}

/**
 * Every Allow statement naming a platform principal requires, under StringEquals, exactly the
 * external ID the user gave (the token for "matches"), and nothing else.
 */
export function checkExternalId(live: RoleDocument, template: RoleDocument): ExistingRoleCheck {
  const wanted = new Set(platformPrincipals(template));
  const relevant = statementsOf(live.trustPolicyDocument).filter((st) =>
    awsPrincipals(st).some((p) => p === '*' || wanted.has(p)),
  );
  if (relevant.length === 0)
    return { ok: false, detail: 'No trust statement lets the platform in, so there is no external ID to check' };
  for (const st of relevant) {
    const ids = externalIds(st);
    const sid = typeof st.Sid === 'string' ? ` (statement ${st.Sid})` : '';
    if (!ids || ids.length === 0)
      return {
        ok: false,
        detail: `A trust statement${sid} lets the platform in without StringEquals on sts:ExternalId`,
      };
    if (ids.some((v) => v !== EXTERNAL_ID_TOKENS.matches))
      return { ok: false, detail: `A trust statement${sid} accepts an external ID other than the one you entered` };
  }
  return { ok: true, detail: 'Every statement that lets the platform in requires the external ID you entered' };
}
