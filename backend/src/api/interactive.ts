// GET /interactive/jwks (route 42): the public keys interactive-session proxies verify tokens with.
// Unauthenticated, as production; its errors are `{"error":"keys"}`.

import { ApiError, json, type RequestContext } from './http';

/** GET /interactive/jwks: `{keys:[{kty,use,alg,kid,n,e}]}`, cacheable for 300 s. */
export async function jwks(ctx: RequestContext) {
  try {
    const body = await ctx.deps.signingKeys.jwks();
    return json(200, body, { 'Cache-Control': 'public, max-age=300' });
  } catch {
    throw new ApiError(500, 'keys', 'error');
  }
}
