// Routes 23–28 over HTTP on moto: user and shared secrets land in the customer account's Secrets
// Manager (one secret per key), key names come back, values never do; production's limits,
// reserved names and messages; and the value is nowhere in the sandbox's logs or data folder.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { userOf } from '../../../scripts/harness/backend/identities';
import { secretNames, secretValue, startSettingsSandbox, type SettingsSandbox } from './setup';

const VALUE = 'sv-7f3a9c1e-do-not-leak';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('sandbox API: node secrets (routes 23–28)', function () {
  this.timeout(60_000);
  let s: SettingsSandbox;
  let node: string;
  let prefix: string;

  before(async () => {
    s = await startSettingsSandbox();
    node = await s.node({ sharedWithUser: 'member' });
    prefix = `pennsieve-${node.slice(0, 8)}`;
  });
  after(async () => {
    await s?.close();
  });

  it("PATCH stores each key as a secret in the customer account; GET lists the caller's keys only", async () => {
    const put = await s.as('nodeOwner', 'PATCH', `/compute-nodes/${node}/secrets`, {
      secrets: { API_TOKEN: VALUE, OTHER: 'x' },
    });
    assert.equal(put.status, 200, put.text);
    assert.deepEqual(put.json, { message: 'secrets updated' });
    const listed = await s.as('nodeOwner', 'GET', `/compute-nodes/${node}/secrets`);
    assert.deepEqual(listed.json, { keys: ['API_TOKEN', 'OTHER'] });
    assert.ok(!listed.text.includes(VALUE));
    assert.deepEqual((await s.as('member', 'GET', `/compute-nodes/${node}/secrets`)).json, { keys: [] });
    const { sm } = await s.customer();
    const name = `${prefix}/users/${userOf('nodeOwner').replace(/:/g, '-')}/API_TOKEN`;
    assert.equal(await secretValue(sm, name), VALUE);
    // A second PATCH replaces the value (a new version of the same secret).
    await s.as('nodeOwner', 'PATCH', `/compute-nodes/${node}/secrets`, { secrets: { API_TOKEN: `${VALUE}-2` } });
    assert.equal(await secretValue(sm, name), `${VALUE}-2`);
    sm.destroy();
  });

  it('DELETE removes one key (?key=), is idempotent, and ?deleteAll=true removes the rest', async () => {
    const path = `/compute-nodes/${node}/secrets`;
    const one = await s.as('nodeOwner', 'DELETE', `${path}?key=API_TOKEN`);
    assert.equal(one.status, 200, one.text);
    assert.deepEqual(one.json, { message: 'secrets deleted' });
    assert.equal((await s.as('nodeOwner', 'DELETE', `${path}?key=API_TOKEN`)).status, 200);
    assert.deepEqual((await s.as('nodeOwner', 'GET', path)).json, { keys: ['OTHER'] });
    assert.equal((await s.as('nodeOwner', 'DELETE', `${path}?deleteAll=true`)).status, 200);
    assert.deepEqual((await s.as('nodeOwner', 'GET', path)).json, { keys: [] });
    const neither = await s.as('nodeOwner', 'DELETE', path);
    assert.equal(neither.status, 400);
    assert.deepEqual(neither.json, { message: 'bad request' });
  });

  it('shared secrets: read by anyone with access, changed only by the owner', async () => {
    const path = `/compute-nodes/${node}/shared-secrets`;
    const refused = await s.as('member', 'PATCH', path, { secrets: { SHARED_KEY: VALUE } });
    assert.equal(refused.status, 403);
    assert.deepEqual(refused.json, { message: 'only owner can change permissions' });
    const put = await s.as('nodeOwner', 'PATCH', path, { secrets: { SHARED_KEY: VALUE } });
    assert.deepEqual(put.json, { message: 'shared secrets updated' });
    assert.deepEqual((await s.as('member', 'GET', path)).json, { keys: ['SHARED_KEY'] });
    const { sm } = await s.customer();
    assert.equal(await secretValue(sm, `${prefix}/shared/SHARED_KEY`), VALUE);
    assert.equal((await s.as('member', 'DELETE', `${path}?key=SHARED_KEY`)).status, 403);
    assert.deepEqual((await s.as('nodeOwner', 'DELETE', `${path}?key=SHARED_KEY`)).json, {
      message: 'shared secrets deleted',
    });
    assert.deepEqual(await secretNames(sm), []);
    sm.destroy();
  });

  const limits: ReadonlyArray<readonly [string, unknown, string]> = [
    ['an empty map', { secrets: {} }, 'bad request'],
    ['no secrets field', {}, 'bad request'],
    [
      '51 keys',
      { secrets: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`K${i}`, 'v'])) },
      'too many secrets (max 50)',
    ],
    ['a 257-byte key', { secrets: { [`K${'x'.repeat(256)}`]: 'v' } }, 'secret key exceeds max length (256)'],
    ['a 10001-byte value', { secrets: { BIG: 'x'.repeat(10_001) } }, 'secret value exceeds max length (10000)'],
    [
      'a value of 5000 two-byte characters (10000 bytes) plus one',
      { secrets: { BIG: `${'é'.repeat(5000)}x` } },
      'secret value exceeds max length (10000)',
    ],
    [
      'a key starting with a digit',
      { secrets: { '1KEY': 'v' } },
      'invalid secret key "1KEY": must match [A-Za-z_][A-Za-z0-9_]*',
    ],
    [
      'a key with a dash',
      { secrets: { 'MY-KEY': 'v' } },
      'invalid secret key "MY-KEY": must match [A-Za-z_][A-Za-z0-9_]*',
    ],
    [
      'a reserved environment name',
      { secrets: { SESSION_TOKEN: 'v' } },
      'reserved secret key "SESSION_TOKEN": this name is used by the system',
    ],
    [
      'a reserved payload key',
      { secrets: { params: 'v' } },
      'reserved secret key "params": this name is used by the system',
    ],
    [
      'LLM_GOVERNOR_FUNCTION',
      { secrets: { LLM_GOVERNOR_FUNCTION: 'v' } },
      'reserved secret key "LLM_GOVERNOR_FUNCTION": this name is used by the system',
    ],
    ['a non-string value', { secrets: { KEY: 1 } }, 'error unmarshaling body'],
    ['secrets as a list', { secrets: ['KEY'] }, 'error unmarshaling body'],
  ];
  for (const [what, body, message] of limits) {
    it(`PATCH with ${what} → 400 ${message}`, async () => {
      for (const path of ['secrets', 'shared-secrets']) {
        const res = await s.as('nodeOwner', 'PATCH', `/compute-nodes/${node}/${path}`, body);
        assert.equal(res.status, 400, res.text);
        assert.deepEqual(res.json, { message });
      }
    });
  }

  it('accepts exactly 50 keys, a 256-byte key and a 10000-byte value', async () => {
    const fifty = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`K${i}`, 'v']));
    assert.equal((await s.as('nodeOwner', 'PATCH', `/compute-nodes/${node}/secrets`, { secrets: fifty })).status, 200);
    const edge = { [`K${'x'.repeat(255)}`]: 'x'.repeat(10_000) };
    assert.equal((await s.as('nodeOwner', 'PATCH', `/compute-nodes/${node}/secrets`, { secrets: edge })).status, 200);
    assert.equal(((await s.as('nodeOwner', 'GET', `/compute-nodes/${node}/secrets`)).json.keys as string[]).length, 51);
    assert.equal((await s.as('nodeOwner', 'DELETE', `/compute-nodes/${node}/secrets?deleteAll=true`)).status, 200);
  });

  it('answers 404 for a missing node and 400 bad request for a node without a gateway (not provisioned yet)', async () => {
    const missing = await s.as('nodeOwner', 'GET', '/compute-nodes/00000000-0000-4000-8000-000000000000/secrets');
    assert.equal(missing.status, 404);
    assert.deepEqual(missing.json, { message: 'not found' });
    const pending = await s.node({ gatewayUrl: '', status: 'Pending' });
    const res = await s.as('nodeOwner', 'PATCH', `/compute-nodes/${pending}/secrets`, { secrets: { KEY: 'v' } });
    assert.equal(res.status, 400);
    assert.deepEqual(res.json, { message: 'bad request' });
  });

  it("never writes a secret value to the sandbox's log or data folder", async () => {
    assert.ok(s.logText().includes('PATCH /compute-nodes/'), 'the requests were logged');
    assert.ok(!s.logText().includes(VALUE), 'the log holds no secret value');
    for (const file of filesUnder(s.backend.dataDir)) {
      assert.ok(!readFileSync(file).includes(VALUE), `${file} holds no secret value`);
    }
  });
});
