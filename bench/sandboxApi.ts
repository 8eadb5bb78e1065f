// Sandbox backend benchmark: API latency (p50/p95) with 50 concurrent clients on the list and get
// routes, then create-to-Enabled and delete-to-gone for one node on moto with real Terraform.
//
//   node --import tsx bench/sandboxApi.ts [--requests N] [--clients N] [--skip-provisioning]
//
// Prints one JSON object on stdout. The backend runs as its own process, so client work does
// not inflate the server's latency.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { CreateRoleCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { demoIdentities } from '../backend/src/sandbox/demoIdentities';
import { startMoto, type MotoServer } from '../backend/src/sandbox/moto';
import type { RoleTemplate } from '../backend/src/provisioner/rolePolicy';

/** A response body, read field by field (the bench trusts the sandbox's shapes). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies of many shapes
type Json = any;

const REPO = resolve(__dirname, '..');
const TARGET_P95_MS = 50;

interface Identities {
  users: Record<string, { nodeId: string; token: string }>;
  organizations: Record<string, { nodeId: string }>;
}

interface Backend {
  readonly url: string;
  /** CPU time the backend process has used so far, in ms (Linux /proc), or undefined. */
  cpuMs(): number | undefined;
  stop(): Promise<void>;
}

async function spawnBackend(args: string[]): Promise<Backend> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'backend/src/main.ts', ...args], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'ignore'],
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
  const url = await new Promise<string>((ok, fail) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const msg = JSON.parse(line) as { event?: string; url?: string };
      if (msg.event === 'listening' && msg.url) ok(msg.url);
    });
    child.once('exit', (code) => fail(new Error(`backend exited with ${code}`)));
  });
  const stat = `/proc/${child.pid}/stat`;
  return {
    url,
    cpuMs: () => {
      if (!existsSync(stat)) return undefined;
      const fields = readFileSync(stat, 'utf8').split(') ')[1]?.split(' ') ?? [];
      // utime + stime, in clock ticks of 10 ms.
      return (Number(fields[11]) + Number(fields[12])) * 10;
    },
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

async function api(
  url: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: Json }> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/** `clients` workers share `requests` requests to one path; returns latency percentiles in ms. */
async function measure(url: string, token: string, path: string, clients: number, requests: number) {
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < requests) {
        next++;
        const t0 = performance.now();
        const res = await fetch(`${url}${path}`, { headers: { Authorization: `Bearer ${token}` } });
        await res.arrayBuffer();
        latencies.push(performance.now() - t0);
        if (res.status !== 200) failures++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    requests: latencies.length,
    failures,
    p50Ms: round(percentile(latencies, 50)),
    p95Ms: round(percentile(latencies, 95)),
    p99Ms: round(percentile(latencies, 99)),
    maxMs: round(latencies.at(-1) ?? 0),
    requestsPerSecond: Math.round(latencies.length / seconds),
  };
}

