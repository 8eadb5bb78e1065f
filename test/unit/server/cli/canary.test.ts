// Nothing from outside the checked folder reaches the CLI's output: file() of /proc/self/environ
// (holding a canary environment variable) and links out of the repository to a credentials-like
// file and a policy naming the canary are never read; JSON, SARIF and text output and stderr are
// searched for the canary. The CLI runs as its own process so /proc/self/environ is its own.

import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { makeCanaryRepo, type CanaryRepo } from '../../../support/canaryRepo';

const REPO_ROOT = resolve(__dirname, '../../../..');

function cli(args: string[], c: CanaryRepo) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'server', 'src', 'cli.ts'), ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...c.env },
    encoding: 'utf8',
    timeout: 60000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('CLI: reads stay inside the checked folder (canary)', function () {
  this.timeout(120000);
  let c: CanaryRepo;
  before(() => (c = makeCanaryRepo()));
  after(() => rmSync(c.dir, { recursive: true, force: true }));

  for (const format of ['json', 'sarif', 'text']) {
    it(`${format}: the canary appears nowhere, and the refused reads are reported as unknowns`, () => {
      const r = cli(['check', c.repo, '--format', format, '--profile', 'pennsieve'], c);
      assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.err}`);
      assert.ok(!r.out.includes(c.canary) && !r.err.includes(c.canary), 'the canary leaked');
      assert.match(r.out, /reads only regular files inside the checked folder, so \/proc\/self\/environ is not read/);
      if (format === 'json') JSON.parse(r.out);
    });
  }

  it('refuses a file argument that is a link out of its folder (exit 2), without printing it', () => {
    const r = cli(['check', join(c.repo, 'evil.tf'), '--format', 'json'], c);
    assert.equal(r.code, 2);
    assert.match(r.err, /Not reading .*evil\.tf: it is outside the checked folder/);
    assert.ok(!r.out.includes(c.canary) && !r.err.includes(c.canary));
  });
});
