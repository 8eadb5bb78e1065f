// Every entry point keeps the data folder owner-only: backend/src/main.ts creates it 0700 (and
// tightens an existing one), and everything it writes there is 0600 (`npm run sandbox` is
// checked in sandboxMain.test.ts).

import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnBackend } from '../../../scripts/harness/backend/backend';
import { call } from '../../../scripts/harness/backend/client';
import { tokenOf, writeTestIdentities } from '../../../scripts/harness/backend/identities';
import { openToOthers } from '../support/modes';

describe('the data folder from backend/src/main.ts', function () {
  this.timeout(120_000);
  const root = mkdtempSync(join(tmpdir(), 'sandbox-modes-'));
  chmodSync(root, 0o755);
  after(() => rmSync(root, { recursive: true, force: true }));

  for (const existing of [false, true]) {
    it(`is 0700 with 0600 files (${existing ? 'an existing 0755 folder is tightened' : 'created'})`, async () => {
      const data = join(root, existing ? 'existing' : 'new');
      if (existing) mkdirSync(data, { mode: 0o755 });
      const args = [
        '--identities',
        writeTestIdentities(),
        '--data',
        data,
        '--aws-endpoint',
        'http://127.0.0.1:9',
        '--provisioner-account-id',
        '123456789012',
      ];
      const backend = await spawnBackend(args);
      try {
        const body = { accountId: '123456789012', accountType: 'AWS', roleName: 'r', externalId: 'e' };
        assert.equal((await call(backend.url, 'POST', '/accounts', { token: tokenOf('acctOwner'), body })).status, 201);
        assert.equal(statSync(data).mode & 0o777, 0o700);
        assert.ok(readdirSync(data).includes('sandbox.db'));
        assert.deepEqual(openToOthers(data), []);
      } finally {
        await backend.stop();
      }
      assert.deepEqual(openToOthers(data), [], 'also after a clean stop');
    });
  }
});
