// End to end against moto with real Terraform: the backend process provisions a node into an
// emulated customer account, bounded roles appear there, and deleting the node removes them
// while the workflow-log bucket stays. Then 20 nodes at once.

import assert from 'node:assert/strict';
import { GetRoleCommand, ListPoliciesCommand, ListRolesCommand, type IAMClient } from '@aws-sdk/client-iam';
import { HeadBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MotoServer } from '../../../backend/src/sandbox/moto';
import { requireTool } from '../../../scripts/harness/tools';
import { customerIam, customerS3, registerCustomerAccount } from '../support/aws';
import { spawnBackend, type BackendProcess } from '../../../scripts/harness/backend/backend';
import { call, waitFor } from '../../../scripts/harness/backend/client';
import { LAB, tokenOf, writeTestIdentities } from '../../../scripts/harness/backend/identities';
import { openToOthers } from '../support/modes';
import { startTestMoto } from '../support/moto';
import { settle as settleAs } from '../support/nodes';

const ann = tokenOf('acctOwner');
const CUSTOMER = '210987654321';
const settle = (url: string, uuid: string, timeoutMs: number, onPoll?: (node: Record<string, unknown>) => void) =>
  settleAs(url, ann, uuid, timeoutMs, onPoll);

type Progress = { stage: string; resourcesDone: number; resourcesTotal: number | null; startedAt: string };

async function rolesWithPrefix(iam: IAMClient, prefix: string) {
  const out = await iam.send(new ListRolesCommand({ MaxItems: 1000 }));
  return (out.Roles ?? []).filter((r) => r.RoleName?.startsWith(prefix));
}

