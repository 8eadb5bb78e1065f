// A backend killed (kill -9) while a node is Pending, in the middle of `terraform apply`: after a
// restart the job resumes and the node ends Enabled: Terraform, writing to files rather than to
// pipes, outlives the backend, and the resumed apply waits for its state lock and converges.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MotoServer } from '../../../backend/src/sandbox/moto';
import { requireTool } from '../../../scripts/harness/tools';
import { registerCustomerAccount } from '../support/aws';
import { spawnBackend, type BackendProcess } from '../../../scripts/harness/backend/backend';
import { call, waitFor } from '../../../scripts/harness/backend/client';
import { LAB, tokenOf, writeTestIdentities } from '../../../scripts/harness/backend/identities';
import { startTestMoto } from '../support/moto';
import { killProcessesUnder } from '../support/orphans';
import { settle as settleAs } from '../support/nodes';

const ann = tokenOf('acctOwner');
const settle = (url: string, uuid: string, timeoutMs: number) => settleAs(url, ann, uuid, timeoutMs);

describe('restart in the middle of provisioning (moto + real Terraform)', function () {
  this.timeout(20 * 60_000);
  let moto: MotoServer;
  const dataDir = mkdtempSync(join(tmpdir(), 'sandbox-restart-'));
  const backends: BackendProcess[] = [];

  before(async () => {
    requireTool('terraform', 'install Terraform 1.5 or later');
    moto = await startTestMoto();
  });
  after(async () => {
    for (const b of backends) await b.stop();
    killProcessesUnder(dataDir);
    await moto?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('resumes a create interrupted by kill -9 and ends Enabled', async () => {
    const args = [
      '--identities',
      writeTestIdentities(),
      '--data',
      dataDir,
      '--aws-endpoint',
      moto.endpoint,
      '--log-level',
      'debug',
    ];
    const first = await spawnBackend(args);
    backends.push(first);
    const account = await registerCustomerAccount({
      url: first.url,
      token: ann,
      motoEndpoint: moto.endpoint,
      accountId: '310987654321',
      org: LAB,
    });
    const res = await call(first.url, 'POST', '/compute-nodes', {
      token: ann,
      body: { accountId: account, organizationId: LAB },
    });
    assert.equal(res.status, 202);
    const uuid = res.json.uuid as string;
    const id = uuid.slice(0, 8);
    // Kill once Terraform has created part of the node: the state on disk is then partial.
    await waitFor(
      'the apply to create its first resources',
      async () =>
        first.stderr().includes(`node ${id}: `) && /Creation complete/.test(first.stderr()) ? true : undefined,
      5 * 60_000,
      200,
    );
    await first.kill9();
    assert.ok(!/terraform apply succeeded/.test(first.stderr()), 'the apply was still running when the backend died');

    const second = await spawnBackend(args);
    backends.push(second);
    const during = await call(second.url, 'GET', `/compute-nodes/${uuid}`, { token: ann });
    assert.equal(during.status, 200, 'the acknowledged node survived the crash');
    const final = await settle(second.url, uuid, 10 * 60_000);
    assert.notEqual(final, 'gone');
    const node = final as { status: string; statusReason?: string };
    assert.equal(node.status, 'Enabled', JSON.stringify(node));
    assert.match(second.stderr(), /resuming 1 provisioning job/);

    // Whatever the outcome, the node can be deleted.
    assert.equal((await call(second.url, 'DELETE', `/compute-nodes/${uuid}`, { token: ann })).status, 202);
    assert.equal(await settle(second.url, uuid, 10 * 60_000), 'gone');
    process.stdout.write(
      `      after the restart the node was ${node.status}${node.statusReason ? `: ${node.statusReason}` : ''}\n`,
    );
  });
});
