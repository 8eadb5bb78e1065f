// Benchmark of the language server (issue: "Language server and editor integration"), over LSP
// on stdio against a production bundle of server/src/server.ts:
//  - cold time to first diagnostics (process start -> initialize -> open -> publishDiagnostics);
//  - keystroke-to-publishDiagnostics latency while typing into a 2,000-line .tf file at a
//    realistic pace (>= 200 single-character edits, deletions included): p50, p95, max;
//  - the server's resident memory after the run.
// `node --import tsx bench/lsp.ts` prints JSON; bench/run.ts can use benchLsp() as a section.

import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspClient } from '../scripts/harness/lspClient';
import { terraformModule } from './generate';
import { percentile, type BenchSection } from './stats';

const root = join(__dirname, '..');
const LINES = 2000;
const TARGET = { p50Ms: 50, p95Ms: 150 };

export interface LspBenchResult {
  readonly file: { readonly lines: number; readonly bytes: number };
  readonly edits: number;
  readonly paceMs: { readonly min: number; readonly max: number };
  readonly coldStartToFirstDiagnosticsMs: number;
  readonly openToFirstDiagnosticsMs: number;
  readonly keystrokeToDiagnosticsMs: {
    readonly p50: number;
    readonly p95: number;
    readonly max: number;
    readonly mean: number;
  };
  readonly engineCheckMs: { readonly p50: number; readonly p95: number };
  readonly publishes: number;
  /** Server CPU time (user + system, all threads) per check while typing: latency on an idle machine. */
  readonly serverCpuMsPerCheck: number;
  /** 1-minute load average at the end: on a busy machine wall-clock latencies include waiting for a core. */
  readonly loadAverage: number;
  readonly serverRssMb: number;
  readonly targets: typeof TARGET;
  readonly meetsTargets: boolean;
}

/**
 * The server bundled as dist/server.js is (minified), with the catalog and profiles beside it.
 * `plugins` let a variant build swap a module (bench/pulumi.ts builds one without the parser).
 */
export async function buildServer(dir: string, plugins: esbuild.Plugin[] = []): Promise<string> {
  const out = join(dir, 'server.js');
  await esbuild.build({
    plugins,
    entryPoints: [join(root, 'server', 'src', 'server.ts')],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    minify: true,
    logLevel: 'silent',
    mainFields: ['module', 'main'],
    define: { PENNSIEVE_GUARD_VERSION: '"bench"' },
  });
  cpSync(join(root, 'server', 'profiles'), join(dir, 'profiles'), { recursive: true });
  if (existsSync(join(root, 'dist', 'iam-data', 'services.json')))
    cpSync(join(root, 'dist', 'iam-data'), join(dir, 'iam-data'), { recursive: true });
  else
    await (
      await import(pathToFileURL(join(root, 'scripts', 'build-catalog.mjs')).href)
    ).buildCatalog(join(dir, 'iam-data'));
  return out;
}

/** A deterministic pseudo-random sequence (the same run every time). */
export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** One key: insert a character at `offset`, or (no `insert`) delete the character there. */
export interface Keystroke {
  readonly offset: number;
  readonly insert?: string;
}

/** Makes `dir` a git repository with everything committed: in real use findings are compared with HEAD on every check. */
export function commitAll(dir: string): void {
  const git = (...args: string[]) =>
    execFileSync(
      'git',
      ['-c', 'user.email=b@example.com', '-c', 'user.name=bench', '-c', 'commit.gpgsign=false', ...args],
      { cwd: dir },
    );
  git('init', '-q');
  git('add', '.');
  git('commit', '-q', '-m', 'bench');
}

/** A keystroke plan being written: `type` and `backspace` take offsets in the original text. */
interface KeyPlanner {
  readonly plan: Keystroke[];
  /** Types `s` at `offset`; returns the offset after it. */
  type(offset: number, s: string): number;
  /** Deletes `n` characters before `offset`; returns the offset then. */
  backspace(offset: number, n: number): number;
}

