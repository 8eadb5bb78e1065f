// `pennsieve-guard diff [PATH ...] --baseline REF`: what the working copy allows that REF did not
// (and the reverse), per role and policy. Exit 0 nothing widens, 1 something widens or a
// verdict gets worse, 3 nothing is shown to widen but some widening is undecided (an unknown
// value), 2 usage or internal error (the diff is still printed).

import { pathToFileURL } from 'node:url';
import { diffFiles } from '../diff/diffFiles';
import { formatDiffMarkdown, formatDiffText } from '../diff/formatText';
import { formatDiffSarif } from '../diff/formatSarif';
import { locateDiff } from '../diff/locate';
import { mayWiden, widens } from '../diff/types';
import { createEngine, type Engine } from '../engine/createEngine';
import { loadProfile } from '../engine/loadProfile';
import type { SourceFile } from '../model/source';
import { VERSION } from '../version';
import type { CliCommand } from './args';
import { readTreeAtRef } from './diffBaseline';
import { discoverFiles } from './discover';
import { readText } from './readText';

/** Runs `diff`; returns the exit status. */
export function runDiff(
  cmd: Extract<CliCommand, { kind: 'diff' }>,
  cwd: string,
  out: (s: string) => void,
  err: (s: string) => void,
  engine: Engine = createEngine(),
): number {
  const profile = loadProfile(cmd.profile, cwd);
  const found = discoverFiles(cmd.paths, cwd);
  const current: SourceFile[] = found.files.map((p) => ({ id: p, path: p, text: readText(p, found.roots) }));
  const baseline = readTreeAtRef(cmd.paths, found.files, cmd.baseline, cwd);
  const { diff, failures } = diffFiles(engine, profile, current, baseline, { readRoots: found.roots });
  for (const f of failures)
    err(
      `pennsieve-guard: internal error in ${f.where}, the diff may be incomplete: ${f.message.split('\n')[0].slice(0, 300)}\n`,
    );
  const texts = {
    current: new Map(current.map((f) => [f.id, f.text])),
    baseline: new Map(baseline.map((f) => [f.id, f.text])),
  };
  const flags = { widens: widens(diff), unknown: mayWiden(diff) };
  const reported = locateDiff(diff, cmd.baseline, texts, cwd, flags);
  if (cmd.format === 'json') out(JSON.stringify(reported) + '\n');
  else if (cmd.format === 'sarif')
    out(formatDiffSarif(reported, { version: VERSION, baseUri: pathToFileURL(cwd).href + '/' }) + '\n');
  else if (cmd.format === 'markdown') out(formatDiffMarkdown(reported));
  else out(formatDiffText(reported));
  if (failures.length > 0) return 2;
  return flags.widens ? 1 : flags.unknown ? 3 : 0;
}
