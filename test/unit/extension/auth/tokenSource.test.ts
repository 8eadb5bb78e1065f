// The token source's parts that need no Cognito: static sandbox tokens, reading a JWT's claims,
// and where the Cognito configuration lives. The exchange with Cognito itself (refresh before
// expiry, shared exchanges, wrong and revoked keys) runs against moto's Cognito and the sandbox:
// test/extension/auth/cognitoSignIn.test.ts.

import assert from 'node:assert/strict';
import { cognitoConfigUrl, loopbackEndpoint } from '../../../../extension/src/auth/cognito';
import { jwtClaims, StaticTokenSource } from '../../../../extension/src/auth/tokenSource';

describe('extension auth/tokenSource', () => {
  it('a static sandbox token is returned as is', async () => {
    assert.equal(await new StaticTokenSource('tok').getToken(), 'tok');
  });

  it('reads a JWT payload without verifying it, and nothing from garbage', () => {
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    assert.deepEqual(jwtClaims(`${b64({ alg: 'RS256' })}.${b64({ exp: 5, token_use: 'access' })}.sig`), {
      exp: 5,
      token_use: 'access',
    });
    assert.deepEqual(jwtClaims('opaque'), {});
    assert.deepEqual(jwtClaims(undefined), {});
    assert.deepEqual(jwtClaims(`x.${b64([1, 2])}.y`), {});
  });
});

describe('extension auth/cognito', () => {
  it('derives the config URL from the API base URL', () => {
    assert.equal(
      cognitoConfigUrl('https://api2.pennsieve.io/compute/resources'),
      'https://api.pennsieve.io/authentication/cognito-config',
    );
    assert.equal(
      cognitoConfigUrl('https://api2.pennsieve.net/compute/resources'),
      'https://api.pennsieve.net/authentication/cognito-config',
    );
    assert.equal(cognitoConfigUrl('http://127.0.0.1:8787'), 'http://127.0.0.1:8787/authentication/cognito-config');
    assert.equal(cognitoConfigUrl('not a url'), 'https://api.pennsieve.io/authentication/cognito-config');
  });

  it('honours an emulator endpoint from the configuration only on this machine', () => {
    assert.equal(loopbackEndpoint('http://127.0.0.1:5000'), 'http://127.0.0.1:5000');
    assert.equal(loopbackEndpoint('http://localhost:5000/x'), 'http://localhost:5000');
    assert.equal(loopbackEndpoint('https://cognito.example.org'), undefined);
    assert.equal(loopbackEndpoint('file:///etc/passwd'), undefined);
    assert.equal(loopbackEndpoint(undefined), undefined);
  });
});
