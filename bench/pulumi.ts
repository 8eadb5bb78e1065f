// Benchmark of Pulumi programs in the language server (issue #13), over LSP on stdio against a
// production bundle of server/src/server.ts:
//  - keystroke-to-publishDiagnostics latency while typing into a 1,000-line Pulumi TypeScript
//    program (a comment, actions typed into policies character by character, so the program is
//    often mid-string and is re-parsed statement by statement): p50, p95, max;
//  - what the TypeScript parser (@babel/parser) costs: bundle bytes, server start to initialize
//    with and without it (two builds, alternating fresh processes), and the first check of a
//    program in a fresh server (the parser loads then).
// `node --import tsx bench/pulumi.ts` prints JSON; bench/run.ts uses benchPulumi() as a section.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Script } from 'node:vm';
import { gzipSync } from 'node:zlib';
import type * as esbuild from 'esbuild';
import { LspClient } from '../scripts/harness/lspClient';
import { buildServer, commitAll, policyTyping, round, rssMb, typeAndMeasure } from './lsp';
import { pulumiProgram } from './pulumiProgram';
import { percentile, type BenchSection } from './stats';

const LINES = 1000;
const TARGET_P95_MS = 50;
const STARTS = 7;

/** Replaces @babel/parser by an empty module: the bundle as it would be without the Pulumi parser. */
const WITHOUT_PARSER: esbuild.Plugin = {
  name: 'without-babel-parser',
  setup(build) {
    build.onResolve({ filter: /^@babel\/parser$/ }, () => ({ path: 'babel-parser', namespace: 'stub' }));
    build.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
  },
};

export interface PulumiBenchResult {
  readonly file: { readonly lines: number; readonly bytes: number };
  readonly edits: number;
  readonly keystrokeToDiagnosticsMs: { readonly p50: number; readonly p95: number; readonly max: number };
  readonly engineCheckMs: { readonly p50: number; readonly p95: number };
  readonly serverCpuMsPerCheck: number;
  readonly bundleBytes: {
    readonly with: number;
    readonly without: number;
    readonly gzipWith: number;
    readonly gzipWithout: number;
  };
  readonly startToInitializeMs: { readonly with: number; readonly without: number; readonly runs: number };
  readonly compileCpuMs: { readonly with: number; readonly without: number };
  readonly openToFirstDiagnosticsMs: number;
  readonly loadAverage: number;
  readonly serverRssMb: number;
  readonly meetsTarget: boolean;
}

/** Fresh server processes started alternately from two builds: median ms from spawn to the initialize result. */
async function startTimes(servers: readonly string[], cwd: string): Promise<number[]> {
  const times: number[][] = servers.map(() => []);
  for (let run = 0; run < STARTS; run++) {
    for (const [i, server] of servers.entries()) {
      const t0 = performance.now();
      const client = LspClient.start({ command: process.execPath, args: [server, '--stdio'] }, cwd);
      await client.initialize(pathToFileURL(cwd).href, 30000);
      times[i].push(performance.now() - t0);
      await client.stop();
    }
  }
  return times.map((t) => percentile(t, 50));
}

/**
 * CPU time V8 takes to compile a bundle (what its bytes add to every server start, whether or not
 * the parser ever runs); median of 15, each on a fresh copy of the source so no cache helps.
 */
function compileCpuMs(file: string): number {
  const source = readFileSync(file, 'utf8');
  const times: number[] = [];
  for (let i = 0; i < 15; i++) {
    const fresh = `${source}\n// ${i} ${Math.random()}`;
    const before = process.cpuUsage();
    new Script(fresh, { filename: `${file}#${i}` });
    const used = process.cpuUsage(before);
    times.push((used.user + used.system) / 1000);
  }
  return percentile(times, 50);
}

/** didOpen of the program in a fresh server -> its first diagnostics (the parser loads lazily then). */
async function firstCheck(server: string, work: string, uri: string, text: string): Promise<number> {
  const client = LspClient.start({ command: process.execPath, args: [server, '--stdio'] }, work);
  try {
    await client.initialize(pathToFileURL(work).href, 30000);
    const t0 = performance.now();
    const first = client.waitForDiagnostics(uri, () => true, 30000);
    await client.open(uri, 'typescript', text);
    await first;
    return performance.now() - t0;
  } finally {
    await client.stop();
  }
}

