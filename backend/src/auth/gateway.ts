// What API Gateway and Pennsieve's Lambda authorizers do before a handler runs: token → claims,
// with the gateway's 401 and 403 answers.

import type { Authenticator } from './authenticator';
import type { Claims, Directory } from './directory';

/** `none`: a public route (production's cognito-config lives on such a host). */
export type GatewayScheme = 'token' | 'workspace' | 'none';

export type GatewayResult =
  | { readonly ok: true; readonly claims: Claims }
  | { readonly ok: false; readonly status: 401 | 403; readonly body: { readonly message: string } };

/** The claims a public route's handler gets: nobody (it must not read them). */
const ANONYMOUS: Claims = { user_claim: { Id: 0, NodeId: '', IsSuperAdmin: false }, team_claims: [] };
const UNAUTHORIZED = { ok: false, status: 401, body: { message: 'Unauthorized' } } as const;
const FORBIDDEN = { ok: false, status: 403, body: { message: 'Forbidden' } } as const;

/** The bearer token of an `Authorization` header, or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

/**
 * `token_auth`: any known, unexpired token; claims for the user's active organization.
 * `token_workspace_auth`: additionally `?organization_id=`, whose member the user must be with a
 * role other than NoPermission; claims for that organization.
 */
export async function authorizeRequest(
  gate: { readonly directory: Directory; readonly authenticator: Authenticator },
  scheme: GatewayScheme,
  authorization: string | undefined,
  organizationId: string | null,
  now: Date,
): Promise<GatewayResult> {
  if (scheme === 'none') return { ok: true, claims: ANONYMOUS };
  const { directory } = gate;
  const token = bearerToken(authorization);
  // A missing identity source never reaches the authorizer: the gateway answers 401 itself.
  if (!token || (scheme === 'workspace' && !organizationId)) return UNAUTHORIZED;
  const found = await gate.authenticator.authenticate(token, now);
  if (found.kind === 'denied') return FORBIDDEN;
  if (found.kind === 'unknown') return UNAUTHORIZED;
  const user = found.user;
  if (scheme === 'token') return { ok: true, claims: directory.tokenClaims(user) };
  const auth = directory.authorize(user.nodeId, organizationId as string);
  return auth.isAuthorized && auth.claims ? { ok: true, claims: auth.claims } : FORBIDDEN;
}
