// Production's sign-in on moto's Cognito (`--auth cognito`): the sandbox serves
// /authentication/cognito-config, API keys are Cognito users (user name = key, password =
// secret), and requests carry access tokens the sandbox verifies against the pool's JWKS, as
// production's authorizer does. A revoked key is refused once the cached answer lapses.

import assert from 'node:assert/strict';
import {
  AdminDeleteUserCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { EMULATOR_CREDENTIALS } from '../../../backend/src/app';
import type { MotoServer } from '../../../backend/src/sandbox/moto';
import { startTestBackend, type TestBackend } from '../../../scripts/harness/backend/backend';
import { call } from '../../../scripts/harness/backend/client';
import { apiKeyOf, tokenOf } from '../../../scripts/harness/backend/identities';
import { startTestMoto } from '../support/moto';

describe('sandbox API: sign-in with Cognito (moto)', () => {
  let moto: MotoServer;
  let backend: TestBackend;
  let admin: CognitoIdentityProviderClient;
  let config: {
    region: string;
    userPool: { id: string; appClientId: string };
    tokenPool: { region: string; id: string; appClientId: string };
    endpoint?: string;
  };

  // As a client signs in: InitiateAuth with USER_PASSWORD_AUTH on the token pool's app client, unsigned.
  const signIn = async (apiKey: string, apiSecret: string, clientId = config.tokenPool.appClientId) => {
    const cognito = new CognitoIdentityProviderClient({
      region: config.tokenPool.region,
      endpoint: config.endpoint,
      credentials: async () => ({ accessKeyId: '', secretAccessKey: '' }),
    });
    try {
      const out = await cognito.send(
        new InitiateAuthCommand({
          AuthFlow: 'USER_PASSWORD_AUTH',
          ClientId: clientId,
          AuthParameters: { USERNAME: apiKey, PASSWORD: apiSecret },
        }),
      );
      return out.AuthenticationResult!;
    } finally {
      cognito.destroy();
    }
  };

  before(async () => {
    moto = await startTestMoto();
    backend = await startTestBackend({ awsEndpoint: moto.endpoint, auth: 'cognito', authorizerCacheMs: 1000 });
    admin = new CognitoIdentityProviderClient({
      region: 'us-east-1',
      endpoint: moto.endpoint,
      credentials: EMULATOR_CREDENTIALS,
    });
    const res = await call(backend.url, 'GET', '/authentication/cognito-config');
    assert.equal(res.status, 200, res.text);
    config = res.json;
  });
  after(async () => {
    admin?.destroy();
    await backend?.close();
    await moto?.stop();
  });

  it("serves the Cognito configuration in production's shape, plus the emulator's endpoint", () => {
    assert.deepEqual(Object.keys(config), ['region', 'userPool', 'tokenPool', 'endpoint']);
    assert.equal(config.region, 'us-east-1');
    assert.deepEqual(config.tokenPool, {
      region: 'us-east-1',
      id: backend.cognito!.poolId,
      appClientId: backend.cognito!.clientId,
    });
    assert.match(config.tokenPool.id, /^us-east-1_/);
    assert.equal(config.endpoint, moto.endpoint);
  });

  it('accepts the access token of an API key, and nothing else', async () => {
    const { apiKey, apiSecret } = apiKeyOf('acctOwner');
    const result = await signIn(apiKey, apiSecret);
    const ok = await call(backend.url, 'GET', '/accounts', { token: result.AccessToken });
    assert.equal(ok.status, 200, ok.text);
    const [head, body, signature] = result.AccessToken!.split('.');
    const forged = `${head}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body!, 'base64url').toString()), username: apiKeyOf('admin').apiKey })).toString('base64url')}.${signature}`;
    const otherClient = (
      await admin.send(
        new CreateUserPoolClientCommand({
          UserPoolId: config.tokenPool.id,
          ClientName: 'other',
          ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        }),
      )
    ).UserPoolClient!.ClientId!;
    const fromOtherClient = (await signIn(apiKey, apiSecret, otherClient)).AccessToken;
    for (const [what, token] of [
      ['an id token', result.IdToken],
      ['a forged token', forged],
      ["another client's token", fromOtherClient],
      ['a static token', tokenOf('acctOwner')],
      ['garbage', 'a.b.c'],
    ] as const) {
      const res = await call(backend.url, 'GET', '/accounts', { token });
      assert.equal(res.status, 401, what);
      assert.deepEqual(res.json, { message: 'Unauthorized' }, what);
    }
  });

  it('refuses a wrong secret at Cognito', async () => {
    await assert.rejects(
      signIn(apiKeyOf('acctOwner').apiKey, 'wrong-secret-000'),
      (err: Error) => err.name === 'NotAuthorizedException',
    );
  });

  it("denies a revoked key once the authorizer's cached answer has lapsed", async () => {
    const { apiKey, apiSecret } = apiKeyOf('member');
    const token = (await signIn(apiKey, apiSecret)).AccessToken;
    assert.equal((await call(backend.url, 'GET', '/accounts', { token })).status, 200);
    await admin.send(new AdminDeleteUserCommand({ UserPoolId: config.tokenPool.id, Username: apiKey }));
    await new Promise((r) => setTimeout(r, 1200));
    const denied = await call(backend.url, 'GET', '/accounts', { token });
    assert.equal(denied.status, 403);
    assert.deepEqual(denied.json, { message: 'Forbidden' });
    await assert.rejects(signIn(apiKey, apiSecret), (err: Error) =>
      ['NotAuthorizedException', 'UserNotFoundException'].includes(err.name),
    );
  });

  it('has no Cognito configuration with static tokens', async () => {
    const plain = await startTestBackend();
    try {
      const res = await call(plain.url, 'GET', '/authentication/cognito-config');
      assert.equal(res.status, 404);
      assert.equal(res.text, 'unsupported route');
    } finally {
      await plain.close();
    }
  });
});