/** A planner whose keystrokes' offsets are in the text as it is when each key is pressed. */
function keyPlanner(): KeyPlanner {
  const plan: Keystroke[] = [];
  let shift = 0;
  return {
    plan,
    type(offset, s) {
      for (let i = 0; i < s.length; i++) plan.push({ offset: offset + shift + i, insert: s[i] });
      shift += s.length;
      return offset + s.length;
    },
    backspace(offset, n) {
      for (let i = 0; i < n; i++) plan.push({ offset: offset + shift - i - 1 });
      shift -= n;
      return offset - n;
    },
  };
}

/**
 * What the "user" types, in document order: `comment` above the role found by `roleMarker` (at
 * 40 % of the text), actions typed into the list after `actionKey` at the middle (with a typo
 * fixed by backspacing), more actions into a later list (at 75 %).
 */
export function policyTyping(text: string, roleMarker: string, comment: string, actionKey: string): Keystroke[] {
  const { plan, type, backspace } = keyPlanner();
  type(text.indexOf(roleMarker, Math.floor(text.length * 0.4)), comment);
  const list = text.indexOf('[', text.indexOf(actionKey, Math.floor(text.length / 2))) + 1;
  let at = type(list, '"s3:GetObjcet", ');
  at = backspace(at, 5);
  type(at, 'ect", "logs:PutLogEvents", ');
  const list2 = text.indexOf('[', text.indexOf(actionKey, Math.floor(text.length * 0.75))) + 1;
  type(list2, '"iam:PassRole", "states:StartExecution", "ecs:RunTask", "lambda:InvokeFunction", ');
  return plan;
}

/** CPU time the process has used so far (Linux /proc, in ms), or NaN elsewhere. */
export function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return NaN;
  }
}

/** Resident memory of a process in MB. */
export function rssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
  } catch {
    return Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim()) / 1024;
  }
}

/** What typing a keystroke plan measured. */
export interface Typing {
  /** Keystroke -> the first publishDiagnostics covering it, ms. */
  readonly latencies: readonly number[];
  /** Engine time of each check (from pennsieve/status), ms. */
  readonly checks: readonly number[];
  readonly cpuPerCheck: number;
  readonly publishes: number;
  readonly pace: { readonly min: number; readonly max: number };
}

/**
 * Types `plan` into the open document `uri` (whose text is `text`) at a human pace (90–170 ms
 * between keys, seeded), and measures keystroke -> publishDiagnostics for every version.
 */
export async function typeAndMeasure(
  client: LspClient,
  uri: string,
  languageId: string,
  text: string,
  plan: readonly Keystroke[],
): Promise<Typing> {
  let doc = TextDocument.create(uri, languageId, 1, text);
  const random = prng(42);
  const pace = { min: 90, max: 170 };
  const sent = new Map<number, number>();
  const latencies: number[] = [];
  let publishes = 0;
  let covered = 1;
  client.onPublish = (p, at) => {
    if (p.uri !== uri) return;
    publishes++;
    if (p.version === undefined) return;
    for (let v = covered + 1; v <= p.version; v++) {
      const s = sent.get(v);
      if (s !== undefined) latencies.push(at - s);
    }
    covered = Math.max(covered, p.version);
  };
  const statusStart = client.statuses.length;
  const cpuStart = cpuMs(client.proc.pid!);
  for (const k of plan) {
    const pos = doc.positionAt(k.offset);
    const change =
      k.insert === undefined
        ? { range: { start: pos, end: doc.positionAt(k.offset + 1) }, text: '' }
        : { range: { start: pos, end: pos }, text: k.insert };
    doc = TextDocument.update(doc, [change], doc.version + 1);
    sent.set(doc.version, performance.now());
    await client.change(uri, [change]);
    await new Promise((r) => setTimeout(r, pace.min + random() * (pace.max - pace.min)));
  }
  await client.waitForDiagnostics(uri, (p) => (p.version ?? 0) >= doc.version, 30000, true);
  const checks = client.statuses
    .slice(statusStart)
    .map((s) => s.checkMs)
    .filter((ms) => ms > 0);
  const cpuPerCheck = (cpuMs(client.proc.pid!) - cpuStart) / Math.max(1, checks.length);
  if (latencies.length < plan.length)
    throw new Error(`only ${latencies.length} of ${plan.length} edits got diagnostics`);
  return { latencies, checks, cpuPerCheck, publishes, pace };
}

