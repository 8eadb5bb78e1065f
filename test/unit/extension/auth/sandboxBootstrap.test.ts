// Signing a fresh editor in to the local sandbox from the environment `npm start` sets.

import { strict as assert } from 'node:assert';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  sandboxConnectionFromEnv,
  SANDBOX_TOKEN_FILE_ENV,
  SANDBOX_URL_ENV,
} from '../../../../extension/src/auth/sandboxBootstrap';

const log = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  debug: () => undefined,
  trace: () => undefined,
};

describe('sandbox sign-in from the environment', () => {
  let dir: string;
  let server: Server;
  let url: string;
  let seenAuth: string | undefined;

  before(async () => {
    // A tiny purpose-built stand-in for GET /accounts: the real sandbox is covered by test/extension.
    server = createServer((req, res) => {
      seenAuth = req.headers.authorization;
      res.writeHead(req.headers.authorization === 'Bearer tok-123' ? 200 : 401, { 'content-type': 'application/json' });
      res.end(req.headers.authorization === 'Bearer tok-123' ? '[]' : '{"message":"Unauthorized"}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const addr = server.address();
    url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'pg-boot-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function tokenFile(text: string, mode = 0o600): string {
    const f = join(dir, 'token');
    writeFileSync(f, text);
    chmodSync(f, mode);
    return f;
  }

  it('does nothing without the variables', async () => {
    assert.equal(await sandboxConnectionFromEnv({}, log), undefined);
    assert.equal(await sandboxConnectionFromEnv({ [SANDBOX_URL_ENV]: url }, log), undefined);
  });

  it('signs in with the token from a private file, validated against the sandbox', async () => {
    const c = await sandboxConnectionFromEnv(
      { [SANDBOX_URL_ENV]: url + '/', [SANDBOX_TOKEN_FILE_ENV]: tokenFile('tok-123\n') },
      log,
    );
    assert.equal(seenAuth, 'Bearer tok-123');
    assert.equal(c?.mode, 'sandbox');
    assert.equal(c?.baseUrl, url);
    assert.equal(c?.mode === 'sandbox' ? c.token : undefined, 'tok-123');
  });

  it('refuses a sandbox that is not on this machine', async () => {
    await assert.rejects(
      sandboxConnectionFromEnv(
        { [SANDBOX_URL_ENV]: 'http://example.com:8787', [SANDBOX_TOKEN_FILE_ENV]: tokenFile('tok-123') },
        log,
      ),
      /must be a sandbox on this machine/,
    );
  });

  it('refuses a token file others can read', async () => {
    await assert.rejects(
      sandboxConnectionFromEnv({ [SANDBOX_URL_ENV]: url, [SANDBOX_TOKEN_FILE_ENV]: tokenFile('tok-123', 0o644) }, log),
      /readable by you only/,
    );
  });

  it('fails with the API error for a wrong token', async () => {
    await assert.rejects(
      sandboxConnectionFromEnv({ [SANDBOX_URL_ENV]: url, [SANDBOX_TOKEN_FILE_ENV]: tokenFile('wrong') }, log),
    );
  });
});
