// Benchmark of the permission diff (#16):
//  (a) the 2,000-line module against its committed version after a one-line edit: in the real
//      language server over LSP, from the edit to the answer carrying the diff (bench/diffLsp.ts:
//      what the p95 < 50 ms target is about); and in-process, the comparison alone (the committed
//      version is checked once; each edit is checked, then compared): an edit that changes no
//      permission, and one that adds an action to a policy;
//  (b) the generated tree (1,000 .tf files, 200 templates) between two commits through the CLI,
//      against a plain `check` of it: one module changed, and every file changed (a comment).

import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareVersions } from '../server/src/diff/compare';
import { createEngine } from '../server/src/engine/createEngine';
import { loadProfile } from '../server/src/engine/loadProfile';
import { runLspDiff } from './diffLsp';
import { terraformModule, writeTree } from './generate';
import { percentile, type BenchSection } from './stats';

const root = join(__dirname, '..');

/** (a): diff times (ms) after `edits` one-line edits made by `edit`, after 30 warm-up edits. */
function editRun(
  text: string,
  edit: (i: number) => string,
  edits: number,
): { diff: number[]; total: number[]; changed: number } {
  const engine = createEngine();
  const profile = loadProfile('pennsieve', root);
  const file = '/bench/module/main.tf';
  const base = engine.check([{ id: file, path: file, text, version: 0 }], profile);
  const diff: number[] = [];
  const total: number[] = [];
  let changed = 0;
  for (let i = 0; i < edits + 30; i++) {
    const t0 = performance.now();
    const now = engine.check([{ id: file, path: file, text: edit(i), version: i + 1 }], profile);
    const t1 = performance.now();
    const d = compareVersions(engine.catalog, profile, now, base);
    const t2 = performance.now();
    if (i < 30) continue;
    diff.push(t2 - t1);
    total.push(t2 - t0);
    changed = d.subjects.length;
  }
  return { diff, total, changed };
}

function timed(args: string[], cwd: string): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  if (r.status === 2) throw new Error(`pennsieve-guard ${args.join(' ')} failed: ${r.stderr.slice(0, 500)}`);
  return performance.now() - t0;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** (b): median of 3 alternating runs of check and diff. */
function treeRatio(tree: string, ref: string): { check: number; diff: number } {
  const checks: number[] = [];
  const diffs: number[] = [];
  for (let i = 0; i < 3; i++) {
    checks.push(timed(['check', '.', '--format', 'json'], tree));
    diffs.push(timed(['diff', '.', '--baseline', ref, '--format', 'json'], tree));
  }
  return { check: median(checks), diff: median(diffs) };
}

/** The `diff` section of `npm run bench`. */
export async function benchDiff(): Promise<BenchSection> {
  const tf = terraformModule(2000);
  const at = tf.indexOf('"logs:CreateLogStream", "logs:PutLogEvents"');
  const same = editRun(
    tf,
    (i) => tf.replace('max_session_duration = 3600', `max_session_duration = ${3000 + (i % 500)}`),
    200,
  );
  const widen = editRun(
    tf,
    (i) =>
      tf.slice(0, at) +
      `"logs:CreateLogStream", "logs:PutLogEvents", "logs:${i % 2 ? 'DescribeLogStreams' : 'GetLogEvents'}"` +
      tf.slice(at + '"logs:CreateLogStream", "logs:PutLogEvents"'.length),
    200,
  );
  const lsp = await runLspDiff(100);
  const work = mkdtempSync(join(tmpdir(), 'pg-bench-diff-'));
  try {
    const tree = join(work, 'tree');
    writeTree(tree, 1000, 200);
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.email=bench@example.com', '-c', 'user.name=bench', ...args], {
        cwd: tree,
        stdio: 'ignore',
      });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-qm', 'base');
    const modules = readdirSync(join(tree, 'modules'));
    appendFileSync(
      join(
        tree,
        'modules',
        modules[0],
        readdirSync(join(tree, 'modules', modules[0])).find((f) => f.endsWith('.tf'))!,
      ),
      '\n# edited\n',
    );
    git('commit', '-qam', 'one module');
    const one = treeRatio(tree, 'HEAD~1');
    for (const m of modules)
      for (const f of readdirSync(join(tree, 'modules', m)))
        if (f.endsWith('.tf')) appendFileSync(join(tree, 'modules', m, f), '\n# every file\n');
    git('commit', '-qam', 'every file');
    const all = treeRatio(tree, 'HEAD~1');
    const p = (xs: number[]) => `${percentile(xs, 50).toFixed(2)} / ${percentile(xs, 95).toFixed(2)} ms`;
    return {
      title: 'Permission diff (pennsieve-guard diff, the diff lens)',
      rows: [
        [
          '(a) 2,000-line module in the language server over LSP: edit → diff lens (CodeLens answer), p50 / p95',
          p(lsp.lens),
          `${lsp.lens.length} edits that add an action, after 10 warm-up; the edit is checked, then compared with HEAD (cached); ${lsp.lenses} diff lens; load average ${lsp.loadAverage.toFixed(1)}; target p95 < 50 ms`,
        ],
        [
          '(a) the same: edit → Permission Changes view answer (pennsieve/permissionChanges), p50 / p95',
          p(lsp.view),
          `${lsp.view.length} edits; as above plus git status`,
        ],
        [
          '(a) 2,000-line module, diff after a one-line edit that changes no permission, p50 / p95',
          p(same.diff),
          `in-process, the comparison alone (after the check the edit needs anyway): ${same.diff.length} edits after 30 warm-up; check + diff ${p(same.total)}; ${same.changed} changed roles`,
        ],
        [
          '(a) 2,000-line module, diff after a one-line edit that adds an action, p50 / p95',
          p(widen.diff),
          `in-process, the comparison alone: ${widen.diff.length} edits; check + diff ${p(widen.total)}; ${widen.changed} changed role(s)`,
        ],
        [
          '(b) tree between two commits, one module changed: diff / check',
          `${(one.diff / one.check).toFixed(2)}×`,
          `diff ${(one.diff / 1000).toFixed(2)} s, check ${(one.check / 1000).toFixed(2)} s (medians of 3, CLI processes); target < 2×`,
        ],
        [
          '(b) tree between two commits, every .tf file changed: diff / check',
          `${(all.diff / all.check).toFixed(2)}×`,
          `diff ${(all.diff / 1000).toFixed(2)} s, check ${(all.check / 1000).toFixed(2)} s; both versions of every module are checked; target < 2×`,
        ],
      ],
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
