#!/usr/bin/env node
// `pennsieve-guard check|prove|diff ...`: the same engine as the editor, over files on disk.

import { pathToFileURL } from 'node:url';
import { parseArgs, USAGE, type CliCommand } from './cli/args';
import { readAtRef } from './cli/baseline';
import { discoverFiles } from './cli/discover';
import { runDiff } from './cli/diff';
import { runProve } from './cli/prove';
import { readText } from './cli/readText';
import { markNew } from './engine/baseline';
import { createEngine, type Engine } from './engine/createEngine';
import { GuardError } from './engine/guardError';
import { loadProfile } from './engine/loadProfile';
import type { ModuleCallSite, Unit } from './model/resources';
import { locateFindings, sortFindings, type ReportedFinding } from './engine/locate';
import type { SourceFile } from './model/source';
import { formatJson } from './output/json';
import { formatSarif } from './output/sarif';
import { formatText } from './output/text';
import { RULES } from './rules/index';
import { VERSION } from './version';

/**
 * Runs one command; returns the exit status (0 clean, 1 error findings, 2 usage or internal
 * error). When part of the engine failed, the findings (with an error finding for the failure)
 * are still printed in the requested format, and the status is 2. `engine` may be shared by
 * many runs in one process (it caches the catalog and parsed files); default: a new one.
 */
export function runCli(
  argv: readonly string[],
  cwd: string,
  out: (s: string) => void,
  err: (s: string) => void,
  engine?: Engine,
): number {
  let cmd: CliCommand;
  try {
    cmd = parseArgs(argv);
    if (cmd.kind === 'help') return (out(USAGE + '\n'), 0);
    if (cmd.kind === 'version') return (out(VERSION + '\n'), 0);
    if (cmd.kind === 'prove') return runProve(cmd, cwd, out, err);
    if (cmd.kind === 'diff') return runDiff(cmd, cwd, out, err, engine);
    const { findings, failed } = check(cmd, cwd, err, engine ?? createEngine({ retainParsedFiles: false }));
    out(render(findings, cmd, cwd));
    if (failed) return 2;
    return findings.some((f) => f.severity === 'error') ? 1 : 0;
  } catch (e) {
    if (e instanceof GuardError && e.code === 'usage') err(`pennsieve-guard: ${e.message}\n\n${USAGE}\n`);
    else if (e instanceof GuardError) err(`pennsieve-guard: ${e.message}\n`);
    else err(`pennsieve-guard: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 2;
  }
}

function check(
  cmd: Extract<CliCommand, { kind: 'check' }>,
  cwd: string,
  err: (s: string) => void,
  engine: Engine,
): { findings: ReportedFinding[]; failed: boolean } {
  const profile = loadProfile(cmd.profile, cwd);
  const found = discoverFiles(cmd.paths, cwd);
  const files: SourceFile[] = found.files.map((p) => ({ id: p, path: p, text: readText(p, found.roots) }));
  let failed = false;
  const run = (input: readonly SourceFile[]) => {
    const result = engine.check(input, profile, { readRoots: found.roots });
    for (const f of result.failures)
      err(
        `pennsieve-guard: internal error in ${f.where}, reported as a finding: ${f.message.split('\n')[0].slice(0, 300)}\n`,
      );
    failed ||= result.failures.length > 0;
    const failures = new Set(result.failures.map((f) => f.finding));
    const followed = followedModuleFiles(result.model.units, found.targets);
    const texts = new Map(input.map((f) => [f.id, f.text]));
    for (const id of followed) if (!texts.has(id)) texts.set(id, readText(id, found.roots));
    const located = locateFindings(result.findings, texts, cwd);
    // A failure is kept even when it sits in a sibling file read only to resolve a module; a
    // finding in a module called from a checked file is kept (it is that call's finding).
    return located.filter(
      (_, i) =>
        found.targets.has(result.findings[i].loc.file) ||
        followed.has(result.findings[i].loc.file) ||
        failures.has(result.findings[i]),
    );
  };
  let findings = run(files);
  if (cmd.baseline) {
    const before = run(readAtRef(found.files, cmd.baseline, cwd));
    findings = markNew(findings, before).filter((f) => f.new);
  }
  return { findings: sortFindings(findings), failed };
}

/** The files of the modules called (directly or through other modules) from `targets`. */
function followedModuleFiles(units: readonly Unit[], targets: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  for (const u of units) {
    for (const site of u.moduleCalls ?? []) {
      let root: ModuleCallSite = site;
      while (root.parent) root = root.parent;
      if (targets.has(root.loc.file)) for (const f of site.files) out.add(f);
    }
  }
  return out;
}

function render(
  findings: readonly ReportedFinding[],
  cmd: Extract<CliCommand, { kind: 'check' }>,
  cwd: string,
): string {
  switch (cmd.format) {
    case 'json':
      return formatJson(findings) + '\n';
    case 'sarif':
      return formatSarif(findings, { version: VERSION, rules: RULES, baseUri: pathToFileURL(cwd).href + '/' }) + '\n';
    default:
      return formatText(findings, { color: !!process.stdout.isTTY && !process.env.NO_COLOR });
  }
}

if (require.main === module) {
  const code = runCli(
    process.argv.slice(2),
    process.cwd(),
    (s) => process.stdout.write(s),
    (s) => process.stderr.write(s),
  );
  process.exitCode = code;
}
