// Runs a seeded fuzz campaign over worker processes (worker.ts) and judges every input: JSON out,
// exit 0 or 1, no rule failure or internal error, under a second of CPU, and for an adversarial
// file added beside a failing fixture, exit 1 (no fail-open). A worker that prints nothing for
// HANG_MS is hung; one that dies is a crash; either way the input is recorded and the campaign
// goes on after it.

import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { generate } from './generate';
import type { FuzzOutcome } from './worker';

/** Per-input CPU budget (issue #9: every adversarial input within 1 s of CPU). */
export const CPU_LIMIT_MS = 1000;
const HANG_MS = 60000;

export type FailureKind = 'crash' | 'hang' | 'exit' | 'json' | 'ruleFailure' | 'failOpen' | 'slow';

export interface FuzzFailure {
  readonly index: number;
  readonly kind: FailureKind;
  readonly detail: string;
}

export interface FuzzSummary {
  readonly seed: number;
  readonly inputs: number;
  readonly failures: readonly FuzzFailure[];
  readonly maxCpuMs: number;
  readonly elapsedMs: number;
}

export interface FuzzOptions {
  readonly seed: number;
  readonly count: number;
  readonly workers: number;
  readonly onProgress?: (done: number) => void;
}

/** The failures of one outcome (none when it passes). */
export function judge(o: FuzzOutcome, seed: number): FuzzFailure[] {
  const out: FuzzFailure[] = [];
  const f = (kind: FailureKind, detail: string) => out.push({ index: o.index, kind, detail });
  if (o.code !== 0 && o.code !== 1) f('exit', `exit ${o.code}: ${o.stderr.slice(0, 300)}`);
  else if (o.stderr) f('ruleFailure', o.stderr.slice(0, 300));
  if (!o.jsonOk) f('json', 'stdout is not the JSON contract');
  if (o.cpuMs > CPU_LIMIT_MS) f('slow', `${o.cpuMs.toFixed(0)} ms of CPU`);
  const input = generate(seed, o.index);
  if (input.kind === 'addition' && input.baseFails && o.code === 0)
    f('failOpen', `${input.mutation} beside ${input.base} made it pass`);
  return out;
}

/** Runs indexes [from, to) in one worker; restarts after a crash or hang, recording the input. */
async function runRange(
  seed: number,
  from: number,
  to: number,
  failures: FuzzFailure[],
  stats: { done: number; maxCpuMs: number },
  onProgress?: (n: number) => void,
): Promise<void> {
  let next = from;
  while (next < to) {
    const worker = spawn(
      process.execPath,
      ['--import', 'tsx', join(__dirname, 'worker.ts'), String(seed), String(next), String(to)],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    worker.stderr.on('data', (b: Buffer) => (stderr = (stderr + b.toString('utf8')).slice(-2000)));
    let timer = setTimeout(() => worker.kill('SIGKILL'), HANG_MS * 3);
    let hung = false;
    const lines = createInterface({ input: worker.stdout });
    lines.on('line', (line) => {
      clearTimeout(timer);
      timer = setTimeout(() => ((hung = true), worker.kill('SIGKILL')), HANG_MS);
      const o = JSON.parse(line) as FuzzOutcome;
      failures.push(...judge(o, seed));
      stats.maxCpuMs = Math.max(stats.maxCpuMs, o.cpuMs);
      next = o.index + 1;
      stats.done++;
      onProgress?.(stats.done);
    });
    const code = await new Promise<number | null>((resolve) => worker.once('close', (c) => resolve(c)));
    clearTimeout(timer);
    if (next >= to) break;
    failures.push({
      index: next,
      kind: hung ? 'hang' : 'crash',
      detail: hung ? `no answer in ${HANG_MS} ms` : `worker exited ${code}: ${stderr.slice(-500)}`,
    });
    next++;
    stats.done++;
    onProgress?.(stats.done);
  }
}

/** Runs inputs 0..count-1 of `seed`, split over `workers` processes. */
export async function runFuzz(opts: FuzzOptions): Promise<FuzzSummary> {
  const t0 = performance.now();
  const failures: FuzzFailure[] = [];
  const stats = { done: 0, maxCpuMs: 0 };
  const per = Math.ceil(opts.count / opts.workers);
  const ranges = Array.from(
    { length: opts.workers },
    (_, w) => [w * per, Math.min(opts.count, (w + 1) * per)] as const,
  ).filter(([a, b]) => a < b);
  await Promise.all(ranges.map(([a, b]) => runRange(opts.seed, a, b, failures, stats, opts.onProgress)));
  return {
    seed: opts.seed,
    inputs: stats.done,
    failures: failures.sort((a, b) => a.index - b.index),
    maxCpuMs: stats.maxCpuMs,
    elapsedMs: performance.now() - t0,
  };
}
