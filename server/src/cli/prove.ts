// `pennsieve-guard prove`: per role and policy, each guarantee the profile declares with its
// verdict. Exit 0 all proved, 1 a counterexample, 3 no counterexample but an unknown, 2 when
// part of the engine failed (the table is still printed).

import { createEngine } from '../engine/createEngine';
import { guaranteeTable } from '../engine/guarantees';
import { loadProfile } from '../engine/loadProfile';
import type { SourceFile } from '../model/source';
import { locateTable } from '../output/proveLocate';
import { formatProveJson } from '../output/proveJson';
import { formatProveText } from '../output/proveText';
import type { CliCommand } from './args';
import { discoverFiles } from './discover';
import { readText } from './readText';

/** Runs `prove`; returns the exit status. */
export function runProve(
  cmd: Extract<CliCommand, { kind: 'prove' }>,
  cwd: string,
  out: (s: string) => void,
  err: (s: string) => void,
): number {
  const profile = loadProfile(cmd.profile, cwd);
  const found = discoverFiles(cmd.paths, cwd);
  const files: SourceFile[] = found.files.map((p) => ({ id: p, path: p, text: readText(p, found.roots) }));
  const result = createEngine({ retainParsedFiles: false }).check(files, profile, { readRoots: found.roots });
  for (const f of result.failures)
    err(
      `pennsieve-guard: internal error in ${f.where}, its verdicts are not proofs: ${f.message.split('\n')[0].slice(0, 300)}\n`,
    );
  const failed = new Set(result.failures.map((f) => f.ruleId));
  const table = guaranteeTable(result.model, profile, result.findings, failed).filter((s) =>
    found.targets.has(s.loc.file),
  );
  const located = locateTable(table, new Map(files.map((f) => [f.id, f.text])), cwd);
  out(
    cmd.format === 'json'
      ? formatProveJson(located) + '\n'
      : formatProveText(located, { color: !!process.stdout.isTTY && !process.env.NO_COLOR }),
  );
  if (result.failures.length > 0) return 2;
  const verdicts = table.flatMap((s) => s.rows.map((r) => r.verdict));
  return verdicts.includes('counterexample') ? 1 : verdicts.includes('unknown') ? 3 : 0;
}
