// External IDs in the cross-account role's trust policy: generate one, add the condition, find it.

import { randomBytes } from 'node:crypto';

type Json = Record<string, unknown>;

/** A fresh, unguessable external ID (32 hex characters). */
export function generateExternalId(): string {
  return randomBytes(16).toString('hex');
}

function statements(doc: Json): Json[] {
  const s = doc.Statement;
  if (Array.isArray(s)) return s.filter((x): x is Json => typeof x === 'object' && x !== null);
  return typeof s === 'object' && s !== null ? [s as Json] : [];
}

function isAssumeRoleAllow(st: Json): boolean {
  const actions = Array.isArray(st.Action) ? st.Action : [st.Action];
  return st.Effect === 'Allow' && actions.some((a) => a === 'sts:AssumeRole' || a === 'sts:*' || a === '*');
}

/** The external ID the trust policy already requires (sts:ExternalId under StringEquals), if any. */
export function externalIdOf(trust: Json): string | undefined {
  for (const st of statements(trust)) {
    const eq = (st.Condition as Json | undefined)?.StringEquals as Json | undefined;
    const v = eq?.['sts:ExternalId'];
    if (typeof v === 'string') return v;
    if (Array.isArray(v) && typeof v[0] === 'string') return v[0];
  }
  return undefined;
}

/** A copy of `trust` whose AssumeRole statements require `externalId`. */
export function withExternalId(trust: Json, externalId: string): Json {
  return withExternalIdValue(trust, externalId);
}

/**
 * Same, with any value in place of the ID: templates put a parameter reference there
 * (`{Ref: ExternalId}`, `var.external_id`) so no external ID is ever written to a file.
 */
export function withExternalIdValue(trust: Json, externalId: unknown): Json {
  const copy = structuredClone(trust);
  const list = statements(copy);
  for (const st of list) {
    if (!isAssumeRoleAllow(st)) continue;
    const condition = (st.Condition ?? {}) as Json;
    const eq = (condition.StringEquals ?? {}) as Json;
    st.Condition = { ...condition, StringEquals: { ...eq, 'sts:ExternalId': externalId } };
  }
  return copy;
}
