// Where the harness (tests, bench, demo) finds its tools and the tests write their artifacts.

import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** The repository root (this file lives in scripts/harness). */
export const repoRoot = resolve(__dirname, '..', '..');

/** CI artifacts: screenshots/<suite>/ and logs/<suite>/. */
export const resultsDir = join(repoRoot, 'test-results');

/** The code-server version scripts/setup-e2e.sh installs. */
export const codeServerVersion = '4.100.3';

/** The cache root shared with scripts/setup-e2e.sh (`PENNSIEVE_E2E_CACHE`). */
export function getCacheRoot(): string {
  return process.env.PENNSIEVE_E2E_CACHE || join(homedir(), '.cache', 'pennsieve-e2e');
}

/** Path of code-server's Node entry point; throws with the fix when it is not installed. */
export function getCodeServerEntry(): string {
  const dir = join(getCacheRoot(), 'code-server');
  const marker = join(dir, '.installed-version');
  const bin = join(dir, 'node_modules', '.bin', 'code-server');
  const installed = existsSync(marker) ? readFileSync(marker, 'utf8').trim() : undefined;
  if (installed !== codeServerVersion || !existsSync(bin)) {
    throw new Error(
      `code-server ${codeServerVersion} is not installed in ${dir} ` +
        `(found: ${installed ?? 'nothing'}): run \`bash scripts/setup-e2e.sh\``,
    );
  }
  return realpathSync(bin);
}

/** Debian's Chromium, installed by scripts/setup-e2e.sh. */
export function getChromiumPath(): string {
  const path = process.env.PENNSIEVE_E2E_CHROMIUM || '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(`Chromium not found at ${path}: run \`bash scripts/setup-e2e.sh\``);
  }
  return path;
}

/** Turns a test or step name into a file-name-safe slug. */
export function toSlug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'unnamed'
  );
}
