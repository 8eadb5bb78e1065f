// Scale-out on DynamoDB (moto) with real Terraform: three backend workers share one DynamoDB
// store; a batch of creates is spread over them; while it provisions, 50 clients read the API's
// read routes from the three workers (latency per route, see below); then the worker holding
// the most running jobs is killed (SIGKILL to its process group) and the time until the other
// workers have claimed each of its jobs is measured; then every node settles.
//
//   node --import tsx bench/scaleOut.ts [--nodes 15] [--clients 50] [--read-seconds 30] [--slots N]
//
// The reads run twice, each for --read-seconds: back to back (closed loop: what three workers and
// moto's DynamoDB serve at most), then paced at one read per client per second (50 polling
// clients; the extension polls every 3 s).
//
// Prints one JSON object (`npm run bench -- scaleout` turns it into table rows). Linux only.

import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { JobRecord } from '../backend/src/store/types';
import { call, waitFor } from '../scripts/harness/backend/client';
import { registerCustomerAccount } from '../scripts/harness/backend/customer';
import { LAB, tokenOf } from '../scripts/harness/backend/identities';
import { processesUnder } from '../scripts/harness/procfs';
import { cpuSeconds } from './processCpu';
import { readUnderLoad } from './readLoad';
import { startCluster, type Cluster } from './scaleOutCluster';
import { measureTakeover } from './takeover';

const CUSTOMER = '610987654321';
const token = tokenOf('acctOwner');
const load1m = () => Math.round(loadavg()[0]! * 100) / 100;
const seconds = (ms: number) => Math.round(ms / 100) / 10;

/** The read routes of bench/sandboxApi.ts, on a node being provisioned. */
function readRoutes(node: string): Record<string, string> {
  const lab = encodeURIComponent(LAB);
  return {
    'GET /gpu-tiers (baseline)': `/gpu-tiers?organization_id=${lab}`,
    'GET /accounts': '/accounts',
    'GET /compute-nodes?account_owner=true': '/compute-nodes?account_owner=true',
    'GET /compute-nodes?organization_id': `/compute-nodes?organization_id=${lab}`,
    'GET /compute-nodes/{id}': `/compute-nodes/${node}`,
    'GET /compute-nodes/{id}/permissions': `/compute-nodes/${node}/permissions`,
    'GET /compute-nodes/{id}/user-quotas': `/compute-nodes/${node}/user-quotas`,
    'GET /compute-nodes/{id}/user-quotas/me/effective': `/compute-nodes/${node}/user-quotas/me/effective`,
  };
}

/** Creates `count` nodes in the lab workspace, node i through worker i mod n. */
async function createNodes(c: Cluster, account: string, count: number, prefix: string): Promise<string[]> {
  const created = await Promise.all(
    Array.from({ length: count }, (_, i) =>
      call(c.workers[i % c.workers.length]!.url, 'POST', '/compute-nodes', {
        token,
        body: { accountId: account, organizationId: LAB, name: `${prefix}-${i}` },
      }),
    ),
  );
  const bad = created.find((r) => r.status !== 202);
  if (bad) throw new Error(`POST /compute-nodes answered ${bad.status}: ${bad.text}`);
  return created.map((r) => r.json.uuid as string);
}

const running = (jobs: readonly JobRecord[]) => jobs.filter((j) => j.worker && j.progress).length;

