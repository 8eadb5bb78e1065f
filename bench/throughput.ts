// Provisioning throughput through the sandbox API on moto with real Terraform: one node alone
// (its stages, from the API's `provisioning` field), then 20 concurrent creates, and the CPU a
// node costs in Terraform with its provider servers, in moto and in the backend.
//
//   node --import tsx bench/throughput.ts [--nodes 20] [--slots N] [--cold-providers]
//
// Prints one JSON object (`npm run bench -- throughput` turns it into table rows). Linux only for
// the CPU figures (/proc).

import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startMoto } from '../backend/src/sandbox/moto';
import { spawnBackend } from '../scripts/harness/backend/backend';
import { call } from '../scripts/harness/backend/client';
import { registerCustomerAccount } from '../scripts/harness/backend/customer';
import { LAB, tokenOf, writeTestIdentities } from '../scripts/harness/backend/identities';
import { killProcessesUnder } from '../scripts/harness/procfs';
import { requireTool } from '../scripts/harness/tools';
import { cpuSeconds, cpuUnder, listenerPid } from './processCpu';

const CUSTOMER = '210987654321';
const token = tokenOf('acctOwner');

const round = (n: number) => Math.round(n * 10) / 10;

/** Creates one node and follows it: seconds to Enabled, and when each stage was first seen. */
async function oneNode(url: string, account: string, name: string) {
  const t0 = Date.now();
  const uuid = (await call(url, 'POST', '/compute-nodes', { token, body: { accountId: account, name } })).json
    .uuid as string;
  const firstSeen: Record<string, number> = {};
  for (;;) {
    const node = (await call(url, 'GET', `/compute-nodes/${uuid}`, { token })).json;
    const stage = node.provisioning?.stage as string | undefined;
    if (stage && firstSeen[stage] === undefined) firstSeen[stage] = round((Date.now() - t0) / 1000);
    if (node.status !== 'Pending')
      return {
        uuid,
        status: node.status as string,
        seconds: round((Date.now() - t0) / 1000),
        stagesFirstSeenAtSeconds: firstSeen,
      };
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Creates `count` nodes at once; seconds until every one has settled, and their statuses. */
async function manyNodes(url: string, account: string, count: number) {
  const t0 = Date.now();
  const uuids = await Promise.all(
    Array.from({ length: count }, (_, i) =>
      call(url, 'POST', '/compute-nodes', { token, body: { accountId: account, name: `bulk-${i}` } }).then(
        (r) => r.json.uuid as string,
      ),
    ),
  );
  const wanted = new Set(uuids);
  for (;;) {
    const list = (
      (await call(url, 'GET', '/compute-nodes?account_owner=true', { token })).json as {
        uuid: string;
        status: string;
      }[]
    ).filter((n) => wanted.has(n.uuid));
    if (list.length === count && list.every((n) => n.status !== 'Pending')) {
      const statuses: Record<string, number> = {};
      for (const n of list) statuses[n.status] = (statuses[n.status] ?? 0) + 1;
      return { nodes: count, seconds: round((Date.now() - t0) / 1000), statuses };
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { nodes: { type: 'string' }, slots: { type: 'string' }, 'cold-providers': { type: 'boolean' } },
  });
  requireTool('terraform', 'install Terraform 1.5 or later');
  requireTool('moto_server', 'install moto with its server extra: pip install "moto[server]"');
  const count = Number(values.nodes ?? 20);
  const moto = await startMoto();
  const motoPid = listenerPid(moto.port);
  const dir = mkdtempSync(join(tmpdir(), 'bench-throughput-'));
  const args = ['--identities', writeTestIdentities(dir), '--data', join(dir, 'data')];
  args.push('--aws-endpoint', moto.endpoint, '--log-level', 'error');
  if (values.slots) args.push('--max-concurrent-runs', values.slots);
  if (values['cold-providers']) args.push('--no-provider-servers');
  const load = [loadavg()[0]!];
  const backend = await spawnBackend(args);
  const cpu = () => ({
    tree: cpuSeconds(backend.pid, true) + cpuUnder(join(dir, 'data', 'providers')),
    moto: cpuSeconds(motoPid),
  });
  try {
    const reg = { url: backend.url, token, motoEndpoint: moto.endpoint, accountId: CUSTOMER, org: LAB };
    const account = await registerCustomerAccount(reg);
    const first = await oneNode(backend.url, account, 'first');
    const alone = await oneNode(backend.url, account, 'alone');
    const cpu0 = cpu();
    const many = await manyNodes(backend.url, account, count);
    const cpu1 = cpu();
    load.push(loadavg()[0]!);
    const result = {
      benchmark: 'provisioning-throughput',
      machine: { cpus: cpus().length, loadAverage1m: load.map((l) => Math.round(l * 100) / 100) },
      providerServers: !values['cold-providers'],
      slots: Number(values.slots ?? 8),
      firstNodeAfterStart: first,
      oneNodeAlone: alone,
      concurrent: many,
      cpuSecondsPerNode: {
        terraformProvidersAndBackend: round((cpu1.tree - cpu0.tree) / count),
        moto: round((cpu1.moto - cpu0.moto) / count),
      },
      targets: { oneNodeSeconds: 20, concurrent20Seconds: 150 },
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await backend.stop();
    killProcessesUnder(dir);
    await moto.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
