// Three kill -9s of the backend within 30 s while nodes are being created and deleted (moto and
// real Terraform). Terraform outlives a killed backend by design (it writes to files, not
// pipes); each start must end the runs of the dead one before resuming their jobs. Afterwards:
// no Terraform process of a dead backend is left, every node settles, a later DELETE succeeds,
// and once the backend stops nothing runs in its data folder.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MotoServer } from '../../../backend/src/sandbox/moto';
import { requireTool } from '../../../scripts/harness/tools';
import { registerCustomerAccount } from '../support/aws';
import { spawnBackend, type BackendProcess } from '../../../scripts/harness/backend/backend';
import { call, waitFor } from '../../../scripts/harness/backend/client';
import { LAB, tokenOf, writeTestIdentities } from '../../../scripts/harness/backend/identities';
import { startTestMoto } from '../support/moto';
import { settle as settleAs } from '../support/nodes';
import { killProcessesUnder, processesUnder } from '../support/orphans';

const ann = tokenOf('acctOwner');
const settle = (url: string, uuid: string) => settleAs(url, ann, uuid, 15 * 60_000);

/** The parent of a process (0 when it is gone). */
function parentOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return 0;
  }
}

describe('crash-safe Terraform runs: three kill -9s within 30 s (moto + real Terraform)', function () {
  this.timeout(40 * 60_000);
  let moto: MotoServer;
  const dataDir = mkdtempSync(join(tmpdir(), 'sandbox-crash-'));
  let args: string[];
  let backend: BackendProcess | undefined;

  before(async () => {
    requireTool('terraform', 'install Terraform 1.5 or later');
    moto = await startTestMoto();
    args = [
      '--identities',
      writeTestIdentities(),
      '--data',
      dataDir,
      '--aws-endpoint',
      moto.endpoint,
      '--max-concurrent-runs',
      '4',
    ];
  });
  after(async () => {
    await backend?.stop();
    killProcessesUnder(dataDir);
    await moto?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('ends the runs of each killed backend, settles every node, deletes them all, and leaves nothing running', async () => {
    backend = await spawnBackend(args);
    const account = await registerCustomerAccount({
      url: backend.url,
      token: ann,
      motoEndpoint: moto.endpoint,
      accountId: '410987654321',
      org: LAB,
    });
    const create = async (name: string) =>
      (
        await call(backend!.url, 'POST', '/compute-nodes', {
          token: ann,
          body: { accountId: account, organizationId: LAB, name },
        })
      ).json.uuid as string;
    // Two nodes to delete during the crashes, then four creates and the two deletes at once.
    const toDelete = [await create('old-1'), await create('old-2')];
    for (const uuid of toDelete)
      assert.equal(((await settle(backend.url, uuid)) as { status: string }).status, 'Enabled');
    const created = await Promise.all(['new-1', 'new-2', 'new-3', 'new-4'].map(create));
    for (const uuid of toDelete)
      assert.equal((await call(backend.url, 'DELETE', `/compute-nodes/${uuid}`, { token: ann })).status, 202);

    const kills: number[] = [];
    for (let kill = 1; kill <= 3; kill++) {
      await waitFor(
        'Terraform to run',
        async () => (processesUnder(join(dataDir, 'nodes')).length > 0 ? true : undefined),
        120_000,
        200,
      );
      await backend.kill9();
      kills.push(Date.now());
      backend = await spawnBackend(args);
      if (kill < 3) await new Promise((r) => setTimeout(r, 4000));
    }
    assert.ok(kills[2]! - kills[0]! < 30_000, `three kills within 30 s (${kills[2]! - kills[0]!} ms)`);
    const live = backend.pid;

    // Within the grace period every run of a dead backend is gone: what runs in the data folder is this backend's.
    await waitFor(
      'the runs of dead backends to end',
      async () => (processesUnder(dataDir).every((p) => parentOf(p) === live || parentOf(p) === 0) ? true : undefined),
      120_000,
      500,
    );

    const outcomes = await Promise.all([...created, ...toDelete].map((uuid) => settle(backend!.url, uuid)));
    const remaining = [...created, ...toDelete].filter((_, i) => outcomes[i] !== 'gone');
    for (const [i, uuid] of [...created, ...toDelete].entries()) {
      const o = outcomes[i]!;
      assert.ok(o === 'gone' || ['Enabled', 'Failed'].includes(o.status), `${uuid}: ${JSON.stringify(o)}`);
    }
    for (const uuid of toDelete)
      assert.equal(outcomes[[...created, ...toDelete].indexOf(uuid)], 'gone', 'the deletes went through');

    for (const uuid of remaining)
      assert.equal((await call(backend.url, 'DELETE', `/compute-nodes/${uuid}`, { token: ann })).status, 202);
    for (const uuid of remaining) assert.equal(await settle(backend.url, uuid), 'gone');
    assert.deepEqual(processesUnder(join(dataDir, 'nodes')), [], 'no Terraform command runs once every job is done');
    assert.match(backend.stderr(), /ended \d+ Terraform run\(s\) a stopped backend left running|resuming/);

    await backend.stop();
    backend = undefined;
    assert.deepEqual(processesUnder(dataDir), [], 'nothing runs in the data folder after the backend stopped');
    process.stdout.write(
      `      outcomes before the final deletes: ${outcomes.map((o) => (o === 'gone' ? 'gone' : `${o.status}${o.statusReason ? ` (${o.statusReason})` : ''}`)).join(', ')}\n`,
    );
  });
});
