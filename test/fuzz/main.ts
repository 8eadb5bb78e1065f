// `npm run fuzz [-- --count N --seed S --workers W]`: a long fuzz campaign, outside CI (100,000
// inputs by default). Prints a summary; every failing input is written to test-results/fuzz/
// (its files and what failed) to minimize into test/fixtures/adversarial/. Exit 1 on any failure.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { generate } from './generate';
import { runFuzz } from './runFuzz';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

async function main(): Promise<void> {
  const count = arg('count', 100000);
  const seed = arg('seed', 2026);
  const workers = arg('workers', 2);
  const started = Date.now();
  const summary = await runFuzz({
    seed,
    count,
    workers,
    onProgress: (n) => {
      if (n % 1000 === 0)
        process.stderr.write(`fuzz: ${n}/${count} inputs, ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
    },
  });
  const out = resolve(__dirname, '../../test-results/fuzz');
  for (const f of summary.failures) {
    const input = generate(seed, f.index);
    const dir = join(out, `${f.kind}-${f.index}`);
    for (const [name, text] of Object.entries(input.files)) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    writeFileSync(
      join(dir, 'failure.json'),
      JSON.stringify({ ...f, seed, base: input.base, mutation: input.mutation, profile: input.profile }, null, 2),
    );
  }
  const byKind = new Map<string, number>();
  for (const f of summary.failures) byKind.set(f.kind, (byKind.get(f.kind) ?? 0) + 1);
  process.stdout.write(
    `${JSON.stringify({ seed, inputs: summary.inputs, failures: Object.fromEntries(byKind), maxCpuMs: Math.round(summary.maxCpuMs), minutes: +(summary.elapsedMs / 60000).toFixed(1) }, null, 2)}\n`,
  );
  if (summary.failures.length) {
    process.stdout.write(`failing inputs written to ${out}\n`);
    process.exitCode = 1;
  }
}

void main();
