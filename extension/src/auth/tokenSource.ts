// Bearer tokens for the API client: a fixed sandbox token, or Cognito access tokens obtained
// with an API key and secret and refreshed when within five minutes of expiry (docs/extension.md, "The Cognito flow").

import { ApiError, type TokenSource } from '../api/client';
import { CognitoError, type CognitoApi, type CognitoConfig } from './cognito';

/** Refresh when the token has less than this left (pennsieve-go uses the same margin). */
export const REFRESH_MARGIN_MS = 5 * 60 * 1000;

/** A sandbox token: it never changes; a 401 means it is wrong or expired. */
export class StaticTokenSource implements TokenSource {
  constructor(private readonly token: string) {}
  async getToken(): Promise<string> {
    return this.token;
  }
}

interface CachedToken {
  readonly accessToken: string;
  readonly expiresAt: number;
  readonly idClaims: Record<string, unknown>;
}

/** Decodes a JWT's payload without verifying it (the API verifies; we only read `exp`). */
export function jwtClaims(token: string | undefined): Record<string, unknown> {
  const part = token?.split('.')[1];
  if (!part) return {};
  try {
    const json = Buffer.from(part.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
    const claims = JSON.parse(json) as unknown;
    return claims && typeof claims === 'object' && !Array.isArray(claims) ? (claims as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * Exchanges an API key and secret for Cognito access tokens. Concurrent callers share one
 * exchange; the Cognito config is fetched once per source.
 */
export class CognitoTokenSource implements TokenSource {
  private cached: CachedToken | undefined;
  private inflight: Promise<CachedToken> | undefined;
  private config: CognitoConfig | undefined;

  constructor(
    private readonly cognito: CognitoApi,
    private readonly apiKey: string,
    private readonly apiSecret: string,
    private readonly now: () => number = Date.now,
  ) {}

  async getToken(): Promise<string> {
    return (await this.current()).accessToken;
  }

  /** Claims of the last id token (email, `custom:organization_id`), for labels. */
  async getIdClaims(): Promise<Record<string, unknown>> {
    return (await this.current()).idClaims;
  }

  invalidate(): void {
    this.cached = undefined;
  }

  private async current(): Promise<CachedToken> {
    if (this.cached && this.cached.expiresAt - this.now() > REFRESH_MARGIN_MS) return this.cached;
    this.inflight ??= this.exchange().finally(() => (this.inflight = undefined));
    this.cached = await this.inflight;
    return this.cached;
  }

  private async exchange(): Promise<CachedToken> {
    try {
      this.config ??= await this.cognito.fetchConfig();
      const pool = this.config.tokenPool;
      const res = await this.cognito.initiateAuth(pool.region, {
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: pool.appClientId,
        AuthParameters: { USERNAME: this.apiKey, PASSWORD: this.apiSecret },
      });
      const result = res.AuthenticationResult;
      if (res.ChallengeName || !result?.AccessToken) {
        throw new ApiError(
          'unauthorized',
          `Cognito asked for a step this extension cannot answer: ${res.ChallengeName ?? 'no token'}`,
        );
      }
      const exp = jwtClaims(result.AccessToken).exp;
      const expiresAt = typeof exp === 'number' ? exp * 1000 : this.now() + (result.ExpiresIn ?? 3600) * 1000;
      return { accessToken: result.AccessToken, expiresAt, idClaims: jwtClaims(result.IdToken) };
    } catch (err) {
      throw toApiError(err);
    }
  }
}

function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof CognitoError) {
    if (err.code === 'NotAuthorizedException' || err.code === 'UserNotFoundException') {
      return new ApiError('unauthorized', 'the API key or secret was not accepted', undefined, undefined, {
        cause: err,
      });
    }
    if (err.code === 'ConfigUnavailable')
      return new ApiError('server', err.message, undefined, undefined, { cause: err });
    return new ApiError('server', `Cognito refused the sign-in: ${err.code}`, undefined, undefined, { cause: err });
  }
  return new ApiError(
    'network',
    `Cognito (${err instanceof Error ? err.message : String(err)})`,
    undefined,
    undefined,
    { cause: err },
  );
}
