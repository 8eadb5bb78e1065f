// `npm run lint` (part 3): every entry of KNOWN_VIOLATIONS in eslint.config.mjs still breaks its
// rule. A file that was fixed must leave the list, so that the rule then holds for it too.

import { ESLint } from 'eslint';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../harness/paths';

/** The `rule file` pairs of `known` that ESLint no longer reports. */
async function findStale(known: Readonly<Record<string, readonly string[]>>): Promise<string[]> {
  process.env.PENNSIEVE_LINT_KNOWN = 'check';
  const eslint = new ESLint({ cwd: repoRoot });
  const files = [...new Set(Object.values(known).flat())];
  const results = await eslint.lintFiles(files.map((f) => join(repoRoot, f)));
  const reported = new Set(results.flatMap((r) => r.messages.map((m) => `${m.ruleId} ${r.filePath}`)));
  return Object.entries(known).flatMap(([rule, list]) =>
    list.filter((f) => !reported.has(`${rule} ${join(repoRoot, f)}`)).map((f) => `${rule} ${f}`),
  );
}

async function main(): Promise<number> {
  const config = (await import(pathToFileURL(join(repoRoot, 'eslint.config.mjs')).href)) as {
    KNOWN_VIOLATIONS: Record<string, string[]>;
  };
  const stale = await findStale(config.KNOWN_VIOLATIONS);
  for (const entry of stale)
    process.stdout.write(`${entry}: no longer breaks the rule: remove it from KNOWN_VIOLATIONS in eslint.config.mjs\n`);
  const count = Object.values(config.KNOWN_VIOLATIONS).flat().length;
  process.stdout.write(`known lint violations: ${count} listed, ${stale.length} stale\n`);
  return stale.length ? 1 : 0;
}

main().then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 2;
  },
);
