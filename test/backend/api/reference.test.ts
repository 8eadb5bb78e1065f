// Routes 39–41: App Store access, GPU tiers and the role template.

import assert from 'node:assert/strict';
import { call } from '../../../scripts/harness/backend/client';
import { PROVISIONER_ACCOUNT, startTestBackend, type TestBackend } from '../../../scripts/harness/backend/backend';
import { registerAccount } from '../../../scripts/harness/backend/fixtures';
import { LAB, tokenOf } from '../../../scripts/harness/backend/identities';

describe('sandbox API: app-store access, GPU tiers, role policy (routes 39–41)', () => {
  let backend: TestBackend;
  let url: string;
  before(async () => {
    backend = await startTestBackend({ environment: 'Dev' });
    url = backend.url;
  });
  after(async () => {
    await backend?.close();
  });

  it('POST /app-store/access answers 200 with an empty body for the account owner', async () => {
    await registerAccount(url, 'acctOwner', { accountId: '555566667777' });
    const res = await call(url, 'POST', '/app-store/access', {
      token: tokenOf('acctOwner'),
      body: { accountId: '555566667777', accountType: 'AWS' },
    });
    assert.equal(res.status, 200);
    assert.equal(res.text, '');
  });

  it('POST /app-store/access checks the body and the registration', async () => {
    const p = (body: unknown, persona: 'acctOwner' | 'admin' = 'acctOwner') =>
      call(url, 'POST', '/app-store/access', { token: tokenOf(persona), body });
    assert.deepEqual(
      (await call(url, 'POST', '/app-store/access', { token: tokenOf('acctOwner'), rawBody: '{' })).json,
      { message: 'error unmarshaling body' },
    );
    assert.deepEqual((await p({ accountId: '555566667777' })).json, { message: 'bad request' });
    const unregistered = await p({ accountId: '999999999999', accountType: 'AWS' });
    assert.deepEqual([unregistered.status, unregistered.json], [403, { message: 'account is not registered' }]);
    await registerAccount(url, 'acctOwner', { accountId: '555566668888' });
    const other = await p({ accountId: '555566668888', accountType: 'AWS' }, 'admin');
    assert.deepEqual([other.status, other.json], [403, { message: 'account does not belong to user' }]);
  });

  it("GET /gpu-tiers answers production's static list", async () => {
    const res = await call(url, 'GET', `/gpu-tiers?organization_id=${encodeURIComponent(LAB)}`, {
      token: tokenOf('member'),
    });
    assert.equal(res.status, 200);
    assert.deepEqual(
      res.json.map((t: { tier: string; instanceType: string }) => `${t.tier}:${t.instanceType}`),
      ['small:g4dn.xlarge', 'medium:g6.2xlarge', 'large:g5.4xlarge', 'xlarge:g6e.4xlarge'],
    );
    assert.deepEqual(Object.keys(res.json[0]), [
      'tier',
      'instanceType',
      'gpu',
      'gpuMemoryGB',
      'vcpus',
      'memoryGB',
      'pricePerHour',
    ]);
  });

  it('GET /role-policy answers the template with a new role name each call and a fresh external ID', async () => {
    const a = await call(url, 'GET', '/role-policy', { token: tokenOf('member') });
    const b = await call(url, 'GET', '/role-policy', { token: tokenOf('member') });
    assert.equal(a.status, 200);
    assert.equal(a.headers.get('content-type'), 'application/json');
    assert.deepEqual(Object.keys(a.json), [
      'roleName',
      'policyDocument',
      'trustPolicyDocument',
      'externalId',
      'maxSessionDuration',
    ]);
    assert.match(a.json.roleName, /^Pennsieve-Compute-dev-[0-9a-f]{8}$/);
    assert.notEqual(a.json.roleName, b.json.roleName);
    assert.ok(a.json.externalId.length >= 32);
    assert.notEqual(a.json.externalId, b.json.externalId);
    assert.equal(a.json.maxSessionDuration, 7200);
    assert.deepEqual(a.json.trustPolicyDocument.Statement, [
      {
        Sid: 'PennsieveProvisioner',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${PROVISIONER_ACCOUNT}:root` },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'sts:ExternalId': a.json.externalId } },
      },
    ]);
  });

  it('GET /role-policy echoes ?externalId= and rejects one AWS would refuse', async () => {
    const id = 'my-external-id_0123456789abcdef0123456789';
    const res = await call(url, 'GET', `/role-policy?externalId=${id}`, { token: tokenOf('member') });
    assert.equal(res.json.externalId, id);
    assert.equal(res.json.trustPolicyDocument.Statement[0].Condition.StringEquals['sts:ExternalId'], id);
    const bad = await call(url, 'GET', `/role-policy?externalId=${encodeURIComponent('has space')}`, {
      token: tokenOf('member'),
    });
    assert.equal(bad.status, 400);
    assert.match(bad.json.error, /externalId/);
  });
});
