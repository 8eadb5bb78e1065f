// Benchmark of the guarantee engine (issue: "Guarantee engine and the pennsieve-guard CLI"):
//  (a) one 2,000-line .tf module: cold (fresh process) and a recheck after a one-line edit (in-process);
//  (b) a generated tree of 1,000 Terraform files and 200 CloudFormation templates, through the CLI;
//  (c) cfn-lint on the same 200 templates in the same run, as a ratio per template;
//  peak memory of each run.
// Everything runs the shipped bundles (dist/cli.js and a bundle of the engine), not ts sources.

import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { findProviderMirror } from '../backend/src/provisioner/providers';
import { terraformModule, writeTree } from './generate';
import { percentile, type BenchSection } from './stats';

const root = join(__dirname, '..');

/** Bundles the engine the way dist/cli.js is bundled, with its catalog and profiles beside it. */
async function buildEngineBundle(dir: string): Promise<string> {
  const entry = join(dir, 'entry.ts');
  writeFileSync(
    entry,
    `export { createEngine } from ${JSON.stringify(join(root, 'server/src/engine/createEngine'))};\n` +
      `export { loadProfile } from ${JSON.stringify(join(root, 'server/src/engine/loadProfile'))};\n`,
  );
  const out = join(dir, 'engine.js');
  await esbuild.build({
    entryPoints: [entry],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    mainFields: ['module', 'main'],
    minify: true,
    logLevel: 'silent',
  });
  cpSync(join(root, 'dist', 'iam-data'), join(dir, 'iam-data'), { recursive: true });
  cpSync(join(root, 'server', 'profiles'), join(dir, 'profiles'), { recursive: true });
  return out;
}

/** (a): a child process that loads the bundle, checks once (cold), then edits one line and rechecks. */
function moduleRun(
  bundle: string,
  moduleDir: string,
  rechecks: number,
): { loadMs: number; coldMs: number; recheck: number[]; findings: number; maxRssKb: number } {
  const script = `
const t0 = performance.now();
const { createEngine, loadProfile } = require(${JSON.stringify(bundle)});
const fs = require('fs'), path = require('path');
const file = path.join(${JSON.stringify(moduleDir)}, 'main.tf');
const text = fs.readFileSync(file, 'utf8');
const engine = createEngine(); const profile = loadProfile('pennsieve', ${JSON.stringify(moduleDir)});
const t1 = performance.now();
const first = engine.check([{ id: file, path: file, text, version: 1 }], profile);
const t2 = performance.now();
const at = text.indexOf('max_session_duration = 3600');
const times = [];
for (let i = 0; i < ${rechecks}; i++) {
  const edited = text.slice(0, at) + 'max_session_duration = ' + (3000 + (i % 500)) + text.slice(at + 'max_session_duration = 3600'.length);
  const s = performance.now();
  engine.check([{ id: file, path: file, text: edited, version: i + 2 }], profile);
  times.push(performance.now() - s);
}
process.stdout.write(JSON.stringify({ loadMs: t1 - t0, coldMs: t2 - t1, recheck: times, findings: first.findings.filter(f => f.severity !== 'info').length, maxRssKb: process.resourceUsage().maxRSS }));
`;
  const out = execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return JSON.parse(out);
}

