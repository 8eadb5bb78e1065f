// Cognito as the reference describes it (§2.1): the public config endpoint, then InitiateAuth
// with USER_PASSWORD_AUTH on the token pool's app client. Behind an interface so tests can fake it.

import { num, object, optional, record, str, type Infer } from '../api/schema';

const poolSchema = object({ region: str, id: str, appClientId: str });
export const cognitoConfigSchema = object({
  region: str,
  userPool: poolSchema,
  tokenPool: poolSchema,
  identityPool: optional(object({ region: str, id: str })),
});
export type CognitoConfig = Infer<typeof cognitoConfigSchema>;

/** The request body of `AWSCognitoIdentityProviderService.InitiateAuth`. */
export interface InitiateAuthRequest {
  readonly AuthFlow: 'USER_PASSWORD_AUTH';
  readonly ClientId: string;
  readonly AuthParameters: { readonly USERNAME: string; readonly PASSWORD: string };
}

export const initiateAuthResponseSchema = object({
  AuthenticationResult: optional(
    object({
      AccessToken: optional(str),
      ExpiresIn: optional(num),
      IdToken: optional(str),
      RefreshToken: optional(str),
      TokenType: optional(str),
    }),
  ),
  ChallengeName: optional(str),
  Session: optional(str),
  ChallengeParameters: optional(record),
});
export type InitiateAuthResponse = Infer<typeof initiateAuthResponseSchema>;

/** A Cognito service error (`__type` of the JSON error body, e.g. NotAuthorizedException). */
export class CognitoError extends Error {
  override readonly name = 'CognitoError';
  constructor(readonly code: string, message: string, readonly status?: number) {
    super(message);
  }
}

/** The two calls the token source makes. */
export interface CognitoApi {
  fetchConfig(signal?: AbortSignal): Promise<CognitoConfig>;
  initiateAuth(region: string, request: InitiateAuthRequest, signal?: AbortSignal): Promise<InitiateAuthResponse>;
}

/**
 * Where the Cognito config lives for an API base URL: `https://api2.pennsieve.io/...` →
 * `https://api.pennsieve.io/authentication/cognito-config` (and `.net` for development).
 */
export function cognitoConfigUrl(apiBaseUrl: string): string {
  let host = 'api2.pennsieve.io';
  try {
    host = new URL(apiBaseUrl).host;
  } catch {
    // A malformed URL falls back to production's host.
  }
  const apiHost = host.replace(/^api2\./, 'api.');
  return `https://${apiHost}/authentication/cognito-config`;
}

/** The real thing, over fetch. InitiateAuth is unsigned: it needs no AWS credentials. */
export function createHttpCognitoApi(configUrl: string, fetchFn: typeof fetch = (i, init) => fetch(i, init)): CognitoApi {
  return {
    async fetchConfig(signal) {
      const res = await fetchFn(configUrl, { headers: { Accept: 'application/json' }, signal });
      if (!res.ok) throw new CognitoError('ConfigUnavailable', `the Cognito configuration is unavailable (${res.status})`, res.status);
      return cognitoConfigSchema.parse(await res.json());
    },
    async initiateAuth(region, request, signal) {
      const res = await fetchFn(`https://cognito-idp.${region}.amazonaws.com/`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-amz-json-1.1',
          'X-Amz-Target': 'AWSCognitoIdentityProviderService.InitiateAuth',
        },
        body: JSON.stringify(request),
        signal,
      });
      const text = await res.text();
      const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      if (!res.ok) throw cognitoErrorOf(body, res.status, res.headers.get('x-amzn-errortype'));
      return initiateAuthResponseSchema.parse(body);
    },
  };
}

/** Reads an AWS JSON-protocol error body: `{"__type": "...#NotAuthorizedException", "message": "..."}`. */
export function cognitoErrorOf(body: Record<string, unknown>, status: number, headerType?: string | null): CognitoError {
  const rawType = typeof body.__type === 'string' ? body.__type : (headerType ?? 'UnknownError');
  const code = rawType.split('#').pop()!.split(':')[0]!;
  const message = typeof body.message === 'string' ? body.message : typeof body.Message === 'string' ? body.Message : code;
  return new CognitoError(code, message, status);
}
