// Table rows of the `throughput` and `scaleout` sections of `npm run bench`, from the JSON that
// bench/throughput.ts and bench/scaleOut.ts print, each figure beside its target in issue #15.

import type { RouteLatency } from './readLoad';

type Row = [string, string, string];

/** The figures bench/throughput.ts prints, as far as the section reads them. */
export interface ThroughputFigures {
  readonly machine: { readonly loadAverage1m: readonly number[] };
  readonly slots: number;
  readonly providerServers: boolean;
  readonly firstNodeAfterStart: { readonly status: string; readonly seconds: number };
  readonly oneNodeAlone: {
    readonly status: string;
    readonly seconds: number;
    readonly stagesFirstSeenAtSeconds: Record<string, number>;
  };
  readonly concurrent: { readonly nodes: number; readonly seconds: number; readonly statuses: Record<string, number> };
  readonly cpuSecondsPerNode: { readonly terraformProvidersAndBackend: number; readonly moto: number };
}

/** One read phase of bench/scaleOut.ts. */
interface ReadPhase {
  readonly clients: number;
  readonly everyMs?: number;
  readonly seconds: number;
  readonly requestsPerSecond: number;
  readonly routes: Record<string, RouteLatency>;
  readonly terraformJobsRunning: { readonly atStart: number; readonly atEnd: number };
  readonly cpuPercentOfOneCore: { readonly workers: readonly number[]; readonly moto: number };
  readonly cpuMsPerRead: { readonly workersAtMost: number; readonly motoAtMost: number };
  readonly loadAverage1m: { readonly atStart: number; readonly atEnd: number };
}

/** The figures bench/scaleOut.ts prints, as far as the section reads them. */
export interface ScaleOutFigures {
  readonly machine: { readonly loadAverage1m: { readonly atStart: number; readonly atEnd: number } };
  readonly workers: number;
  readonly reads: { readonly backToBack: ReadPhase; readonly everySecond: ReadPhase };
  readonly takeover: { readonly jobsItRan: number; readonly secondsUntilClaimed: readonly number[] };
  readonly settled: {
    readonly nodes: number;
    readonly secondsSinceCreates: number;
    readonly statuses: Record<string, number>;
  };
  readonly processesLeftInNodeFolders: number;
}

/** "target < 50 ms: met" (or NOT met). */
const verdict = (value: number, target: number, unit: string) =>
  `target < ${target} ${unit}: ${value < target ? 'met' : 'NOT met'}`;
const counts = (statuses: Record<string, number>) =>
  Object.entries(statuses)
    .map(([s, n]) => `${n} ${s}`)
    .join(', ');

export function throughputRows(r: ThroughputFigures): Row[] {
  const alone = r.oneNodeAlone;
  const stages = Object.entries(alone.stagesFirstSeenAtSeconds)
    .map(([stage, s]) => `${stage} at ${s} s`)
    .join(', ');
  const many = r.concurrent;
  const target = many.nodes === 20 ? verdict(many.seconds, 150, 's') : 'the target (< 150 s) is for 20 nodes';
  const [loadStart, loadEnd] = r.machine.loadAverage1m;
  return [
    [
      'One node alone: create → Enabled',
      `${alone.seconds} s`,
      `${alone.status}; stages first seen: ${stages}; ${verdict(alone.seconds, 20, 's')}`,
    ],
    [
      'First node after the backend starts',
      `${r.firstNodeAfterStart.seconds} s`,
      `${r.firstNodeAfterStart.status}; includes starting the provider servers`,
    ],
    [
      `${many.nodes} concurrent creates → all settled`,
      `${many.seconds} s`,
      `${counts(many.statuses)}; ${r.slots} Terraform slots, provider servers ${r.providerServers ? 'on' : 'off'}; ${target}`,
    ],
    [
      'CPU per node in the concurrent batch',
      `${r.cpuSecondsPerNode.terraformProvidersAndBackend} + ${r.cpuSecondsPerNode.moto} s`,
      'Terraform, provider servers and backend + moto',
    ],
    ['Load average during the run', `${loadStart} → ${loadEnd}`, '1-minute load average at start and end'],
  ];
}

function readRows(phase: ReadPhase, workers: number, how: string): Row[] {
  const rows: Row[] = Object.entries(phase.routes).map(([route, m]) => [
    `${how}: ${route}, p50 / p95 / max`,
    `${m.p50Ms} / ${m.p95Ms} / ${m.maxMs} ms`,
    `${m.requests} requests, ${m.failures} failed; ${verdict(m.p95Ms, 50, 'ms')}`,
  ]);
  const cpu = phase.cpuPercentOfOneCore;
  const jobs = phase.terraformJobsRunning;
  rows.push([
    `${how}: all routes`,
    `${phase.requestsPerSecond} req/s`,
    `${phase.clients} clients over ${workers} workers for ${phase.seconds} s; Terraform jobs running ${jobs.atStart} → ${jobs.atEnd}; CPU (% of one core) workers ${cpu.workers.join(' / ')}, moto ${cpu.moto}; CPU per read (at most: the workers also run their jobs, moto serves Terraform too): workers ${phase.cpuMsPerRead.workersAtMost} ms, moto ${phase.cpuMsPerRead.motoAtMost} ms; load ${phase.loadAverage1m.atStart} → ${phase.loadAverage1m.atEnd}`,
  ]);
  return rows;
}

export function scaleOutRows(r: ScaleOutFigures): Row[] {
  const rows = [
    ...readRows(r.reads.backToBack, r.workers, 'Reads back to back'),
    ...readRows(r.reads.everySecond, r.workers, 'Reads, 1 a second per client'),
  ];
  const claimed = r.takeover.secondsUntilClaimed;
  const worst = claimed.length ? Math.max(...claimed) : NaN;
  rows.push([
    'Lease takeover after SIGKILL of a worker',
    `${worst} s`,
    `${r.takeover.jobsItRan} running job(s), claimed by other workers after ${claimed.join(', ')} s; ${verdict(worst, 30, 's')}`,
  ]);
  rows.push([
    `${r.settled.nodes} nodes settled`,
    `${r.settled.secondsSinceCreates} s`,
    `${counts(r.settled.statuses)}, from the first create; processes left in node folders: ${r.processesLeftInNodeFolders}`,
  ]);
  rows.push([
    'Load average during the run',
    `${r.machine.loadAverage1m.atStart} → ${r.machine.loadAverage1m.atEnd}`,
    '1-minute load average at start and end',
  ]);
  return rows;
}
