// Benchmark of Terraform module following (issue #11): tree (b) as generated for the engine
// section beside the same size of tree written as stacks calling local modules, and a
// 10,000-file tree: CLI wall time, peak memory and findings per file. Runs dist/cli.js.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { timed } from './engine';
import { writeTree } from './generate';
import { writeModuleTree } from './moduleTree';
import type { BenchSection } from './stats';

const root = join(__dirname, '..');
const cli = join(root, 'dist', 'cli.js');

type Run = ReturnType<typeof timed>;
const middle = (runs: Run[]) => [...runs].sort((a, b) => a.ms - b.ms)[Math.floor(runs.length / 2)]!;
const secs = (r: Run) => `${(r.ms / 1000).toFixed(2)} s`;
const mb = (r: Run) => `${(r.maxRssKb / 1024).toFixed(0)} MB`;

/** Findings of one check of `dir`, by severity. */
function findingCounts(dir: string): Record<string, number> {
  const r = spawnSync(process.execPath, [cli, 'check', '.', '--format', 'json'], {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const out: Record<string, number> = { error: 0, warning: 0, info: 0 };
  for (const f of (JSON.parse(r.stdout) as { findings: { severity: string }[] }).findings)
    out[f.severity] = (out[f.severity] ?? 0) + 1;
  return out;
}

export async function benchModules(): Promise<BenchSection> {
  const work = mkdtempSync(join(tmpdir(), 'pg-bench-modules-'));
  try {
    const plain = join(work, 'plain');
    const withModules = join(work, 'modules');
    const large = join(work, 'large');
    writeTree(plain, 1000, 200);
    writeModuleTree(withModules, 200, 200);
    writeTree(large, 10_000, 0);
    const plainRuns: Run[] = [];
    const moduleRuns: Run[] = [];
    const largeRuns: Run[] = [];
    // Alternating runs, medians: a shared VM's noise moves single runs a lot.
    for (let i = 0; i < 3; i++) {
      plainRuns.push(timed(process.execPath, [cli, 'check', '.', '--format', 'json'], plain));
      moduleRuns.push(timed(process.execPath, [cli, 'check', '.', '--format', 'json'], withModules));
      largeRuns.push(timed(process.execPath, [cli, 'check', '.', '--format', 'json'], large));
    }
    const p = middle(plainRuns);
    const m = middle(moduleRuns);
    const l = middle(largeRuns);
    const counts = findingCounts(large);
    const total = counts.error + counts.warning + counts.info;
    return {
      title: 'Terraform modules and a 10,000-file tree',
      rows: [
        [
          '(b) 1,000 .tf files + 200 templates (no module calls), median of 3',
          secs(p),
          `runs ${plainRuns.map(secs).join(', ')}; peak ${mb(p)}; exit ${p.status}`,
        ],
        [
          '(b) with modules: 200 stacks × 5 files calling 2 local modules (1,000 calls, 200 with for_each) + 200 templates, median of 3',
          secs(m),
          `runs ${moduleRuns.map(secs).join(', ')}; peak ${mb(m)}; exit ${m.status}; ratio to (b) ${(m.ms / p.ms).toFixed(2)}×; target ≤ 1.5×`,
        ],
        [
          '10,000 .tf files (2,000 module folders), median of 3',
          secs(l),
          `runs ${largeRuns.map(secs).join(', ')}; peak ${mb(l)} (median run), max ${(Math.max(...largeRuns.map((r) => r.maxRssKb)) / 1024).toFixed(0)} MB; targets < 8 s, < 600 MB`,
        ],
        [
          'Findings per file on the 10,000-file tree',
          (total / 10_000).toFixed(3),
          `${counts.error} error, ${counts.warning} warning, ${counts.info} info over 10,000 files`,
        ],
      ],
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
