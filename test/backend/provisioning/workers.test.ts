// Scale-out on DynamoDB (moto) with real Terraform: three backend processes share one DynamoDB
// endpoint and one data folder; 30 creates arrive spread over them; the worker running jobs is
// killed (kill -9) mid-run. Its jobs are taken over once their leases end (within 30 s), all 30
// nodes settle Enabled, no node is ever provisioned by two Terraform runs at once (nor twice in
// the account), and the API answers the same from every worker.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EMULATOR_CREDENTIALS } from '../../../backend/src/app';
import type { MotoServer } from '../../../backend/src/sandbox/moto';
import { openDynamoStore } from '../../../backend/src/store/dynamoStore';
import type { Store } from '../../../backend/src/store/types';
import { requireTool } from '../../../scripts/harness/tools';
import { customerCredentials, registerCustomerAccount } from '../support/aws';
import { spawnBackend, type BackendProcess } from '../../../scripts/harness/backend/backend';
import { call, waitFor } from '../../../scripts/harness/backend/client';
import { LAB, tokenOf, writeTestIdentities } from '../../../scripts/harness/backend/identities';
import { startTestMoto } from '../support/moto';
import { killProcessesUnder, processesUnder } from '../support/orphans';

const ann = tokenOf('acctOwner');
const CUSTOMER = '510987654321';
const NODES = 30;

/**
 * Access points per node identifier in the customer account's EFS, read with boto3 (installed
 * with moto; the project's own dependencies have no EFS client).
 */
function efsAccessPointsPerNode(
  endpoint: string,
  creds: { accessKeyId: string; secretAccessKey: string; sessionToken?: string },
): Record<string, number> {
  const script = [
    'import boto3, json, sys',
    'a = json.loads(sys.argv[1])',
    "efs = boto3.client('efs', region_name='us-east-1', endpoint_url=a['endpoint'])",
    'out = {}',
    "systems = [fs for page in efs.get_paginator('describe_file_systems').paginate() for fs in page['FileSystems']]",
    'for fs in systems:',
    "    node = fs['CreationToken'].split('-')[1]",
    "    points = [p for page in efs.get_paginator('describe_access_points').paginate(FileSystemId=fs['FileSystemId']) for p in page['AccessPoints']]",
    '    out[node] = out.get(node, 0) + len(points)',
    'print(json.dumps(out))',
  ].join('\n');
  const env = {
    ...process.env,
    AWS_ACCESS_KEY_ID: creds.accessKeyId,
    AWS_SECRET_ACCESS_KEY: creds.secretAccessKey,
    AWS_SESSION_TOKEN: creds.sessionToken ?? '',
  };
  return JSON.parse(
    execFileSync('python3', ['-c', script, JSON.stringify({ endpoint })], { encoding: 'utf8', env }),
  ) as Record<string, number>;
}

/** Terraform commands running now, by node work directory. */
function terraformByNode(nodesDir: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const pid of processesUnder(nodesDir)) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'terraform') continue;
      const node = readlinkSync(`/proc/${pid}/cwd`)
        .slice(nodesDir.length + 1)
        .split('/')[0]!;
      counts.set(node, (counts.get(node) ?? 0) + 1);
    } catch {
      // exited meanwhile
    }
  }
  return counts;
}