export async function runPulumiBench(): Promise<PulumiBenchResult> {
  const work = mkdtempSync(join(tmpdir(), 'pg-bench-pulumi-'));
  let client: LspClient | undefined;
  try {
    const server = await buildServer(join(work, 'bin'));
    const bare = await buildServer(join(work, 'bin-without-parser'), [WITHOUT_PARSER]);
    const text = pulumiProgram(LINES);
    mkdirSync(join(work, 'infra'), { recursive: true });
    writeFileSync(join(work, 'infra', 'index.ts'), text);
    writeFileSync(join(work, 'infra', 'Pulumi.yaml'), 'name: infra\nruntime: nodejs\n');
    commitAll(work);
    const uri = pathToFileURL(join(work, 'infra', 'index.ts')).href;
    const [startWith, startWithout] = await startTimes([server, bare], work);
    const opens: number[] = [];
    for (let i = 0; i < 5; i++) opens.push(await firstCheck(server, work, uri, text));

    client = LspClient.start({ command: process.execPath, args: [server, '--stdio'] }, work);
    await client.initialize(pathToFileURL(work).href, 30000);
    const first = client.waitForDiagnostics(uri, () => true, 30000);
    await client.open(uri, 'typescript', text);
    await first;
    const plan = policyTyping(
      text,
      'const worker',
      '// Worker role: reads its bucket and writes logs, nothing else.\n',
      'Action:',
    );
    const typing = await typeAndMeasure(client, uri, 'typescript', text, plan);
    const size = (f: string) => statSync(f).size;
    const gz = (f: string) => gzipSync(readFileSync(f)).length;
    const p95 = percentile(typing.latencies, 95);
    return {
      file: { lines: text.split('\n').length, bytes: Buffer.byteLength(text) },
      edits: plan.length,
      keystrokeToDiagnosticsMs: {
        p50: round(percentile(typing.latencies, 50)),
        p95: round(p95),
        max: round(Math.max(...typing.latencies)),
      },
      engineCheckMs: { p50: round(percentile(typing.checks, 50)), p95: round(percentile(typing.checks, 95)) },
      serverCpuMsPerCheck: round(typing.cpuPerCheck),
      bundleBytes: { with: size(server), without: size(bare), gzipWith: gz(server), gzipWithout: gz(bare) },
      startToInitializeMs: { with: round(startWith), without: round(startWithout), runs: STARTS },
      compileCpuMs: { with: round(compileCpuMs(server)), without: round(compileCpuMs(bare)) },
      openToFirstDiagnosticsMs: round(percentile(opens, 50)),
      loadAverage: round(loadavg()[0]),
      serverRssMb: round(rssMb(client.proc.pid!)),
      meetsTarget: p95 < TARGET_P95_MS,
    };
  } finally {
    if (client) await client.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

/** The same run as a section for bench/run.ts. */
export async function benchPulumi(): Promise<BenchSection> {
  const r = await runPulumiBench();
  const k = r.keystrokeToDiagnosticsMs;
  const b = r.bundleBytes;
  const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
  return {
    title: 'Pulumi programs (LSP over stdio, production bundle)',
    rows: [
      [
        'Keystroke → publishDiagnostics, p50 / p95',
        `${k.p50} / ${k.p95} ms`,
        `target p95 < ${TARGET_P95_MS} ms; max ${k.max} ms; ${r.edits} single-character edits at 90–170 ms intervals into a ${r.file.lines}-line Pulumi TypeScript program (mid-string states re-parse statement by statement)`,
      ],
      [
        'Engine time per check, p50 / p95',
        `${r.engineCheckMs.p50} / ${r.engineCheckMs.p95} ms`,
        `wall clock, from pennsieve/status; server CPU ${r.serverCpuMsPerCheck} ms per check; load average ${r.loadAverage}`,
      ],
      [
        'dist/server.js with @babel/parser',
        `+${kb(b.with - b.without)}`,
        `${kb(b.with)} vs ${kb(b.without)} minified; +${kb(b.gzipWith - b.gzipWithout)} gzipped (what it adds to the .vsix)`,
      ],
      [
        'Server start → initialize, with / without the parser',
        `${r.startToInitializeMs.with} / ${r.startToInitializeMs.without} ms`,
        `medians of ${r.startToInitializeMs.runs} alternating fresh processes; the parser is required only when a Pulumi program is opened`,
      ],
      [
        'Compiling dist/server.js, with / without the parser',
        `${r.compileCpuMs.with} / ${r.compileCpuMs.without} ms`,
        'CPU time of V8 compiling the bundle (median of 15): the start-up cost of the extra bytes',
      ],
      [
        'Open → first diagnostics of the program, fresh server',
        `${r.openToFirstDiagnosticsMs} ms`,
        'median of 5; includes loading the parser and the first (cold) check',
      ],
      ['Server memory after typing', `${r.serverRssMb} MB`, 'resident set size'],
    ],
  };
}

if (require.main === module) {
  runPulumiBench().then(
    (r) => process.stdout.write(JSON.stringify(r, null, 2) + '\n'),
    (err: unknown) => {
      process.stderr.write(`bench/pulumi failed: ${err instanceof Error ? err.stack : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