export async function runLspBench(): Promise<LspBenchResult> {
  const work = mkdtempSync(join(tmpdir(), 'pg-bench-lsp-'));
  let client: LspClient | undefined;
  try {
    const server = await buildServer(join(work, 'bin'));
    const moduleDir = join(work, 'module');
    const text = terraformModule(LINES);
    mkdirSync(moduleDir, { recursive: true });
    writeFileSync(join(moduleDir, 'main.tf'), text);
    commitAll(work);
    const uri = pathToFileURL(join(moduleDir, 'main.tf')).href;

    const t0 = performance.now();
    client = LspClient.start({ command: process.execPath, args: [server, '--stdio'] }, work);
    await client.initialize(pathToFileURL(work).href, 30000);
    const tOpen = performance.now();
    const first = client.waitForDiagnostics(uri, () => true, 30000);
    await client.open(uri, 'terraform', text);
    await first;
    const tFirst = performance.now();

    const plan = policyTyping(
      text,
      'resource "aws_iam_role"',
      '# Processor role: mounts EFS, writes logs; no IAM changes, no network egress.\n',
      'Action',
    );
    const { latencies, checks, cpuPerCheck, publishes, pace } = await typeAndMeasure(
      client,
      uri,
      'terraform',
      text,
      plan,
    );
    const result: LspBenchResult = {
      file: { lines: text.split('\n').length, bytes: Buffer.byteLength(text) },
      edits: plan.length,
      paceMs: pace,
      coldStartToFirstDiagnosticsMs: round(tFirst - t0),
      openToFirstDiagnosticsMs: round(tFirst - tOpen),
      keystrokeToDiagnosticsMs: {
        p50: round(percentile(latencies, 50)),
        p95: round(percentile(latencies, 95)),
        max: round(Math.max(...latencies)),
        mean: round(latencies.reduce((a, b) => a + b, 0) / latencies.length),
      },
      engineCheckMs: { p50: round(percentile(checks, 50)), p95: round(percentile(checks, 95)) },
      publishes,
      serverCpuMsPerCheck: round(cpuPerCheck),
      loadAverage: round(loadavg()[0]),
      serverRssMb: round(rssMb(client.proc.pid!)),
      targets: TARGET,
      meetsTargets: percentile(latencies, 50) < TARGET.p50Ms && percentile(latencies, 95) < TARGET.p95Ms,
    };
    return result;
  } finally {
    if (client) await client.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

/** One decimal. */
export function round(n: number): number {
  return Math.round(n * 10) / 10;
}

/** The same run as a section for bench/run.ts. */
export async function benchLsp(): Promise<BenchSection> {
  const r = await runLspBench();
  const k = r.keystrokeToDiagnosticsMs;
  return {
    title: 'Language server (LSP over stdio, production bundle)',
    rows: [
      [
        'Keystroke → publishDiagnostics, p50',
        `${k.p50} ms`,
        `target < ${r.targets.p50Ms} ms; ${r.edits} single-character edits at ${r.paceMs.min}–${r.paceMs.max} ms intervals into a ${r.file.lines}-line .tf`,
      ],
      ['Keystroke → publishDiagnostics, p95', `${k.p95} ms`, `target < ${r.targets.p95Ms} ms; max ${k.max} ms`],
      [
        'Engine time per check, p50 / p95',
        `${r.engineCheckMs.p50} / ${r.engineCheckMs.p95} ms`,
        'wall clock, from pennsieve/status',
      ],
      [
        'Server CPU per check',
        `${r.serverCpuMsPerCheck} ms`,
        `all threads; load average ${r.loadAverage} during the run`,
      ],
      [
        'Cold start to first diagnostics',
        `${r.coldStartToFirstDiagnosticsMs} ms`,
        `process start, initialize, open; ${r.openToFirstDiagnosticsMs} ms from didOpen`,
      ],
      ['Server memory after the run', `${r.serverRssMb} MB`, 'resident set size'],
    ],
  };
}

if (require.main === module) {
  runLspBench().then(
    (r) => process.stdout.write(JSON.stringify(r, null, 2) + '\n'),
    (err: unknown) => {
      process.stderr.write(`bench/lsp failed: ${err instanceof Error ? err.stack : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
