// Where clients sign in: production's Cognito configuration (served by api.pennsieve.io there).

import { json, type ApiResponse, type RequestContext } from './http';

/**
 * GET /authentication/cognito-config: the pool and app client to call InitiateAuth on, in
 * production's shape (`tokenPool` is where API keys sign in; the sandbox has one pool for both),
 * plus the sandbox-only `endpoint` of an emulated Cognito. Only with `--auth cognito`.
 */
export async function cognitoConfig(ctx: RequestContext): Promise<ApiResponse> {
  const c = ctx.deps.cognito;
  if (!c) return { status: 404, body: 'unsupported route' };
  const pool = { region: c.region, id: c.poolId, appClientId: c.clientId };
  return json(200, {
    region: c.region,
    userPool: pool,
    tokenPool: pool,
    ...(c.endpoint ? { endpoint: c.endpoint } : {}),
  });
}
