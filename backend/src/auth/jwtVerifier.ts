// Verifies Cognito access tokens the way Pennsieve's API Gateway authorizer does: an RS256
// signature by a key of the pool's JWKS, the pool as issuer, the app client, `token_use` access,
// and an expiry in the future. The keys are fetched from `jwksUrl` (moto's, or the pool's at
// cognito-idp) and fetched again when a token names a key not seen yet.

import { createPublicKey, verify, type JsonWebKey, type KeyObject } from 'node:crypto';

export interface JwtVerifierOptions {
  /** e.g. `http://127.0.0.1:5000/<pool id>/.well-known/jwks.json` (moto) or the pool's own URL. */
  readonly jwksUrl: string;
  /** `https://cognito-idp.<region>.amazonaws.com/<pool id>`: what the tokens say, on moto too. */
  readonly issuer: string;
  readonly clientId: string;
  readonly fetch?: typeof fetch;
}

/** The claims the authorizer uses from a valid access token. */
export interface AccessClaims {
  readonly username: string;
  /** Seconds since the epoch. */
  readonly exp: number;
}

const MIN_REFETCH_MS = 30_000;

function decodePart(part: string | undefined): Record<string, unknown> | undefined {
  if (!part) return undefined;
  try {
    const value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Checks the payload of a correctly signed token; its claims, or undefined. */
function acceptedClaims(
  payload: Record<string, unknown>,
  opts: JwtVerifierOptions,
  now: Date,
): AccessClaims | undefined {
  const { iss, token_use: use, client_id: client, exp, username } = payload;
  if (iss !== opts.issuer || use !== 'access' || client !== opts.clientId) return undefined;
  if (typeof exp !== 'number' || exp * 1000 <= now.getTime() || typeof username !== 'string' || !username)
    return undefined;
  return { username, exp };
}

export interface JwtVerifier {
  /** The token's claims when it is a valid, unexpired access token of the pool's client; else undefined. */
  verify(token: string, now: Date): Promise<AccessClaims | undefined>;
}

export function createJwtVerifier(opts: JwtVerifierOptions): JwtVerifier {
  const fetchFn = opts.fetch ?? ((i, init) => fetch(i, init));
  let keys = new Map<string, KeyObject>();
  let fetchedAt = 0;
  const refresh = async () => {
    if (Date.now() - fetchedAt < MIN_REFETCH_MS && keys.size > 0) return;
    fetchedAt = Date.now();
    const res = await fetchFn(opts.jwksUrl, { headers: { Accept: 'application/json' } });
    if (!res.ok) throw new Error(`the pool's JWKS is unavailable (${res.status})`);
    const body = (await res.json()) as { keys?: (JsonWebKey & { kid?: string })[] };
    keys = new Map(
      (body.keys ?? [])
        .filter((k) => k.kid && k.kty === 'RSA')
        .map((k) => [k.kid!, createPublicKey({ key: k, format: 'jwk' })]),
    );
  };
  return {
    async verify(token, now) {
      const [head, body, signature] = token.split('.');
      const header = decodePart(head);
      const payload = decodePart(body);
      if (!header || !payload || !signature || header['alg'] !== 'RS256' || typeof header['kid'] !== 'string')
        return undefined;
      if (!keys.has(header['kid'])) await refresh();
      const key = keys.get(header['kid']);
      if (!key || !verify('RSA-SHA256', Buffer.from(`${head}.${body}`), key, Buffer.from(signature, 'base64url')))
        return undefined;
      return acceptedClaims(payload, opts, now);
    },
  };
}