/** Wall time and peak RSS of a command, via GNU time. */
export function timed(
  cmd: string,
  args: string[],
  cwd: string,
): { ms: number; maxRssKb: number; status: number | null } {
  const t = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', cmd, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = performance.now() - t;
  const rss = Number(r.stderr.trim().split('\n').pop());
  return { ms, maxRssKb: rss, status: r.status };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Terraform itself as a peer, on the same inputs: `terraform validate` (parse + provider schema
 * check) of the 2,000-line module against our CLI's whole check of it, both fresh processes; and
 * `terraform fmt -check` (parse only) of the 1,000 files against our CLI on them.
 */
function terraformPeer(moduleDir: string, tree: string, cli: string): [string, string, string][] {
  const mirror = findProviderMirror();
  if (!mirror)
    throw new Error(
      'No offline mirror of the hashicorp/aws provider (/opt/tf-plugins or PENNSIEVE_TF_PLUGIN_DIR): the Terraform comparison needs it',
    );
  const init = spawnSync('terraform', ['init', '-backend=false', '-input=false', `-plugin-dir=${mirror}`], {
    cwd: moduleDir,
    encoding: 'utf8',
  });
  if (init.status !== 0) throw new Error(`terraform init failed in the bench module: ${init.stderr}`);
  const validate = [0, 1, 2].map(() => timed('terraform', ['validate', '-no-color'], moduleDir));
  const ours = [0, 1, 2].map(() => timed(process.execPath, [cli, 'check', 'main.tf', '--format', 'json'], moduleDir));
  const fmt = [0, 1, 2].map(() => timed('terraform', ['fmt', '-check', '-recursive', 'modules'], tree));
  const oursTf = [0, 1, 2].map(() => timed(process.execPath, [cli, 'check', 'modules', '--format', 'json'], tree));
  const v = median(validate.map((r) => r.ms));
  const o = median(ours.map((r) => r.ms));
  const f = median(fmt.map((r) => r.ms));
  const ot = median(oursTf.map((r) => r.ms));
  return [
    [
      'Peer: terraform validate of the 2,000-line module, median of 3',
      `${v.toFixed(0)} ms`,
      `exit ${validate[0]!.status}; after an untimed terraform init from the offline provider mirror`,
    ],
    [
      'Peer: pennsieve-guard check of the same module (fresh process), median of 3',
      `${o.toFixed(0)} ms`,
      `ratio terraform validate / pennsieve-guard: ${(v / o).toFixed(1)}×`,
    ],
    [
      'Peer: terraform fmt -check of the 1,000 .tf files, median of 3',
      `${f.toFixed(0)} ms`,
      `exit ${fmt[0]!.status}; parse and format only, no evaluation`,
    ],
    [
      'Peer: pennsieve-guard check of the 1,000 .tf files, median of 3',
      `${ot.toFixed(0)} ms`,
      `parse, evaluate, IAM semantics, 25 rules; ratio terraform fmt / pennsieve-guard: ${(f / ot).toFixed(2)}×`,
    ],
  ];
}

export async function benchEngine(): Promise<BenchSection> {
  const work = mkdtempSync(join(tmpdir(), 'pg-bench-engine-'));
  try {
    const bundle = await buildEngineBundle(work);
    const moduleDir = join(work, 'module');
    mkdirSync(moduleDir, { recursive: true });
    const tf = terraformModule(2000);
    writeFileSync(join(moduleDir, 'main.tf'), tf);
    const lines = tf.split('\n').length;
    // Five fresh processes; in each, the first 50 rechecks are the JIT warming up (reported apart).
    const runs = [0, 1, 2, 3, 4].map(() => moduleRun(bundle, moduleDir, 300));
    const cold = runs.map((r) => r.coldMs).sort((a, b) => a - b);
    const warmup = runs.flatMap((r) => r.recheck.slice(0, 50));
    const rechecks = runs.flatMap((r) => r.recheck.slice(50));
    const tree = join(work, 'tree');
    writeTree(tree, 1000, 200);
    const tfCount = readdirSync(join(tree, 'modules')).length;
    const cli = join(root, 'dist', 'cli.js');
    // Medians of 3 alternating runs: a shared VM's noise moves single runs by ±50 %.
    const templates = readdirSync(join(tree, 'templates')).map((f) => join('templates', f));
    const allRuns: ReturnType<typeof timed>[] = [];
    const cfnRuns: ReturnType<typeof timed>[] = [];
    const lintRuns: ReturnType<typeof timed>[] = [];
    for (let i = 0; i < 3; i++) {
      allRuns.push(timed(process.execPath, [cli, 'check', '.', '--format', 'json'], tree));
      cfnRuns.push(timed(process.execPath, [cli, 'check', 'templates', '--format', 'json'], tree));
      lintRuns.push(timed('cfn-lint', templates, tree));
    }
    const pick = (runs: ReturnType<typeof timed>[]) => [...runs].sort((a, b) => a.ms - b.ms)[1]!;
    const all = pick(allRuns);
    const cfnOnly = pick(cfnRuns);
    const lint = pick(lintRuns);
    const peer = terraformPeer(moduleDir, tree, cli);
    const oursPerTemplate = cfnOnly.ms / templates.length;
    const lintPerTemplate = lint.ms / templates.length;
    return {
      title: 'Guarantee engine (pennsieve-guard)',
      rows: [
        [
          '(a) 2,000-line module, first check in a fresh process (median of 5)',
          `${cold[2].toFixed(1)} ms`,
          `${lines} lines in one file; runs ${cold.map((c) => c.toFixed(0)).join(', ')} ms; bundle load (~${runs[2].loadMs.toFixed(0)} ms) not included; target < 100 ms`,
        ],
        [
          '(a) recheck after a one-line edit, p50 / p95',
          `${percentile(rechecks, 50).toFixed(2)} / ${percentile(rechecks, 95).toFixed(2)} ms`,
          `${rechecks.length} edits in-process after 50 warm-up edits per process; target < 10 ms`,
        ],
        [
          '(a) recheck during JIT warm-up (first 50 edits), p50 / p95',
          `${percentile(warmup, 50).toFixed(2)} / ${percentile(warmup, 95).toFixed(2)} ms`,
          'the same, before V8 has optimized the hot paths',
        ],
        [
          '(a) peak memory',
          `${(Math.max(...runs.map((r) => r.maxRssKb)) / 1024).toFixed(0)} MB`,
          `error/warning findings on the module: ${runs[0].findings}`,
        ],
        [
          '(b) 1,000 .tf files + 200 templates, CLI wall time, median of 3',
          `${(all.ms / 1000).toFixed(2)} s`,
          `${tfCount} modules; runs ${allRuns.map((r) => (r.ms / 1000).toFixed(2)).join(', ')} s; exit ${all.status}; peak ${(all.maxRssKb / 1024).toFixed(0)} MB; target < 5 s`,
        ],
        [
          '(c) CloudFormation per template: pennsieve-guard CLI, median of 3',
          `${oursPerTemplate.toFixed(1)} ms`,
          `${templates.length} templates in ${cfnOnly.ms.toFixed(0)} ms (incl. process start); runs ${cfnRuns.map((r) => r.ms.toFixed(0)).join(', ')} ms`,
        ],
        [
          '(c) CloudFormation per template: cfn-lint 1.51, median of 3',
          `${lintPerTemplate.toFixed(1)} ms`,
          `same templates, one process, ${lint.ms.toFixed(0)} ms; runs ${lintRuns.map((r) => (r.ms / 1000).toFixed(1)).join(', ')} s; peak ${(lint.maxRssKb / 1024).toFixed(0)} MB`,
        ],
        ['(c) ratio cfn-lint / pennsieve-guard', `${(lintPerTemplate / oursPerTemplate).toFixed(1)}×`, 'target ≥ 20×'],
        ...peer,
      ],
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
