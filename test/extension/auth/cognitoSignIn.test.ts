// The extension's real-API sign-in (API key and secret → Cognito InitiateAuth → access token,
// refreshed before expiry) end to end against a real Cognito implementation: moto's user pool,
// behind the sandbox in `--auth cognito` mode, which verifies the tokens as production's
// authorizer does. No hand-written Cognito anywhere.

import assert from 'node:assert/strict';
import { AdminDeleteUserCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { ApiClient, ApiError } from '../../../extension/src/api/client';
import { createPennsieveApi } from '../../../extension/src/api/pennsieveApi';
import { cognitoConfigUrl, createHttpCognitoApi, type CognitoApi } from '../../../extension/src/auth/cognito';
import { newConnection } from '../../../extension/src/auth/connection';
import { CognitoTokenSource, jwtClaims, REFRESH_MARGIN_MS } from '../../../extension/src/auth/tokenSource';
import { validateConnection } from '../../../extension/src/auth/validateConnection';
import { EMULATOR_CREDENTIALS } from '../../../backend/src/app';
import type { MotoServer } from '../../../backend/src/sandbox/moto';
import { startTestBackend, type TestBackend } from '../../../scripts/harness/backend/backend';
import { apiKeyOf, testIdentities } from '../../../scripts/harness/backend/identities';
import { startTestMoto } from '../../backend/support/moto';
import { apiError, logLines } from '../support/sandboxClient';

const EMAIL = 'ann@example.org';

/** The real Cognito API of the sandbox's configuration, counting the calls made through it. */
function countedCognito(baseUrl: string) {
  const real = createHttpCognitoApi(cognitoConfigUrl(baseUrl));
  const calls = { config: 0, auth: 0 };
  const api: CognitoApi = {
    fetchConfig: (signal) => (calls.config++, real.fetchConfig(signal)),
    initiateAuth: (region, request, signal) => (calls.auth++, real.initiateAuth(region, request, signal)),
  };
  return { api, calls };
}

describe('extension sign-in with an API key, against Cognito (moto) and the sandbox', () => {
  let moto: MotoServer;
  let backend: TestBackend;
  const ann = apiKeyOf('acctOwner');

  before(async () => {
    moto = await startTestMoto();
    const identities = testIdentities() as { users: Record<string, Record<string, unknown>> };
    identities.users['ann'] = { ...identities.users['ann'], email: EMAIL };
    backend = await startTestBackend({
      awsEndpoint: moto.endpoint,
      auth: 'cognito',
      authorizerCacheMs: 1000,
      identities,
    });
  });
  after(async () => {
    await backend?.close();
    await moto?.stop();
  });

  it("signs in as Pennsieve's clients do and calls the API with the access token", async () => {
    const { api, calls } = countedCognito(backend.url);
    const tokens = new CognitoTokenSource(api, ann.apiKey, ann.apiSecret);
    const client = new ApiClient({ baseUrl: () => backend.url, tokens, log: logLines() });
    assert.deepEqual(await createPennsieveApi(client).accounts.fetchAccounts(), []);
    const claims = jwtClaims(await tokens.getToken());
    assert.equal(claims.token_use, 'access');
    assert.equal(claims.username, ann.apiKey);
    assert.equal(claims.iss, `https://cognito-idp.us-east-1.amazonaws.com/${backend.cognito!.poolId}`);
    assert.deepEqual(calls, { config: 1, auth: 1 });
  });

  it("validates a new connection and labels it with the id token's email", async () => {
    const c = newConnection({ mode: 'pennsieve', baseUrl: backend.url, apiKey: ann.apiKey, apiSecret: ann.apiSecret });
    assert.equal((await validateConnection(c, { log: logLines() })).label, EMAIL);
  });

  it('reuses the token until five minutes before it expires, then signs in again; concurrent callers share one sign-in', async () => {
    let now = Date.now();
    const { api, calls } = countedCognito(backend.url);
    const tokens = new CognitoTokenSource(api, ann.apiKey, ann.apiSecret, () => now);
    const first = await tokens.getToken();
    const exp = (jwtClaims(first).exp as number) * 1000;
    now = exp - REFRESH_MARGIN_MS - 1000;
    assert.equal(await tokens.getToken(), first);
    assert.equal(calls.auth, 1);
    now = exp - REFRESH_MARGIN_MS + 1000;
    const refreshed = await Promise.all([tokens.getToken(), tokens.getToken(), tokens.getToken()]);
    assert.equal(new Set(refreshed).size, 1);
    assert.notEqual(refreshed[0], first);
    assert.equal(calls.auth, 2, 'one sign-in for the three callers');
    assert.equal(calls.config, 1, 'the configuration is fetched once');
    const client = new ApiClient({ baseUrl: () => backend.url, tokens, log: logLines() });
    assert.deepEqual(await createPennsieveApi(client).accounts.fetchAccounts(), [], 'the refreshed token works');
  });

  it('reports a wrong secret as unauthorized', async () => {
    const { api } = countedCognito(backend.url);
    const err = await apiError(new CognitoTokenSource(api, ann.apiKey, 'not-the-secret-123').getToken());
    assert.equal(err.kind, 'unauthorized');
    assert.match(err.message, /API key or secret was not accepted/);
  });

  it('after the key is revoked: the API refuses its token, and signing in again is unauthorized', async () => {
    const mia = apiKeyOf('member');
    const { api } = countedCognito(backend.url);
    const tokens = new CognitoTokenSource(api, mia.apiKey, mia.apiSecret);
    const accounts = createPennsieveApi(
      new ApiClient({ baseUrl: () => backend.url, tokens, log: logLines() }),
    ).accounts;
    await accounts.fetchAccounts();
    const admin = new CognitoIdentityProviderClient({
      region: 'us-east-1',
      endpoint: moto.endpoint,
      credentials: EMULATOR_CREDENTIALS,
    });
    try {
      await admin.send(new AdminDeleteUserCommand({ UserPoolId: backend.cognito!.poolId, Username: mia.apiKey }));
    } finally {
      admin.destroy();
    }
    await new Promise((r) => setTimeout(r, 1200));
    const refused = await apiError(accounts.fetchAccounts());
    assert.equal(refused.status, 403);
    tokens.invalidate();
    const err = await apiError(tokens.getToken());
    assert.ok(err instanceof ApiError);
    assert.equal(err.kind, 'unauthorized');
  });
});