describe('provisioning end to end (moto + real Terraform)', function () {
  this.timeout(20 * 60_000);
  let moto: MotoServer;
  let backend: BackendProcess | undefined;
  let account: string;
  let iam: IAMClient;
  let s3: S3Client;
  let dataDir: string | undefined;

  before(async () => {
    requireTool('terraform', 'install Terraform 1.5 or later');
    moto = await startTestMoto();
    dataDir = mkdtempSync(join(tmpdir(), 'sandbox-e2e-'));
    backend = await spawnBackend([
      '--identities',
      writeTestIdentities(),
      '--data',
      dataDir,
      '--aws-endpoint',
      moto.endpoint,
      '--max-concurrent-runs',
      '4',
    ]);
    account = await registerCustomerAccount({
      url: backend.url,
      token: ann,
      motoEndpoint: moto.endpoint,
      accountId: CUSTOMER,
      org: LAB,
    });
    iam = await customerIam(moto.endpoint, CUSTOMER);
    s3 = await customerS3(moto.endpoint, CUSTOMER);
  });
  after(async () => {
    iam?.destroy();
    s3?.destroy();
    await backend?.stop();
    await moto?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates a node (Pending → Enabled), with bounded roles in the customer account; delete removes them and keeps the log bucket', async () => {
    const started = Date.now();
    const res = await call(backend!.url, 'POST', '/compute-nodes', {
      token: ann,
      body: { accountId: account, organizationId: LAB, name: 'e2e' },
    });
    assert.equal(res.status, 202, res.text);
    const uuid = res.json.uuid as string;
    const id = uuid.slice(0, 8);
    const seen: Progress[] = [];
    const node = await settle(
      backend!.url,
      uuid,
      5 * 60_000,
      (n) => n.provisioning && seen.push(n.provisioning as Progress),
    );
    assert.notEqual(node, 'gone');
    assert.equal((node as { status: string }).status, 'Enabled', JSON.stringify(node));
    assert.equal((node as { provisioning?: unknown }).provisioning, undefined, 'no progress once Enabled');
    // Real Terraform's progress as the API shows it: the plan's size, then resources counted up to it.
    const applying = seen.filter((p) => p.stage === 'apply');
    assert.ok(applying.length > 0, `an apply stage was seen: ${JSON.stringify(seen)}`);
    const total = applying[applying.length - 1]!.resourcesTotal;
    assert.ok(total !== null && total > 10, `the plan's size is known: ${total}`);
    assert.ok(
      applying.every((p) => p.resourcesDone <= total!),
      JSON.stringify(applying),
    );
    assert.ok(
      seen.every(
        (p, i) =>
          i === 0 ||
          ['init', 'plan', 'apply'].indexOf(p.stage) >= ['init', 'plan', 'apply'].indexOf(seen[i - 1]!.stage),
      ),
      'stages only move forward',
    );
    const createSeconds = (Date.now() - started) / 1000;

    // Terraform state and everything else in the node's work directory is owner-only.
    assert.deepEqual(openToOthers(join(dataDir!, 'nodes', uuid)), []);

    const boundaryArn = `arn:aws:iam::${CUSTOMER}:policy/pennsieve-boundary-${id}`;
    const policies = await iam.send(new ListPoliciesCommand({ Scope: 'Local', MaxItems: 1000 }));
    assert.ok(
      policies.Policies?.some((p) => p.Arn === boundaryArn),
      'the boundary policy exists',
    );
    const roles = await rolesWithPrefix(iam, `pennsieve-${id}-`);
    assert.deepEqual(
      roles.map((r) => r.RoleName).sort(),
      ['ecs-execution', 'ecs-processor', 'lambda-processor', 'orchestrator', 'workflow-states'].map(
        (s) => `pennsieve-${id}-${s}`,
      ),
    );
    for (const role of roles) {
      const got = await iam.send(new GetRoleCommand({ RoleName: role.RoleName }));
      assert.equal(
        got.Role?.PermissionsBoundary?.PermissionsBoundaryArn,
        boundaryArn,
        `${role.RoleName} carries the boundary`,
      );
    }
    const bucket = `pennsieve-${id}-workflow-logs`;
    await s3.send(new HeadBucketCommand({ Bucket: bucket }));

    const deleting = Date.now();
    const del = await call(backend!.url, 'DELETE', `/compute-nodes/${uuid}`, { token: ann });
    assert.equal(del.status, 202);
    const destroying: Progress[] = [];
    assert.equal(
      await settle(
        backend!.url,
        uuid,
        5 * 60_000,
        (n) => n.provisioning && destroying.push(n.provisioning as Progress),
      ),
      'gone',
    );
    assert.ok(
      destroying.some((p) => p.stage === 'destroy'),
      `a destroy stage was seen: ${JSON.stringify(destroying)}`,
    );
    const deleteSeconds = (Date.now() - deleting) / 1000;
    assert.deepEqual(await rolesWithPrefix(iam, `pennsieve-${id}-`), [], 'the node roles are destroyed');
    await s3.send(new HeadBucketCommand({ Bucket: bucket }));
    process.stdout.write(
      `      create-to-Enabled ${createSeconds.toFixed(1)} s, delete-to-gone ${deleteSeconds.toFixed(1)} s\n`,
    );
  });

  it('takes 20 concurrent creates to Enabled, never running more than 4 Terraform processes at once', async () => {
    const bodies = Array.from({ length: 20 }, (_, i) => ({
      accountId: account,
      organizationId: LAB,
      name: `bulk-${i}`,
    }));
    const created = await Promise.all(
      bodies.map((body) => call(backend!.url, 'POST', '/compute-nodes', { token: ann, body })),
    );
    assert.deepEqual(new Set(created.map((r) => r.status)), new Set([202]));
    const uuids = new Set(created.map((r) => r.json.uuid as string));
    // One list request per poll (not one per node), so the log stays readable.
    const final = await waitFor(
      '20 nodes to settle',
      async () => {
        const list = await call(backend!.url, 'GET', '/compute-nodes?account_owner=true', { token: ann });
        const mine = (list.json as { uuid: string; status: string; statusReason?: string }[]).filter((n) =>
          uuids.has(n.uuid),
        );
        return mine.length === 20 && mine.every((n) => n.status !== 'Pending') ? mine : undefined;
      },
      15 * 60_000,
      2000,
    );
    assert.deepEqual(
      final.map((n) => n.status),
      [...uuids].map(() => 'Enabled'),
      JSON.stringify(final.filter((n) => n.status !== 'Enabled')),
    );
    // The log says when each run started and ended: at most 4 overlap.
    let running = 0;
    let peak = 0;
    for (const line of backend!.stderr().split('\n')) {
      if (/terraform apply started/.test(line)) peak = Math.max(peak, ++running);
      if (/terraform apply (succeeded|failed)/.test(line)) running--;
    }
    assert.ok(peak <= 4, `${peak} Terraform runs overlapped`);
    assert.ok(peak >= 2, 'runs did overlap');
  });
});
