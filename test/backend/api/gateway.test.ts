// The gateway and router answers every route shares: 401/403 bodies, 404/422 plain text, CORS.

import assert from 'node:assert/strict';
import { call } from '../../../scripts/harness/backend/client';
import { startTestBackend, type TestBackend } from '../../../scripts/harness/backend/backend';
import { LAB, ZERO_ROLE, tokenOf } from '../../../scripts/harness/backend/identities';

describe('sandbox API: gateway and router', () => {
  let backend: TestBackend;
  before(async () => {
    backend = await startTestBackend();
  });
  after(async () => {
    await backend?.close();
  });

  const unauthorized = (res: { status: number; json: unknown; headers: Headers }) => {
    assert.equal(res.status, 401);
    assert.deepEqual(res.json, { message: 'Unauthorized' });
    assert.equal(res.headers.get('content-type'), 'application/json');
  };

  it('answers a missing Authorization header with 401 {"message":"Unauthorized"}', async () => {
    unauthorized(await call(backend.url, 'GET', '/accounts'));
  });

  it('answers an unknown token with 401', async () => {
    unauthorized(await call(backend.url, 'GET', '/accounts', { token: 'not-a-known-token' }));
  });

  it('answers an expired token with 401', async () => {
    unauthorized(await call(backend.url, 'GET', '/accounts', { token: tokenOf('expired') }));
  });

  it('answers a non-Bearer scheme and an empty bearer with 401', async () => {
    unauthorized(
      await call(backend.url, 'GET', '/accounts', { headers: { Authorization: `Basic ${tokenOf('acctOwner')}` } }),
    );
    unauthorized(await call(backend.url, 'GET', '/accounts', { headers: { Authorization: 'Bearer ' } }));
  });

  it('accepts the bearer scheme in any case', async () => {
    const res = await call(backend.url, 'GET', '/accounts', {
      headers: { Authorization: `bearer ${tokenOf('acctOwner')}` },
    });
    assert.equal(res.status, 200);
  });

  it('answers a workspace-auth route without ?organization_id= with 401 (missing identity source)', async () => {
    unauthorized(await call(backend.url, 'GET', '/gpu-tiers', { token: tokenOf('member') }));
  });

  it('answers a workspace-auth route for a non-member with 403 {"message":"Forbidden"}', async () => {
    const res = await call(backend.url, 'GET', `/gpu-tiers?organization_id=${encodeURIComponent(LAB)}`, {
      token: tokenOf('outsider'),
    });
    assert.equal(res.status, 403);
    assert.deepEqual(res.json, { message: 'Forbidden' });
  });

  it('treats permission bit 0 (NoPermission) as no membership on workspace-auth routes', async () => {
    const res = await call(backend.url, 'GET', `/gpu-tiers?organization_id=${encodeURIComponent(LAB)}`, {
      token: ZERO_ROLE.token,
    });
    assert.equal(res.status, 403);
  });

  it('answers an unknown organization on a workspace-auth route with 403', async () => {
    const res = await call(backend.url, 'GET', '/gpu-tiers?organization_id=N:organization:nope', {
      token: tokenOf('member'),
    });
    assert.equal(res.status, 403);
  });

  it('answers an unknown path with 404 "unsupported route" in plain text, before auth', async () => {
    for (const path of [
      '/nope',
      '/compute-nodes/x/config',
      '/storage-nodes',
      '/accounts/',
      '/compute-nodes/x/pipeline-quotas',
    ]) {
      const res = await call(backend.url, 'GET', path);
      assert.equal(res.status, 404, path);
      assert.equal(res.text, 'unsupported route');
      assert.match(res.headers.get('content-type') ?? '', /^text\/plain/);
    }
  });

  it('answers a known path with a method it has no handler for with 404 "unsupported route"', async () => {
    const res = await call(backend.url, 'PUT', '/accounts', { token: tokenOf('acctOwner') });
    assert.equal(res.status, 404);
    assert.equal(res.text, 'unsupported route');
  });

  it('answers a method the router does not dispatch on with 422 "unsupported path"', async () => {
    for (const method of ['HEAD', 'PROPFIND']) {
      const res = await call(backend.url, method, '/accounts');
      assert.equal(res.status, 422, method);
      if (method !== 'HEAD') assert.equal(res.text, 'unsupported path');
    }
  });

  it('answers a CORS preflight like the API Gateway configuration', async () => {
    const res = await call(backend.url, 'OPTIONS', '/compute-nodes');
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('access-control-max-age'), '300');
    assert.match(res.headers.get('access-control-allow-methods') ?? '', /PATCH/);
  });

  it('refuses bodies over 1 MB with 413', async () => {
    const res = await call(backend.url, 'POST', '/accounts', {
      token: tokenOf('acctOwner'),
      rawBody: 'x'.repeat(1024 * 1024 + 1),
    });
    assert.equal(res.status, 413);
  });

  it('decodes percent-encoded path parameters', async () => {
    const res = await call(backend.url, 'DELETE', `/accounts/nope/workspaces/${encodeURIComponent(LAB)}`, {
      token: tokenOf('acctOwner'),
    });
    assert.equal(res.status, 404);
    assert.equal(res.text, 'DeleteAccountWorkspaceEnablementHandler: account not found');
  });
});
