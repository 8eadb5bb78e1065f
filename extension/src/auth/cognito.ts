// Sign-in with an API key and secret, as Pennsieve's clients do: the public Cognito configuration
// of the API's host, then Cognito InitiateAuth with USER_PASSWORD_AUTH on the token pool's app
// client (user name = API key, password = API secret), through the AWS SDK's Cognito client.
// Behind an interface so that the token source can be tested on its own.

import {
  CognitoIdentityProviderClient,
  CognitoIdentityProviderServiceException,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { num, object, optional, record, str, type Infer } from '../api/schema';

const poolSchema = object({ region: str, id: str, appClientId: str });
export const cognitoConfigSchema = object({
  region: str,
  userPool: poolSchema,
  tokenPool: poolSchema,
  identityPool: optional(object({ region: str, id: str })),
  /** Sandbox only: an emulated Cognito (moto) on this machine. */
  endpoint: optional(str),
});
export type CognitoConfig = Infer<typeof cognitoConfigSchema>;

/** The request of `AWSCognitoIdentityProviderService.InitiateAuth`. */
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

/** A Cognito service error (e.g. NotAuthorizedException), or the configuration's absence. */
export class CognitoError extends Error {
  override readonly name = 'CognitoError';
  constructor(
    readonly code: string,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** The two calls the token source makes. */
export interface CognitoApi {
  fetchConfig(signal?: AbortSignal): Promise<CognitoConfig>;
  initiateAuth(region: string, request: InitiateAuthRequest, signal?: AbortSignal): Promise<InitiateAuthResponse>;
}

/**
 * Where the Cognito configuration lives for an API base URL: `https://api2.pennsieve.io/...` →
 * `https://api.pennsieve.io/authentication/cognito-config` (`.net` for development); any other
 * host (a sandbox) serves it itself: `<origin>/authentication/cognito-config`.
 */
export function cognitoConfigUrl(apiBaseUrl: string): string {
  let url: URL;
  try {
    url = new URL(apiBaseUrl);
  } catch {
    return 'https://api.pennsieve.io/authentication/cognito-config';
  }
  if (/^api2\.pennsieve\.(io|net)$/.test(url.host))
    return `https://${url.host.replace(/^api2\./, 'api.')}/authentication/cognito-config`;
  return `${url.origin}/authentication/cognito-config`;
}

/** The configuration's emulator endpoint, if it is on this machine; anything else is ignored (real Cognito). */
export function loopbackEndpoint(endpoint: string | undefined): string | undefined {
  if (!endpoint) return undefined;
  try {
    const url = new URL(endpoint);
    const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
    return loopback && (url.protocol === 'http:' || url.protocol === 'https:') ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

function toCognitoError(err: unknown): unknown {
  if (err instanceof CognitoIdentityProviderServiceException)
    return new CognitoError(err.name, err.message, err.$metadata.httpStatusCode);
  return err;
}

/**
 * The real thing: the configuration over fetch, InitiateAuth through the SDK. InitiateAuth is an
 * unsigned call: no AWS credentials are needed or sent.
 */
export function createHttpCognitoApi(
  configUrl: string,
  fetchFn: typeof fetch = (i, init) => fetch(i, init),
): CognitoApi {
  let endpoint: string | undefined;
  const clients = new Map<string, CognitoIdentityProviderClient>();
  const clientFor = (region: string) => {
    const key = `${region} ${endpoint ?? ''}`;
    let client = clients.get(key);
    if (!client) {
      // The SDK asks for credentials only when an operation is signed; InitiateAuth is not.
      client = new CognitoIdentityProviderClient({
        region,
        endpoint,
        credentials: { accessKeyId: '', secretAccessKey: '' },
      });
      clients.set(key, client);
    }
    return client;
  };
  return {
    async fetchConfig(signal) {
      const res = await fetchFn(configUrl, { headers: { Accept: 'application/json' }, signal });
      if (!res.ok)
        throw new CognitoError(
          'ConfigUnavailable',
          `the Cognito configuration is unavailable (${res.status})`,
          res.status,
        );
      const config = cognitoConfigSchema.parse(await res.json());
      endpoint = loopbackEndpoint(config.endpoint);
      return config;
    },
    async initiateAuth(region, request, signal) {
      try {
        const out = await clientFor(region).send(
          new InitiateAuthCommand({ ...request, AuthParameters: { ...request.AuthParameters } }),
          { abortSignal: signal },
        );
        return initiateAuthResponseSchema.parse(out);
      } catch (err) {
        throw toCognitoError(err);
      }
    },
  };
}
