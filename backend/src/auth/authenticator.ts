// Bearer token → user, in the sandbox's two sign-in modes: the identities file's static tokens,
// or Cognito access tokens verified against the pool's keys, as production's authorizer does.

import { createHash } from 'node:crypto';
import type { CognitoPool } from './cognitoPool';
import type { Directory } from './directory';
import type { Identities, UserIdentity } from './identities';
import type { JwtVerifier } from './jwtVerifier';

/** A known user; `unknown`: the gateway's 401; `denied`: a valid token of no (longer any) user: 403. */
export type Authentication =
  { readonly kind: 'user'; readonly user: UserIdentity } | { readonly kind: 'unknown' } | { readonly kind: 'denied' };

export interface Authenticator {
  authenticate(token: string, now: Date): Promise<Authentication>;
}

const UNKNOWN: Authentication = { kind: 'unknown' };
const DENIED: Authentication = { kind: 'denied' };

/** The identities file's tokens (compared in constant time by the directory). */
export function staticTokenAuthenticator(directory: Directory): Authenticator {
  return {
    authenticate: async (token, now) => {
      const user = directory.authenticate(token, now);
      return user ? { kind: 'user', user } : UNKNOWN;
    },
  };
}

export interface CognitoAuthenticatorOptions {
  readonly verifier: JwtVerifier;
  readonly pool: Pick<CognitoPool, 'isActive'>;
  readonly identities: Identities;
  /** How long an answer is kept per token (production's API Gateway: 300 s), never past the token's expiry. */
  readonly cacheMs: number;
}

/**
 * Cognito access tokens: a valid token's user name is an API key of the identities file, whose
 * Cognito user must still exist and be enabled (production looks the key up in its tokens
 * table); a deleted or disabled key is denied once the cached answer for its token expires.
 */
export function cognitoAuthenticator(opts: CognitoAuthenticatorOptions): Authenticator {
  const byKey = new Map(opts.identities.users.flatMap((u) => (u.apiKey ? [[u.apiKey, u] as const] : [])));
  const cache = new Map<string, { answer: Authentication; until: number }>();
  const decide = async (token: string, now: Date): Promise<{ answer: Authentication; until: number }> => {
    const claims = await opts.verifier.verify(token, now);
    if (!claims) return { answer: UNKNOWN, until: 0 };
    const user = byKey.get(claims.username);
    const answer: Authentication =
      user && (await opts.pool.isActive(claims.username)) ? { kind: 'user', user } : DENIED;
    return { answer, until: Math.min(now.getTime() + opts.cacheMs, claims.exp * 1000) };
  };
  return {
    async authenticate(token, now) {
      const key = createHash('sha256').update(token).digest('hex');
      const cached = cache.get(key);
      if (cached && cached.until > now.getTime()) return cached.answer;
      const decided = await decide(token, now);
      if (cache.size > 10_000) cache.clear();
      if (decided.until > now.getTime()) cache.set(key, decided);
      return decided.answer;
    },
  };
}
