// The role template exports as a security team would receive them: fetched from the real sandbox
// for a registered account (its real role name), `terraform fmt`-clean with the real terraform
// binary, and clean under the real `pennsieve-guard check` (the bundled CLI, dist/cli.js).

import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toCloudFormation, toTerraform } from '../../../extension/src/templates/roleTemplate';
import { startTestBackend, type TestBackend } from '../../../scripts/harness/backend/backend';
import { repoRoot } from '../../../scripts/harness/paths';
import { tokenOf } from '../../../scripts/harness/backend/identities';
import { apiFor } from '../support/sandboxClient';

const CLI = join(repoRoot, 'dist', 'cli.js');
const REGISTERED_ROLE = 'Pennsieve-Compute-sandbox-0a1b2c3d';

describe('role template exports (real terraform, real pennsieve-guard)', () => {
  let backend: TestBackend;
  let dir: string;

  before(async function () {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build first (node esbuild.mjs)`);
    execFileSync('terraform', ['version'], { stdio: 'ignore' });
    backend = await startTestBackend();
    dir = mkdtempSync(join(tmpdir(), 'exports-'));
  });
  after(async () => {
    await backend?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function exports(): Promise<{ cfn: string; tf: string; externalId?: string }> {
    const policy = await apiFor(backend.url, tokenOf('acctOwner')).accounts.fetchRolePolicy();
    return {
      cfn: toCloudFormation(policy, REGISTERED_ROLE),
      tf: toTerraform(policy, REGISTERED_ROLE),
      externalId: policy.externalId,
    };
  }

  it('carries the registered account’s role name and an external-ID parameter, never the ID', async () => {
    const { cfn, tf, externalId } = await exports();
    assert.match(cfn, new RegExp(`RoleName: "${REGISTERED_ROLE}"`));
    assert.match(cfn, new RegExp(`PolicyName: "POLICY-${REGISTERED_ROLE}"`));
    assert.match(cfn, /"sts:ExternalId":\s*\n?\s*Ref: "ExternalId"/);
    assert.match(tf, new RegExp(`name                 = "${REGISTERED_ROLE}"`));
    assert.match(tf, /"sts:ExternalId" = var\.external_id/);
    assert.ok(externalId && !cfn.includes(externalId) && !tf.includes(externalId));
  });

  it('is terraform fmt-clean', async () => {
    const { tf } = await exports();
    const formatted = spawnSync('terraform', ['fmt', '-'], { input: tf, encoding: 'utf8' });
    assert.equal(formatted.status, 0, formatted.stderr);
    assert.equal(formatted.stdout, tf, 'terraform fmt changed the export');
  });

  it('passes pennsieve-guard check with no finding, in both formats', async () => {
    const { cfn, tf } = await exports();
    writeFileSync(join(dir, 'role.yaml'), cfn);
    writeFileSync(join(dir, 'main.tf'), tf);
    const run = spawnSync(process.execPath, [CLI, 'check', dir, '--profile', 'pennsieve', '--format', 'json'], {
      encoding: 'utf8',
    });
    assert.equal(run.status, 0, `exit ${run.status}: ${run.stdout}${run.stderr}`);
    assert.deepEqual(JSON.parse(run.stdout).findings, []);
  });
});