async function benchApi(clients: number, requests: number) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-sandbox-'));
  const ids = demoIdentities() as Identities;
  const idsFile = join(dir, 'identities.yaml');
  writeFileSync(idsFile, stringify(ids), { mode: 0o600 });
  // No provisioning here: node jobs fail fast against a closed port, the records are what is read.
  const backend = await spawnBackend([
    '--identities',
    idsFile,
    '--data',
    dir,
    '--aws-endpoint',
    'http://127.0.0.1:9',
    '--provisioner-account-id',
    '123456789012',
    '--log-level',
    'error',
  ]);
  try {
    const alice = ids.users.alice!.token;
    const lab = ids.organizations.lab!.nodeId;
    const account = (
      await api(backend.url, alice, 'POST', '/accounts', {
        accountId: '123456789012',
        accountType: 'AWS',
        roleName: 'r',
        externalId: 'e',
      })
    ).json.uuid as string;
    await api(
      backend.url,
      alice,
      'POST',
      `/accounts/${account}/workspaces?organization_id=${encodeURIComponent(lab)}`,
      { isPublic: true, enableCompute: true },
    );
    const nodes: string[] = [];
    for (let i = 0; i < 50; i++) {
      nodes.push(
        (
          await api(backend.url, alice, 'POST', '/compute-nodes', {
            accountId: account,
            organizationId: lab,
            name: `bench-${i}`,
          })
        ).json.uuid,
      );
    }
    // Let the (failing) provisioning jobs finish first, so they do not compete with the reads.
    for (;;) {
      const list = (await api(backend.url, alice, 'GET', '/compute-nodes?account_owner=true')).json as {
        status: string;
      }[];
      if (list.every((n) => n.status !== 'Pending')) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const node = nodes[0]!;
    const routes: Record<string, string> = {
      // A static route: the floor set by HTTP, the client and the machine.
      'GET /gpu-tiers (baseline)': `/gpu-tiers?organization_id=${encodeURIComponent(lab)}`,
      'GET /accounts': '/accounts',
      'GET /compute-nodes?account_owner=true (50 nodes)': '/compute-nodes?account_owner=true',
      'GET /compute-nodes?organization_id (50 nodes)': `/compute-nodes?organization_id=${encodeURIComponent(lab)}`,
      'GET /compute-nodes/{id}': `/compute-nodes/${node}`,
      'GET /compute-nodes/{id}/permissions': `/compute-nodes/${node}/permissions`,
      'GET /compute-nodes/{id}/user-quotas': `/compute-nodes/${node}/user-quotas`,
      'GET /compute-nodes/{id}/user-quotas/me/effective': `/compute-nodes/${node}/user-quotas/me/effective`,
    };
    // Warm-up pass over every route (JIT, connection pool), then the measured pass.
    for (const path of Object.values(routes))
      await measure(backend.url, alice, path, clients, Math.min(1000, requests));
    const results: Record<string, Awaited<ReturnType<typeof measure>> & { serverCpuMsPerRequest?: number }> = {};
    for (const [name, path] of Object.entries(routes)) {
      const cpuBefore = backend.cpuMs();
      const measured = await measure(backend.url, alice, path, clients, requests);
      const cpuAfter = backend.cpuMs();
      // Server CPU per request does not depend on what else the machine runs; latency does.
      const serverCpuMsPerRequest =
        cpuBefore === undefined || cpuAfter === undefined
          ? undefined
          : Math.round(((cpuAfter - cpuBefore) / requests) * 1000) / 1000;
      results[name] = { ...measured, serverCpuMsPerRequest };
    }
    const worstP95 = Math.max(...Object.values(results).map((r) => r.p95Ms));
    return {
      clients,
      requestsPerRoute: requests,
      store: 'sqlite',
      routes: results,
      worstP95Ms: worstP95,
      targetP95Ms: TARGET_P95_MS,
      meetsTarget: worstP95 < TARGET_P95_MS,
    };
  } finally {
    await backend.stop();
  }
}

