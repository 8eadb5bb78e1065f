// A request whose body never arrives in full (a Content-Length larger than what is sent) gets
// 408 well within 30 s, and the connection is closed; the server keeps serving others.

import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { call } from '../../../scripts/harness/backend/client';
import { startTestBackend, type TestBackend } from '../../../scripts/harness/backend/backend';
import { tokenOf } from '../../../scripts/harness/backend/identities';

/** Sends `head` + `body` on a raw connection and resolves with everything the server answered until it closed. */
function rawRequest(url: string, head: string, body: string): Promise<{ text: string; ms: number }> {
  const { hostname, port } = new URL(url);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(head + body));
    let text = '';
    socket.on('data', (d) => (text += d.toString()));
    socket.on('close', () => resolve({ text, ms: Date.now() - started }));
    socket.on('error', reject);
    socket.setTimeout(60_000, () => socket.destroy(new Error('no answer within 60 s')));
  });
}

describe('sandbox API: a truncated request body', function () {
  this.timeout(90_000);
  let backend: TestBackend;
  before(async () => {
    backend = await startTestBackend();
  });
  after(async () => {
    await backend?.close();
  });

  it('answers 408 within 30 s and closes the connection', async () => {
    const body = '{"accountId":';
    const head = [
      'POST /accounts HTTP/1.1',
      `Host: ${new URL(backend.url).host}`,
      `Authorization: Bearer ${tokenOf('acctOwner')}`,
      'Content-Type: application/json',
      'Content-Length: 100',
      '',
      '',
    ].join('\r\n');
    const [answer, meanwhile] = await Promise.all([
      rawRequest(backend.url, head, body),
      new Promise((r) => setTimeout(r, 1000)).then(() =>
        call(backend.url, 'GET', '/accounts', { token: tokenOf('acctOwner') }),
      ),
    ]);
    assert.match(answer.text, /^HTTP\/1\.1 408 /, answer.text);
    assert.ok(answer.ms < 30_000, `answered after ${answer.ms} ms`);
    assert.equal(meanwhile.status, 200, 'other requests are served meanwhile');
    assert.deepEqual(
      (await call(backend.url, 'GET', '/accounts', { token: tokenOf('acctOwner') })).json,
      [],
      'nothing was created',
    );
  });
});
