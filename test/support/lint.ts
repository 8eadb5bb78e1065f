// Test helper: lint a fixture folder with the real engine, as the CLI would.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { locateFindings, sortFindings, type ReportedFinding } from '../../server/src/engine/locate';
import { loadProfile } from '../../server/src/engine/loadProfile';
import type { SourceFile } from '../../server/src/model/source';
import { createEngine } from '../../server/src/engine/createEngine';

const engine = createEngine();

/** Lints every file under `dir` (recursively); paths in results are relative to `dir`. */
export function lintFolder(dir: string, profileSpec?: string): ReportedFinding[] {
  const files: SourceFile[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      // As the CLI: installed modules (.terraform) are read only through their calls.
      if (statSync(full).isDirectory()) {
        if (name !== '.terraform' && name !== 'node_modules' && name !== '.git') walk(full);
      } else if (name !== 'expect.json' && name !== 'profile.yaml')
        files.push({ id: full, path: full, text: readFileSync(full, 'utf8') });
    }
  };
  walk(dir);
  const profile = loadProfile(profileSpec, dir);
  const result = engine.check(files, profile);
  if (result.failures.length)
    throw new Error(`rule crashed: ${result.failures.map((f) => `${f.ruleId}: ${f.message}`).join('\n')}`);
  const texts = new Map(files.map((f) => [f.id, f.text]));
  // Installed modules (.terraform/modules) are read by the engine through their calls.
  for (const f of result.findings) if (!texts.has(f.loc.file)) texts.set(f.loc.file, readFileSync(f.loc.file, 'utf8'));
  return sortFindings(locateFindings(result.findings, texts, dir));
}
