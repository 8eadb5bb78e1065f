import assert from 'node:assert/strict';
import { ApiError } from '../../../../extension/src/api/client';
import { cognitoConfigUrl, cognitoErrorOf, createHttpCognitoApi } from '../../../../extension/src/auth/cognito';
import { CognitoTokenSource, jwtClaims, REFRESH_MARGIN_MS, StaticTokenSource } from '../../../../extension/src/auth/tokenSource';
import { fakeCognito, FAKE_CONFIG, jwt } from '../support/fakeCognito';
import { fakeFetch, on } from '../support/fakeFetch';

const KEY = 'api-key-0123456789';
const SECRET = 'api-secret-abcdefghijkl';

function setup() {
  let now = Date.UTC(2026, 0, 1);
  const clock = { now: () => now, advance: (ms: number) => void (now += ms) };
  const cognito = fakeCognito({ key: KEY, secret: SECRET, now: clock.now, email: 'ada@example.org' });
  const source = new CognitoTokenSource(cognito, KEY, SECRET, clock.now);
  return { clock, cognito, source };
}

async function rejectsWith(p: Promise<unknown>, kind: string, message: RegExp): Promise<void> {
  await assert.rejects(p, (err: unknown) => {
    assert.ok(err instanceof ApiError);
    assert.equal(err.kind, kind);
    assert.match(err.message, message);
    return true;
  });
}

describe('extension auth/tokenSource', () => {
  it('exchanges key and secret on the token pool client with USER_PASSWORD_AUTH', async () => {
    const { cognito, source } = setup();
    const token = await source.getToken();
    assert.equal(jwtClaims(token).token_use, 'access');
    assert.deepEqual(cognito.calls.auth[0], {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: FAKE_CONFIG.tokenPool.appClientId,
      AuthParameters: { USERNAME: KEY, PASSWORD: SECRET },
    });
    assert.equal((await source.getIdClaims()).email, 'ada@example.org');
  });

  it('reuses the token until it is within five minutes of exp, then refreshes', async () => {
    const { clock, cognito, source } = setup();
    const first = await source.getToken();
    clock.advance(3600_000 - REFRESH_MARGIN_MS - 1000);
    assert.equal(await source.getToken(), first);
    assert.equal(cognito.calls.auth.length, 1);
    clock.advance(2000);
    const second = await source.getToken();
    assert.notEqual(second, first);
    assert.equal(cognito.calls.auth.length, 2);
    assert.equal(cognito.calls.config, 1, 'the Cognito config is fetched once');
  });

  it('shares one exchange between concurrent callers', async () => {
    const { cognito, source } = setup();
    const tokens = await Promise.all([source.getToken(), source.getToken(), source.getToken()]);
    assert.equal(new Set(tokens).size, 1);
    assert.equal(cognito.calls.auth.length, 1);
  });

  it('gets a new token after invalidate (the API said 401)', async () => {
    const { cognito, source } = setup();
    const first = await source.getToken();
    source.invalidate();
    assert.notEqual(await source.getToken(), first);
    assert.equal(cognito.calls.auth.length, 2);
  });

  it('refreshes every time when tokens live less than the margin', async () => {
    const { cognito, source } = setup();
    cognito.lifetime = 60;
    await source.getToken();
    await source.getToken();
    assert.equal(cognito.calls.auth.length, 2);
  });

  it('turns a wrong key or secret into unauthorized, and a challenge into one clear error', async () => {
    const { clock } = setup();
    const cognito = fakeCognito({ key: KEY, secret: SECRET, now: clock.now });
    await rejectsWith(new CognitoTokenSource(cognito, KEY, 'wrong', clock.now).getToken(), 'unauthorized', /API key or secret was not accepted/);
    cognito.challenge = 'NEW_PASSWORD_REQUIRED';
    await rejectsWith(new CognitoTokenSource(cognito, KEY, SECRET, clock.now).getToken(), 'unauthorized', /NEW_PASSWORD_REQUIRED$/);
  });

  it('falls back to ExpiresIn when the access token carries no exp', async () => {
    let now = 0;
    const cognito = {
      fetchConfig: async () => FAKE_CONFIG,
      initiateAuth: async () => ({ AuthenticationResult: { AccessToken: 'opaque', ExpiresIn: 600 } }),
    };
    const source = new CognitoTokenSource(cognito, KEY, SECRET, () => now);
    await source.getToken();
    now = 299_000;
    assert.equal(await source.getToken(), 'opaque');
  });

  it('a static sandbox token is returned as is', async () => {
    assert.equal(await new StaticTokenSource('tok').getToken(), 'tok');
  });
});

describe('extension auth/cognito over HTTP', () => {
  it('derives the config URL from the API base URL', () => {
    assert.equal(cognitoConfigUrl('https://api2.pennsieve.io/compute/resources'), 'https://api.pennsieve.io/authentication/cognito-config');
    assert.equal(cognitoConfigUrl('https://api2.pennsieve.net/compute/resources'), 'https://api.pennsieve.net/authentication/cognito-config');
    assert.equal(cognitoConfigUrl('not a url'), 'https://api.pennsieve.io/authentication/cognito-config');
  });

  it('sends InitiateAuth as an AWS JSON 1.1 call to the pool’s region', async () => {
    const access = jwt({ exp: 2_000_000_000 });
    const f = fakeFetch(
      on('GET', '/authentication/cognito-config', { status: 200, body: FAKE_CONFIG }),
      on('POST', '/', { status: 200, body: { AuthenticationResult: { AccessToken: access, ExpiresIn: 3600, TokenType: 'Bearer' }, ChallengeParameters: {} } }),
    );
    const api = createHttpCognitoApi('https://api.pennsieve.io/authentication/cognito-config', f.fetch);
    const source = new CognitoTokenSource(api, KEY, SECRET);
    assert.equal(await source.getToken(), access);
    const auth = f.requests[1]!;
    assert.equal(auth.url.host, 'cognito-idp.us-east-1.amazonaws.com');
    assert.equal(auth.headers['x-amz-target'], 'AWSCognitoIdentityProviderService.InitiateAuth');
    assert.equal(auth.headers['content-type'], 'application/x-amz-json-1.1');
    assert.deepEqual(auth.body, { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'token-client', AuthParameters: { USERNAME: KEY, PASSWORD: SECRET } });
  });

  it('reads Cognito’s JSON error body', async () => {
    const f = fakeFetch(
      on('GET', '/authentication/cognito-config', { status: 200, body: FAKE_CONFIG }),
      on('POST', '/', { status: 400, body: { __type: 'NotAuthorizedException', message: 'Incorrect username or password.' } }),
    );
    const source = new CognitoTokenSource(createHttpCognitoApi('https://api.pennsieve.io/authentication/cognito-config', f.fetch), KEY, 'bad');
    await rejectsWith(source.getToken(), 'unauthorized', /not accepted/);
    const e = cognitoErrorOf({ __type: 'com.amazonaws.cognito#TooManyRequestsException', message: 'slow down' }, 400);
    assert.equal(e.code, 'TooManyRequestsException');
  });

  it('reports an unavailable config endpoint as a server error', async () => {
    const f = fakeFetch(on('GET', '/authentication/cognito-config', { status: 503, text: 'down' }));
    const source = new CognitoTokenSource(createHttpCognitoApi('https://api.pennsieve.io/authentication/cognito-config', f.fetch), KEY, SECRET);
    await rejectsWith(source.getToken(), 'server', /Cognito configuration is unavailable \(503\)/);
  });
});