describe('workers that scale out on DynamoDB (moto + real Terraform)', function () {
  this.timeout(60 * 60_000);
  let moto: MotoServer;
  let store: Store;
  const dataDir = mkdtempSync(join(tmpdir(), 'sandbox-workers-'));
  const env = `w${randomBytes(3).toString('hex')}`;
  const workers: BackendProcess[] = [];

  before(async () => {
    requireTool('terraform', 'install Terraform 1.5 or later');
    moto = await startTestMoto();
    const args = [
      '--identities',
      writeTestIdentities(),
      '--data',
      dataDir,
      '--aws-endpoint',
      moto.endpoint,
      '--store',
      'dynamodb',
      '--env',
      env,
      '--max-concurrent-runs',
      '3',
      '--lease-seconds',
      '12',
      '--poll-seconds',
      '2',
      '--log-level',
      'debug',
    ];
    for (let i = 0; i < 3; i++) workers.push(await spawnBackend(args));
    store = await openDynamoStore({
      environment: env,
      region: 'us-east-1',
      endpoint: moto.endpoint,
      credentials: EMULATOR_CREDENTIALS,
    });
  });
  after(async () => {
    for (const w of workers) await w.stop();
    await store?.close();
    killProcessesUnder(dataDir);
    await moto?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('provisions 30 nodes with one of three workers killed mid-run, each node once', async () => {
    const [a, b, c] = workers as [BackendProcess, BackendProcess, BackendProcess];
    const account = await registerCustomerAccount({
      url: a.url,
      token: ann,
      motoEndpoint: moto.endpoint,
      accountId: CUSTOMER,
      org: LAB,
    });
    const created = await Promise.all(
      Array.from({ length: NODES }, (_, i) =>
        call(workers[i % 3]!.url, 'POST', '/compute-nodes', {
          token: ann,
          body: { accountId: account, organizationId: LAB, name: `w-${i}` },
        }),
      ),
    );
    assert.deepEqual(new Set(created.map((r) => r.status)), new Set([202]));
    const uuids = created.map((r) => r.json.uuid as string);

    // Watch every second that no node ever has two Terraform commands at once.
    let overlaps: string[] = [];
    const watcher = setInterval(() => {
      for (const [node, n] of terraformByNode(join(dataDir, 'nodes'))) if (n > 1) overlaps.push(`${node}: ${n}`);
    }, 500);
    try {
      // Kill b once it runs jobs; note which jobs it held.
      const held = await waitFor(
        'worker b to run jobs',
        async () => {
          const mine = (await store.jobs.list()).filter((j) => j.worker?.split(':')[1] === String(b.pid) && j.progress);
          return mine.length > 0 ? mine.map((j) => j.nodeUuid) : undefined;
        },
        10 * 60_000,
        500,
      );
      await b.kill9();
      const killedAt = Date.now();
      const takeovers = await Promise.all(
        held.map((uuid) =>
          waitFor(
            `node ${uuid} to be taken over`,
            async () => {
              const job = await store.jobs.get(uuid);
              if (!job) return Date.now() - killedAt;
              return job.worker && !job.worker.includes(`:${b.pid}:`) ? Date.now() - killedAt : undefined;
            },
            120_000,
            250,
          ),
        ),
      );
      assert.ok(Math.max(...takeovers) <= 30_000, `taken over after ${takeovers.join(', ')} ms`);

      const final = await waitFor(
        '30 nodes to settle',
        async () => {
          const list = (await call(c.url, 'GET', '/compute-nodes?account_owner=true', { token: ann })).json as {
            uuid: string;
            status: string;
          }[];
          const mine = list.filter((n) => uuids.includes(n.uuid));
          return mine.length === NODES && mine.every((n) => n.status !== 'Pending') ? mine : undefined;
        },
        45 * 60_000,
        3000,
      );
      assert.deepEqual(
        final.filter((n) => n.status !== 'Enabled'),
        [],
        'every node Enabled',
      );
      process.stdout.write(
        `      worker b held ${held.length} job(s); taken over after ${takeovers.map((t) => (t / 1000).toFixed(1)).join(', ')} s\n`,
      );
    } finally {
      clearInterval(watcher);
    }
    assert.deepEqual(overlaps, [], 'never two Terraform commands for one node at once');
    overlaps = [];

    // Each node once in the account: one EFS file system per node, with one access point.
    assert.deepEqual(
      efsAccessPointsPerNode(moto.endpoint, await customerCredentials(moto.endpoint, CUSTOMER)),
      Object.fromEntries(uuids.map((u) => [u.slice(0, 8), 1])),
    );

    // The same answers from the surviving workers.
    const fromA = (await call(a.url, 'GET', '/compute-nodes?account_owner=true', { token: ann })).json as {
      uuid: string;
      status: string;
    }[];
    const fromC = (await call(c.url, 'GET', '/compute-nodes?account_owner=true', { token: ann })).json as {
      uuid: string;
      status: string;
    }[];
    const byUuid = (l: { uuid: string; status: string }[]) => l.map((n) => `${n.uuid} ${n.status}`).sort();
    assert.deepEqual(byUuid(fromA), byUuid(fromC));
    const one = await call(a.url, 'GET', `/compute-nodes/${uuids[0]}`, { token: ann });
    assert.deepEqual((await call(c.url, 'GET', `/compute-nodes/${uuids[0]}`, { token: ann })).json, one.json);
  });
});
