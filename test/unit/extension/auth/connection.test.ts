import assert from 'node:assert/strict';
import { newConnection, parseConnection, serializeConnection } from '../../../../extension/src/auth/connection';
import { checkBaseUrl, validateConnection } from '../../../../extension/src/auth/validateConnection';
import { captureLog, fakeFetch, on } from '../support/fakeFetch';

describe('extension auth/connection', () => {
  it('round-trips a stored connection and rejects anything malformed', () => {
    const c = newConnection({ mode: 'sandbox', baseUrl: 'http://127.0.0.1:8787', token: 'tok-0123456789' });
    assert.deepEqual(parseConnection(serializeConnection(c)), c);
    assert.equal(parseConnection(undefined), undefined);
    assert.equal(parseConnection('{"mode":"sandbox"}'), undefined);
    assert.equal(parseConnection('not json'), undefined);
    assert.equal(parseConnection(JSON.stringify({ ...c, mode: 'pennsieve' })), undefined);
  });

  it('labels a key-based connection with the masked key, never the key', () => {
    const c = newConnection({
      mode: 'pennsieve',
      baseUrl: 'https://api2.pennsieve.io/compute/resources',
      apiKey: 'abcd1234efgh5678',
      apiSecret: 's',
    });
    assert.equal(c.label, 'API key abcd…5678');
  });

  it('validates a sandbox token with GET /accounts and labels the user from it', async () => {
    const f = fakeFetch(
      on('GET', '/accounts', { status: 200, body: [{ uuid: 'a', accountId: '1', userId: 'N:user:u1' }] }),
    );
    const c = newConnection({ mode: 'sandbox', baseUrl: 'http://127.0.0.1:8787', token: 'tok-0123456789' });
    const checked = await validateConnection(c, { log: captureLog(), fetch: f.fetch });
    assert.equal(checked.label, 'N:user:u1');
    assert.equal(f.requests[0]!.headers.authorization, 'Bearer tok-0123456789');
  });

  it('refuses to send credentials over plain http except to this machine', () => {
    assert.equal(checkBaseUrl('https://api2.pennsieve.io/compute/resources'), undefined);
    assert.equal(checkBaseUrl('http://127.0.0.1:8787'), undefined);
    assert.equal(checkBaseUrl('http://localhost:8787'), undefined);
    assert.match(checkBaseUrl('http://sandbox.example.org')!, /https/);
    assert.equal(checkBaseUrl('::'), 'Not a URL');
  });
});
