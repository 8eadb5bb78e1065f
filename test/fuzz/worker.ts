// A fuzz worker process: checks inputs `from`..`to` of a seeded run in-process, as
// `pennsieve-guard check DIR --format json --profile P`, and prints one JSON line per input.
// Usage: node --import tsx test/fuzz/worker.ts SEED FROM TO. A hang or crash here is caught by
// the parent (runFuzz.ts), which kills the process and goes on after the input.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runCli } from '../../server/src/cli';
import { lookupAwsManaged } from '../../server/src/model/awsManaged';
import type { Loc } from '../../server/src/model/loc';
import { createEngine, type Engine } from '../../server/src/engine/createEngine';
import { type FuzzInput, generate } from './generate';

/** What one input gave. */
export interface FuzzOutcome {
  readonly index: number;
  readonly code: number;
  readonly cpuMs: number;
  readonly jsonOk: boolean;
  readonly stderr: string;
}

/** Checks one input in `dir` (emptied first); `engine` is shared by the worker's inputs, as one editor session's. */
export function checkInput(input: FuzzInput, dir: string, engine: Engine): FuzzOutcome {
  rmSync(dir, { recursive: true, force: true });
  for (const [name, text] of Object.entries(input.files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  let out = '';
  let err = '';
  const c0 = process.cpuUsage();
  const code = runCli(
    ['check', dir, '--format', 'json', '--profile', input.profile],
    dir,
    (s) => (out += s),
    (s) => (err += s),
    engine,
  );
  const c = process.cpuUsage(c0);
  let jsonOk: boolean;
  try {
    jsonOk = Array.isArray((JSON.parse(out) as { findings?: unknown }).findings);
  } catch {
    jsonOk = false;
  }
  return { index: input.index, code, cpuMs: (c.user + c.system) / 1000, jsonOk, stderr: err.slice(0, 2000) };
}

const WARM_UP_LOC: Loc = { file: 'warm-up', start: 0, end: 0 };

if (require.main === module) {
  const [seed, from, to] = process.argv.slice(2).map(Number);
  const work = mkdtempSync(join(tmpdir(), 'pg-fuzz-'));
  try {
    const engine = createEngine();
    // Warm-up: the first check loads the catalog, and the first AWS-managed policy ARN loads
    // their documents (from source, the whole 75 MB package: once per process, not per input).
    checkInput(generate(seed, from), join(work, 'case'), engine);
    const arn = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
    lookupAwsManaged({ k: 'str', s: { parts: [arn] }, loc: WARM_UP_LOC }, WARM_UP_LOC);
    for (let i = from; i < to; i++)
      process.stdout.write(`${JSON.stringify(checkInput(generate(seed, i), join(work, 'case'), engine))}\n`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
