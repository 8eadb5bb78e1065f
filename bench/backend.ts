// Sandbox backend and provisioning sections of `npm run bench`: runs bench/sandboxApi.ts,
// bench/provisioning.ts, bench/throughput.ts and bench/scaleOut.ts (each prints JSON) and turns
// their figures into table rows.

import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { BenchOptions, BenchSection } from './stats';
import { scaleOutRows, throughputRows, type ScaleOutFigures, type ThroughputFigures } from './scaleRows';

const root = join(__dirname, '..');

/** The figures bench/sandboxApi.ts prints, as far as this section reads them. */
interface SandboxFigures {
  readonly api: { readonly clients: number; readonly routes: Record<string, Record<string, number>> };
  readonly provisioning?: {
    readonly createToEnabledSeconds: number;
    readonly deleteToGoneSeconds: number;
    readonly finalStatus: string;
  };
  readonly machine: { readonly loadAverageAtStart: readonly number[] };
  readonly loadAverageAtEnd: readonly number[];
}

/** The figures bench/provisioning.ts prints, as far as this section reads them. */
interface ProvisioningFigures {
  readonly init: Record<string, { readonly runsMs?: number[]; readonly ms?: number[]; readonly how?: string }>;
  readonly provisioning?: Record<string, unknown>;
  readonly provider: { readonly bytes: number };
  readonly terraform: string;
}

/** Runs a bench script and parses the JSON it prints last. */
function runJson<T>(script: string, args: string[] = []): T {
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(root, 'bench', script), ...args], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(out.slice(out.indexOf('{'))) as T;
}

export async function benchSandbox(): Promise<BenchSection> {
  const r = runJson<SandboxFigures>('sandboxApi.ts');
  const rows: [string, string, string][] = [];
  for (const [route, m] of Object.entries(r.api.routes)) {
    rows.push([
      `API ${route}, p50 / p95`,
      `${m.p50Ms} / ${m.p95Ms} ms`,
      `${r.api.clients} concurrent clients, ${m.requests} requests, ${m.requestsPerSecond} req/s, server CPU ${m.serverCpuMsPerRequest} ms/request; target p95 < 50 ms`,
    ]);
  }
  const p = r.provisioning;
  if (p) {
    rows.push([
      'Create → Enabled on moto (basic mode)',
      `${p.createToEnabledSeconds} s`,
      `real Terraform through the API; final status ${p.finalStatus}; target < 60 s`,
    ]);
    rows.push([
      'Delete → gone on moto',
      `${p.deleteToGoneSeconds} s`,
      'terraform destroy; workflow-log bucket and boundary policy retained',
    ]);
  }
  rows.push([
    'Load average during the run',
    `${r.machine.loadAverageAtStart[0]} → ${r.loadAverageAtEnd[0]}`,
    '1-minute load average at start and end',
  ]);
  return { title: 'Sandbox backend', rows };
}

export async function benchProvisioning(): Promise<BenchSection> {
  const r = runJson<ProvisioningFigures>('provisioning.ts');
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const rows: [string, string, string][] = [];
  for (const [name, v] of Object.entries(r.init)) {
    const runs: number[] = v.runsMs ?? v.ms ?? [];
    rows.push([
      `terraform init: ${name}`,
      runs.length ? `${(med(runs) / 1000).toFixed(2)} s` : JSON.stringify(v),
      `${v.how ?? ''}; runs ${runs.map((x) => (x / 1000).toFixed(2)).join(', ')} s`,
    ]);
  }
  const p = r.provisioning ?? {};
  for (const [k, v] of Object.entries(p))
    if (typeof v === 'number') rows.push([`runner: ${k}`, `${(v / 1000).toFixed(1)} s`, String(p.how ?? '')]);
  rows.push([
    'AWS provider binary',
    `${(r.provider.bytes / 2 ** 20).toFixed(0)} MB`,
    `Terraform ${r.terraform}; Pennsieve's figures: 35–65 s without cache, 3–5 s with; target with cache < 3 s`,
  ]);
  return { title: 'Terraform provisioning', rows };
}

/** `--nodes N` (and `--clients N`) for the scripts that take them, from `npm run bench -- … --nodes N`. */
function sizeArgs(opts: BenchOptions, withClients: boolean): string[] {
  const args = opts.nodes ? ['--nodes', String(opts.nodes)] : [];
  if (withClients && opts.clients) args.push('--clients', String(opts.clients));
  return args;
}

export async function benchThroughput(opts: BenchOptions = {}): Promise<BenchSection> {
  const r = runJson<ThroughputFigures>('throughput.ts', sizeArgs(opts, false));
  return { title: 'Provisioning throughput (one worker, moto)', rows: throughputRows(r) };
}

export async function benchScaleOut(opts: BenchOptions = {}): Promise<BenchSection> {
  const r = runJson<ScaleOutFigures>('scaleOut.ts', sizeArgs(opts, true));
  return { title: 'Scale-out: three workers on DynamoDB (moto)', rows: scaleOutRows(r) };
}
