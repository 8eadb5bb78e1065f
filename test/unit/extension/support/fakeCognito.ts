// TEST-ONLY: a Cognito that follows the shapes of docs/extension.md ("The Cognito flow"): the
// config endpoint's {region, userPool, tokenPool, identityPool} and InitiateAuth's AuthenticationResult.

import type { CognitoApi, CognitoConfig, InitiateAuthRequest, InitiateAuthResponse } from '../../../../extension/src/auth/cognito';
import { CognitoError } from '../../../../extension/src/auth/cognito';

export const FAKE_CONFIG: CognitoConfig = {
  region: 'us-east-1',
  userPool: { region: 'us-east-1', id: 'us-east-1_user', appClientId: 'user-client' },
  tokenPool: { region: 'us-east-1', id: 'us-east-1_token', appClientId: 'token-client' },
  identityPool: { region: 'us-east-1', id: 'us-east-1:identity' },
};

/** An unsigned JWT with the given claims (the client only reads them). */
export function jwt(claims: Record<string, unknown>): string {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${b64({ alg: 'none' })}.${b64(claims)}.sig`;
}

export interface FakeCognito extends CognitoApi {
  readonly calls: { config: number; auth: InitiateAuthRequest[] };
  /** Seconds of life of the next issued token. */
  lifetime: number;
  /** Makes the next InitiateAuth answer with this challenge instead of tokens. */
  challenge?: string;
}

export function fakeCognito(opts: { key: string; secret: string; now: () => number; email?: string }): FakeCognito {
  let issued = 0;
  const fake: FakeCognito = {
    calls: { config: 0, auth: [] },
    lifetime: 3600,
    async fetchConfig() {
      fake.calls.config++;
      return FAKE_CONFIG;
    },
    async initiateAuth(region, req): Promise<InitiateAuthResponse> {
      fake.calls.auth.push(req);
      if (region !== FAKE_CONFIG.tokenPool.region || req.ClientId !== FAKE_CONFIG.tokenPool.appClientId) {
        throw new CognitoError('ResourceNotFoundException', 'User pool client does not exist.', 400);
      }
      if (req.AuthParameters.USERNAME !== opts.key || req.AuthParameters.PASSWORD !== opts.secret) {
        throw new CognitoError('NotAuthorizedException', 'Incorrect username or password.', 400);
      }
      if (fake.challenge) return { ChallengeName: fake.challenge, Session: 's', ChallengeParameters: {} };
      issued++;
      const exp = Math.floor(opts.now() / 1000) + fake.lifetime;
      return {
        AuthenticationResult: {
          AccessToken: jwt({ token_use: 'access', exp, n: issued }),
          ExpiresIn: fake.lifetime,
          IdToken: jwt({ token_use: 'id', exp, email: opts.email, 'custom:organization_id': 'N:organization:o' }),
          TokenType: 'Bearer',
        },
        ChallengeParameters: {},
      };
    },
  };
  return fake;
}
