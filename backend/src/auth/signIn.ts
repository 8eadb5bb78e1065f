// The sandbox's sign-in mode: static tokens from the identities file (default), or production's
// Cognito sign-in against a user pool in the emulated AWS (`--auth cognito`).

import type { CognitoSettings } from '../api/http';
import { cognitoAuthenticator, staticTokenAuthenticator, type Authenticator } from './authenticator';
import { setupCognitoPool, type CognitoPool } from './cognitoPool';
import type { Directory } from './directory';
import type { Identities } from './identities';
import { createJwtVerifier } from './jwtVerifier';

export interface SignInConfig {
  readonly auth: 'tokens' | 'cognito';
  readonly region: string;
  readonly environment: string;
  /** moto; undefined = real AWS. */
  readonly awsEndpoint?: string;
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** How long an authorizer answer is kept per token (production: 300 s). */
  readonly authorizerCacheMs: number;
}

export interface SignIn {
  readonly authenticator: Authenticator;
  /** The pool clients sign in with (Cognito mode). */
  readonly cognito?: CognitoSettings;
  close(): void;
}

/** Sets up the configured sign-in: for Cognito, the pool, its client and the API-key users. */
export async function startSignIn(config: SignInConfig, identities: Identities, directory: Directory): Promise<SignIn> {
  if (config.auth === 'tokens') return { authenticator: staticTokenAuthenticator(directory), close: () => undefined };
  const pool: CognitoPool = await setupCognitoPool(
    {
      region: config.region,
      endpoint: config.awsEndpoint,
      credentials: config.credentials,
      environment: config.environment,
    },
    identities.users,
  );
  const verifier = createJwtVerifier({ jwksUrl: pool.jwksUrl, issuer: pool.issuer, clientId: pool.clientId });
  return {
    authenticator: cognitoAuthenticator({ verifier, pool, identities, cacheMs: config.authorizerCacheMs }),
    cognito: { region: pool.region, poolId: pool.poolId, clientId: pool.clientId, endpoint: config.awsEndpoint },
    close: () => pool.close(),
  };
}
