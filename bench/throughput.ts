// Provisioning throughput through the sandbox API on moto with real Terraform: one node alone
// (its stages, from the API's `provisioning` field), then 20 concurrent creates, and the CPU a
// node costs in Terraform with its provider servers, in moto and in the backend.
//
//   node --import tsx bench/throughput.ts [--nodes 20] [--slots N] [--cold-providers]
//
// Prints one JSON object. Linux only for the CPU figures (/proc).

import { spawn, type ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { CreateRoleCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { RoleTemplate } from '../backend/src/provisioner/rolePolicy';
import { demoIdentities } from '../backend/src/sandbox/demoIdentities';
import { startMoto, type MotoServer } from '../backend/src/sandbox/moto';

/** A response body, read field by field (the bench trusts the sandbox's shapes). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies of many shapes
type Json = any;

const REPO = resolve(__dirname, '..');
const CUSTOMER = '210987654321';

/** CPU seconds a process has used (itself, plus its waited-for children with `children`). */
function cpuSeconds(pid: number, children = false): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    const own = Number(f[11]) + Number(f[12]);
    return (children ? own + Number(f[13]) + Number(f[14]) : own) / 100;
  } catch {
    return 0;
  }
}

/** CPU of the live processes working under `dir` (the provider servers). */
function cpuUnder(dir: string): number {
  let total = 0;
  for (const e of readdirSync('/proc').filter((x) => /^\d+$/.test(x))) {
    try {
      if (readlinkSync(`/proc/${e}/cwd`).startsWith(dir)) total += cpuSeconds(Number(e));
    } catch {
      // gone
    }
  }
  return total;
}

interface Backend {
  readonly url: string;
  readonly pid: number;
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
  return {
    url,
    pid: child.pid!,
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

/** The customer's cross-account role in moto, and the account registered with it. */
async function registerAccount(url: string, token: string, moto: MotoServer): Promise<string> {
  const template = (await api(url, token, 'GET', '/role-policy')).json as RoleTemplate;
  const sts = new STSClient({
    region: 'us-east-1',
    endpoint: moto.endpoint,
    credentials: { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' },
  });
  const c = (
    await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${CUSTOMER}:role/bench`, RoleSessionName: 'bench' }))
  ).Credentials!;
  sts.destroy();
  const iam = new IAMClient({
    region: 'us-east-1',
    endpoint: moto.endpoint,
    credentials: { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken },
  });
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
  const body = {
    accountId: CUSTOMER,
    accountType: 'AWS',
    roleName: template.roleName,
    externalId: template.externalId,
  };
  return (await api(url, token, 'POST', '/accounts', body)).json.uuid as string;
}

const round = (n: number) => Math.round(n * 10) / 10;

/** Creates one node and follows it: seconds to Enabled, and when each stage was first seen. */
async function oneNode(url: string, token: string, account: string, name: string) {
  const t0 = Date.now();
  const uuid = (await api(url, token, 'POST', '/compute-nodes', { accountId: account, name })).json.uuid as string;
  const firstSeen: Record<string, number> = {};
  for (;;) {
    const node = (await api(url, token, 'GET', `/compute-nodes/${uuid}`)).json;
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
async function manyNodes(url: string, token: string, account: string, count: number) {
  const t0 = Date.now();
  const uuids = await Promise.all(
    Array.from({ length: count }, (_, i) =>
      api(url, token, 'POST', '/compute-nodes', { accountId: account, name: `bulk-${i}` }).then(
        (r) => r.json.uuid as string,
      ),
    ),
  );
  const wanted = new Set(uuids);
  for (;;) {
    const list = (
      (await api(url, token, 'GET', '/compute-nodes?account_owner=true')).json as { uuid: string; status: string }[]
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
  const count = Number(values.nodes ?? 20);
  const moto = await startMoto();
  const motoPid = Number(
    /pid=(\d+)/.exec(execFileSync('ss', ['-ltnpH', `sport = :${moto.port}`], { encoding: 'utf8' }))?.[1],
  );
  const dir = mkdtempSync(join(tmpdir(), 'bench-throughput-'));
  const ids = demoIdentities() as { users: Record<string, { token: string }> };
  const idsFile = join(dir, 'identities.yaml');
  writeFileSync(idsFile, stringify(ids), { mode: 0o600 });
  const args = [
    '--identities',
    idsFile,
    '--data',
    join(dir, 'data'),
    '--aws-endpoint',
    moto.endpoint,
    '--log-level',
    'error',
  ];
  if (values.slots) args.push('--max-concurrent-runs', values.slots);
  if (values['cold-providers']) args.push('--no-provider-servers');
  const load = [loadavg()[0]!];
  const backend = await spawnBackend(args);
  try {
    const token = ids.users['alice']!.token;
    const account = await registerAccount(backend.url, token, moto);
    const first = await oneNode(backend.url, token, account, 'first');
    const alone = await oneNode(backend.url, token, account, 'alone');
    const cpu0 = {
      tree: cpuSeconds(backend.pid, true) + cpuUnder(join(dir, 'data', 'providers')),
      moto: cpuSeconds(motoPid),
    };
    const many = await manyNodes(backend.url, token, account, count);
    const cpu1 = {
      tree: cpuSeconds(backend.pid, true) + cpuUnder(join(dir, 'data', 'providers')),
      moto: cpuSeconds(motoPid),
    };
    load.push(loadavg()[0]!);
    const perNode = {
      terraformProvidersAndBackend: round((cpu1.tree - cpu0.tree) / count),
      moto: round((cpu1.moto - cpu0.moto) / count),
    };
    const result = {
      benchmark: 'provisioning-throughput',
      machine: { cpus: cpus().length, loadAverage1m: load.map((l) => Math.round(l * 100) / 100) },
      providerServers: !values['cold-providers'],
      slots: Number(values.slots ?? 8),
      firstNodeAfterStart: first,
      oneNodeAlone: alone,
      concurrent: many,
      cpuSecondsPerNode: perNode,
      targets: { oneNodeSeconds: 20, concurrent20Seconds: 150 },
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await backend.stop();
    await moto.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