async function customerIam(endpoint: string, accountId: string): Promise<IAMClient> {
  const sts = new STSClient({
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' },
  });
  const c = (
    await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${accountId}:role/bench`, RoleSessionName: 'bench' }))
  ).Credentials!;
  sts.destroy();
  return new IAMClient({
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken },
  });
}

async function waitForStatus(
  url: string,
  token: string,
  uuid: string,
  done: (status: number, body: Json) => boolean,
): Promise<number> {
  const t0 = Date.now();
  for (;;) {
    const res = await api(url, token, 'GET', `/compute-nodes/${uuid}`);
    if (done(res.status, res.json)) return (Date.now() - t0) / 1000;
    if (Date.now() - t0 > 15 * 60_000) throw new Error(`node ${uuid} did not settle: ${JSON.stringify(res.json)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/**
 * The routes the emulated compute gateway answers from the customer account (Secrets Manager, SSM
 * on moto), on the provisioned node: fewer clients and requests, each request is AWS calls too.
 */
async function benchGatewayRoutes(url: string, token: string, uuid: string) {
  await api(url, token, 'PATCH', `/compute-nodes/${uuid}/secrets`, { secrets: { BENCH_KEY: 'bench-value' } });
  await api(url, token, 'PUT', `/compute-nodes/${uuid}/llm-config`, { budgetUsd: 10, budgetPeriod: 'monthly' });
  const routes: Record<string, string> = {
    'GET /compute-nodes/{id}/secrets': `/compute-nodes/${uuid}/secrets`,
    'GET /compute-nodes/{id}/allowed-processors': `/compute-nodes/${uuid}/allowed-processors`,
    'GET /compute-nodes/{id}/llm-config': `/compute-nodes/${uuid}/llm-config`,
  };
  const results: Record<string, Awaited<ReturnType<typeof measure>>> = {};
  for (const path of Object.values(routes)) await measure(url, token, path, 10, 50);
  for (const [name, path] of Object.entries(routes)) results[name] = await measure(url, token, path, 10, 300);
  const worstP95 = Math.max(...Object.values(results).map((r) => r.p95Ms));
  return {
    clients: 10,
    requestsPerRoute: 300,
    routes: results,
    worstP95Ms: worstP95,
    targetP95Ms: TARGET_P95_MS,
    meetsTarget: worstP95 < TARGET_P95_MS,
  };
}

async function benchProvisioning() {
  const moto: MotoServer = await startMoto();
  const dir = mkdtempSync(join(tmpdir(), 'bench-provision-'));
  const ids = demoIdentities() as Identities;
  const idsFile = join(dir, 'identities.yaml');
  writeFileSync(idsFile, stringify(ids), { mode: 0o600 });
  const backend = await spawnBackend([
    '--identities',
    idsFile,
    '--data',
    dir,
    '--aws-endpoint',
    moto.endpoint,
    '--log-level',
    'error',
  ]);
  try {
    const alice = ids.users.alice!.token;
    const customer = '210987654321';
    const template = (await api(backend.url, alice, 'GET', '/role-policy')).json as RoleTemplate;
    const iam = await customerIam(moto.endpoint, customer);
    await iam.send(
      new CreateRoleCommand({
        RoleName: template.roleName,
        AssumeRolePolicyDocument: JSON.stringify(template.trustPolicyDocument),
        MaxSessionDuration: 7200,
      }),
    );
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: template.roleName,
        PolicyName: `POLICY-${template.roleName}`,
        PolicyDocument: JSON.stringify(template.policyDocument),
      }),
    );
    iam.destroy();
    const account = (
      await api(backend.url, alice, 'POST', '/accounts', {
        accountId: customer,
        accountType: 'AWS',
        roleName: template.roleName,
        externalId: template.externalId,
      })
    ).json.uuid;
    const created = await api(backend.url, alice, 'POST', '/compute-nodes', { accountId: account, name: 'bench' });
    const uuid = created.json.uuid as string;
    const createToEnabled = await waitForStatus(backend.url, alice, uuid, (_, n) => n?.status !== 'Pending');
    const status = (await api(backend.url, alice, 'GET', `/compute-nodes/${uuid}`)).json;
    const gatewayRoutes = status.status === 'Enabled' ? await benchGatewayRoutes(backend.url, alice, uuid) : undefined;
    await api(backend.url, alice, 'DELETE', `/compute-nodes/${uuid}`);
    const deleteToGone = await waitForStatus(
      backend.url,
      alice,
      uuid,
      (code, n) => code === 404 || n?.status === 'Failed',
    );
    return {
      target: 'moto',
      deploymentMode: 'basic',
      finalStatus: status.status,
      statusReason: status.statusReason,
      createToEnabledSeconds: Math.round(createToEnabled * 10) / 10,
      deleteToGoneSeconds: Math.round(deleteToGone * 10) / 10,
      targetCreateSeconds: 60,
      gatewayRoutes,
    };
  } finally {
    await backend.stop();
    await moto.stop();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { requests: { type: 'string' }, clients: { type: 'string' }, 'skip-provisioning': { type: 'boolean' } },
  });
  const clients = Number(values.clients ?? 50);
  const requests = Number(values.requests ?? 2000);
  const result: Record<string, unknown> = {
    benchmark: 'sandbox-api',
    date: new Date().toISOString(),
    // Other processes on the machine skew every figure: the load average says how much.
    machine: {
      cpus: cpus().length,
      node: process.version,
      loadAverageAtStart: loadavg().map((l) => Math.round(l * 100) / 100),
    },
    api: await benchApi(clients, requests),
  };
  if (!values['skip-provisioning']) result.provisioning = await benchProvisioning();
  result.loadAverageAtEnd = loadavg().map((l) => Math.round(l * 100) / 100);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
