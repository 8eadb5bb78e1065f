// What API Gateway and Pennsieve's Lambda authorizers do before a handler runs: token → claims,
// with the gateway's 401 and 403 answers.

import type { Claims, Directory } from './directory';

export type GatewayScheme = 'token' | 'workspace';

export type GatewayResult =
  | { readonly ok: true; readonly claims: Claims }
  | { readonly ok: false; readonly status: 401 | 403; readonly body: { readonly message: string } };

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
export function authorizeRequest(
  directory: Directory,
  scheme: GatewayScheme,
  authorization: string | undefined,
  organizationId: string | null,
  now: Date,
): GatewayResult {
  const token = bearerToken(authorization);
  // A missing identity source never reaches the authorizer: the gateway answers 401 itself.
  if (!token || (scheme === 'workspace' && !organizationId)) return UNAUTHORIZED;
  const user = directory.authenticate(token, now);
  if (!user) return UNAUTHORIZED;
  if (scheme === 'token') return { ok: true, claims: directory.tokenClaims(user) };
  const auth = directory.authorize(user.nodeId, organizationId as string);
  return auth.isAuthorized && auth.claims ? { ok: true, claims: auth.claims } : FORBIDDEN;
}