/** One read phase (back to back, or paced at `intervalMs`), with the machine's and the workers' state around it. */
async function readPhase(c: Cluster, node: string, clients: number, durationMs: number, intervalMs?: number) {
  const cpu = () => ({ workers: c.workers.map((w) => cpuSeconds(w.pid)), moto: cpuSeconds(c.motoPid) });
  const before = { cpu: cpu(), jobs: running(await c.store.jobs.list()), load: load1m() };
  const t0 = Date.now();
  const reads = await readUnderLoad({
    urls: c.workers.map((w) => w.url),
    token,
    routes: readRoutes(node),
    clients,
    durationMs,
    intervalMs,
  });
  const wall = (Date.now() - t0) / 1000;
  const after = { cpu: cpu(), jobs: running(await c.store.jobs.list()), load: load1m() };
  const percent = (a: number, b: number) => Math.round(((b - a) / wall) * 100);
  const requests = Object.values(reads.routes).reduce((n, r) => n + r.requests, 0);
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  const perRead = (a: number, b: number) => Math.round(((b - a) * 1000 * 100) / requests) / 100;
  return {
    clients,
    everyMs: intervalMs,
    seconds: Math.round(wall),
    ...reads,
    terraformJobsRunning: { atStart: before.jobs, atEnd: after.jobs },
    cpuPercentOfOneCore: {
      workers: before.cpu.workers.map((x, i) => percent(x, after.cpu.workers[i]!)),
      moto: percent(before.cpu.moto, after.cpu.moto),
    },
    // What a read costs at most: the CPU of the workers (which also run their jobs meanwhile:
    // leases, progress, Terraform's output) and of moto (which also serves Terraform).
    cpuMsPerRead: {
      workersAtMost: perRead(sum(before.cpu.workers), sum(after.cpu.workers)),
      motoAtMost: perRead(before.cpu.moto, after.cpu.moto),
    },
    loadAverage1m: { atStart: before.load, atEnd: after.load },
  };
}

/** Waits (up to 10 min) until no node of `uuids` is Pending; their statuses and the time. */
async function settle(url: string, uuids: readonly string[], since: number) {
  const list = await waitFor(
    'every node to settle',
    async () => {
      const all = (await call(url, 'GET', '/compute-nodes?account_owner=true', { token })).json as {
        uuid: string;
        status: string;
      }[];
      const mine = all.filter((n) => uuids.includes(n.uuid));
      return mine.length === uuids.length && mine.every((n) => n.status !== 'Pending') ? mine : undefined;
    },
    600_000,
    1000,
  );
  const statuses: Record<string, number> = {};
  for (const n of list) statuses[n.status] = (statuses[n.status] ?? 0) + 1;
  return { nodes: uuids.length, secondsSinceCreates: seconds(Date.now() - since), statuses };
}

const OPTIONS = {
  nodes: { type: 'string' },
  clients: { type: 'string' },
  'read-seconds': { type: 'string' },
  slots: { type: 'string' },
} as const;

/** Both read phases while the first creates provision: back to back, then one read a second per client. */
async function readPhases(c: Cluster, node: string, values: { clients?: string; 'read-seconds'?: string }) {
  const clients = Number(values.clients ?? 50);
  const durationMs = Number(values['read-seconds'] ?? 30) * 1000;
  await waitFor('a Terraform run to start', async () => running(await c.store.jobs.list()) || undefined, 300_000, 250);
  return {
    backToBack: await readPhase(c, node, clients, durationMs),
    everySecond: await readPhase(c, node, clients, durationMs, 1000),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: OPTIONS });
  const loadAtStart = load1m();
  const c = await startCluster(3, values.slots);
  try {
    const reg = { url: c.workers[0]!.url, token, motoEndpoint: c.moto.endpoint, accountId: CUSTOMER, org: LAB };
    const account = await registerCustomerAccount(reg);
    const t0 = Date.now();
    const uuids = await createNodes(c, account, Number(values.nodes ?? 15), 'scale');
    const reads = await readPhases(c, uuids[0]!, values);
    const takeover = await measureTakeover(c, () => createNodes(c, account, 3, 'victim'));
    uuids.push(...takeover.extraNodes);
    const survivor = c.workers[(takeover.killedWorker + 1) % c.workers.length]!;
    const settled = await settle(survivor.url, uuids, t0);
    const result = {
      benchmark: 'scale-out',
      machine: { cpus: cpus().length, loadAverage1m: { atStart: loadAtStart, atEnd: load1m() } },
      workers: c.workers.length,
      store: 'dynamodb (moto, the same moto Terraform provisions into)',
      reads,
      takeover: { ...takeover, extraNodes: takeover.extraNodes.length },
      settled,
      processesLeftInNodeFolders: processesUnder(join(c.dataDir, 'nodes')).length,
      targets: { readP95Ms: 50, takeoverSeconds: 30 },
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await c.stop();
  }
}

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
