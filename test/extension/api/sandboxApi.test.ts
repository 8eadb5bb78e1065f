// The extension's API client against the real sandbox backend over HTTP: every route the
// extension uses, every error-body shape, bad and expired tokens. Provisioning uses the backend's
// TEST-ONLY fake Terraform runner (real Terraform runs in the e2e suite and test/backend).

import assert from 'node:assert/strict';
import type { PennsieveApi } from '../../../extension/src/api/pennsieveApi';
import { str } from '../../../extension/src/api/schema';
import { startTestBackend, type TestBackend } from '../../../scripts/harness/backend/backend';
import { IMAGING, LAB, tokenOf, userOf } from '../../../scripts/harness/backend/identities';
import { apiError, apiFor, logLines, untilSettled, type LogLines } from '../support/sandboxClient';

describe('extension API client against the sandbox backend', () => {
  let backend: TestBackend;
  let ann: PennsieveApi;
  let log: LogLines;
  let accountUuid: string;
  let nodeUuid: string;
  const awsAccountId = '210987654321';

  before(async () => {
    backend = await startTestBackend({ runnerDelayMs: 200 });
    log = logLines();
    ann = apiFor(backend.url, tokenOf('acctOwner'), log);
  });
  after(async () => {
    await backend?.close();
  });

  describe('authentication', () => {
    it('a wrong token is one unauthorized error from the gateway’s 401 {"message":"Unauthorized"}', async () => {
      const err = await apiError(apiFor(backend.url, 'tok-not-a-real-token').accounts.fetchAccounts());
      assert.equal(err.kind, 'unauthorized');
      assert.equal(err.status, 401);
      assert.equal(err.serverMessage, 'Unauthorized');
    });

    it('an expired token is refused the same way', async () => {
      const err = await apiError(apiFor(backend.url, tokenOf('expired')).accounts.fetchAccounts());
      assert.equal(err.kind, 'unauthorized');
    });

    it('a workspace route for a workspace the caller is not in is 403 {"message":"Forbidden"}', async () => {
      const err = await apiError(apiFor(backend.url, tokenOf('outsider')).computeNodes.fetchGpuTiers(LAB));
      assert.equal(err.kind, 'forbidden');
      assert.equal(err.serverMessage, 'Forbidden');
    });
  });

  describe('accounts', () => {
    it('lists no accounts as [] although the API answers null', async () => {
      assert.deepEqual(await ann.accounts.fetchAccounts(), []);
    });

    it('gets a role template with a fresh name and an external ID in the trust policy', async () => {
      const a = await ann.accounts.fetchRolePolicy();
      const b = await ann.accounts.fetchRolePolicy();
      assert.match(a.roleName, /^Pennsieve-Compute-sandbox-[0-9a-f]{8}$/);
      assert.notEqual(a.roleName, b.roleName);
      assert.ok(a.externalId);
      assert.ok(JSON.stringify(a.trustPolicyDocument).includes(a.externalId!));
    });

    it('registers an account, and a second registration is plain-text 422 "Handler: message"', async () => {
      accountUuid = await ann.accounts.createAccount({
        accountId: awsAccountId,
        roleName: 'Pennsieve-Compute-sandbox-0a1b2c3d',
        externalId: 'e'.repeat(32),
        name: 'lab',
      });
      const err = await apiError(
        ann.accounts.createAccount({ accountId: awsAccountId, roleName: 'x', externalId: 'y' }),
      );
      assert.equal(err.status, 422);
      assert.equal(err.serverMessage, 'error records exists');
    });

    it('enables a workspace, refuses a second enablement, and lists it on the account', async () => {
      const e = await ann.accounts.enableWorkspace(accountUuid, LAB, {
        isPublic: false,
        enableCompute: true,
        enableStorage: false,
      });
      assert.equal(e.organizationId, LAB);
      assert.equal(e.enabledBy, userOf('acctOwner'));
      const again = await apiError(
        ann.accounts.enableWorkspace(accountUuid, LAB, { isPublic: false, enableCompute: true, enableStorage: false }),
      );
      assert.equal(again.serverMessage, 'account already enabled for workspace');
      const [account] = await ann.accounts.fetchAccounts();
      assert.equal(account!.uuid, accountUuid);
      assert.equal(account!.externalId, 'e'.repeat(32));
      assert.deepEqual(
        account!.enabledWorkspaces?.map((w) => w.organizationId),
        [LAB],
      );
      assert.equal((await ann.accounts.fetchAccount(accountUuid)).name, 'lab');
    });

    it('reads another user’s account as plain-text 403', async () => {
      const err = await apiError(apiFor(backend.url, tokenOf('admin')).accounts.fetchAccount(accountUuid));
      assert.equal(err.kind, 'forbidden');
      assert.equal(err.serverMessage, 'account does not belong to user');
    });
  });

  describe('compute nodes', () => {
    it('lists the GPU tiers of a workspace', async () => {
      assert.deepEqual(
        (await ann.computeNodes.fetchGpuTiers(LAB)).map((t) => t.tier),
        ['small', 'medium', 'large', 'xlarge'],
      );
    });

    it('creates a node, finds it again by listing, and follows it from Pending to Enabled', async () => {
      const created = await ann.computeNodes.createComputeNode({
        accountId: accountUuid,
        name: 'imaging',
        organizationId: LAB,
        deploymentMode: 'basic',
        enableLLMAccess: false,
        llmBaaAcknowledged: false,
        gpuTier: 'medium',
      });
      nodeUuid = created.uuid;
      assert.equal(created.name, 'imaging');
      assert.equal(created.gpuTier, 'medium');
      const settled = await untilSettled(ann, created);
      assert.equal(settled?.status, 'Enabled');
      assert.equal((await ann.computeNodes.fetchOwnedComputeNodes()).length, 1);
    });

    it('refuses LLM access in secure mode without the BAA acknowledgement: JSON {message}', async () => {
      const err = await apiError(
        ann.computeNodes.createComputeNode({
          accountId: accountUuid,
          name: 'x',
          organizationId: LAB,
          deploymentMode: 'secure',
          enableLLMAccess: true,
          llmBaaAcknowledged: false,
          gpuTier: 'small',
        }),
      );
      assert.equal(err.kind, 'badRequest');
      assert.match(err.serverMessage, /^LLM access in secure\/compliant mode requires llmBaaAcknowledged: true/);
    });

    it('pauses and resumes with PATCH', async () => {
      await ann.computeNodes.setComputeNodeStatus(nodeUuid, 'Paused');
      assert.equal((await ann.computeNodes.fetchComputeNode(nodeUuid)).status, 'Paused');
      await ann.computeNodes.setComputeNodeStatus(nodeUuid, 'Enabled');
      assert.equal((await ann.computeNodes.fetchComputeNode(nodeUuid)).status, 'Enabled');
    });

    it('reads a missing node as JSON 404 {message}', async () => {
      const err = await apiError(ann.computeNodes.fetchComputeNode('00000000-0000-4000-8000-000000000000'));
      assert.equal(err.kind, 'notFound');
      assert.equal(err.serverMessage, 'error no records found');
    });
  });

  describe('access', () => {
    it('starts private with the creator as owner', async () => {
      const p = await ann.accessGrants.fetchPermissions(nodeUuid);
      assert.equal(p.accessScope, 'private');
      assert.equal(p.owner, userOf('acctOwner'));
      assert.deepEqual([p.sharedWithUsers, p.sharedWithTeams], [[], []]);
    });

    it('grants and revokes a user and a team', async () => {
      await ann.accessGrants.grant(nodeUuid, { kind: 'user', id: userOf('member') });
      await ann.accessGrants.grant(nodeUuid, { kind: 'team', id: IMAGING });
      let p = await ann.accessGrants.fetchPermissions(nodeUuid);
      assert.equal(p.accessScope, 'shared');
      assert.deepEqual(p.sharedWithUsers, [userOf('member')]);
      assert.deepEqual(p.sharedWithTeams, [IMAGING]);
      await ann.accessGrants.revoke(nodeUuid, { kind: 'user', id: userOf('member') });
      await ann.accessGrants.revoke(nodeUuid, { kind: 'team', id: IMAGING });
      p = await ann.accessGrants.fetchPermissions(nodeUuid);
      assert.deepEqual([p.accessScope, p.sharedWithUsers, p.sharedWithTeams], ['private', [], []]);
    });

    it('reports an unknown user as JSON 400 {error}', async () => {
      const err = await apiError(
        ann.accessGrants.grant(nodeUuid, { kind: 'user', id: 'N:user:00000000-0000-4000-8000-0000000000ff' }),
      );
      assert.equal(err.status, 400);
      assert.equal(err.serverMessage, 'User N:user:00000000-0000-4000-8000-0000000000ff does not exist');
    });

    it('refuses to revoke the owner', async () => {
      const err = await apiError(ann.accessGrants.revoke(nodeUuid, { kind: 'user', id: userOf('acctOwner') }));
      assert.equal(err.serverMessage, 'cannot revoke access from owner');
    });

    it('sets the workspace scope, detaches and re-attaches the workspace', async () => {
      assert.equal((await ann.accessGrants.setAccessScope(nodeUuid, 'workspace')).accessScope, 'workspace');
      await ann.accessGrants.detachOrganization(nodeUuid);
      const detached = await ann.computeNodes.fetchComputeNode(nodeUuid);
      assert.equal(detached.organizationId, undefined);
      const p = await ann.accessGrants.fetchPermissions(nodeUuid);
      assert.equal(p.accessScope, 'private');
      await ann.accessGrants.attachOrganization(nodeUuid, LAB);
      assert.equal((await ann.computeNodes.fetchComputeNode(nodeUuid)).organizationId, LAB);
    });
  });

  describe('removal', () => {
    it('refuses to remove an account with nodes: JSON 409 {error, nodeCount}', async () => {
      const err = await apiError(ann.accounts.deleteAccount(accountUuid));
      assert.equal(err.kind, 'conflict');
      assert.match(err.serverMessage, /^account has 1 active compute nodes/);
      assert.equal(err.extra?.nodeCount, 1);
    });

    it('refuses to disable a workspace in use: plain-text 409', async () => {
      const err = await apiError(ann.accounts.disableWorkspace(accountUuid, LAB));
      assert.equal(err.kind, 'conflict');
      assert.match(err.serverMessage, /^cannot remove workspace access/);
    });

    it('deletes the node (202) and follows it through Destroying until it is gone', async () => {
      await ann.computeNodes.deleteComputeNode(nodeUuid);
      const destroying = await ann.computeNodes.fetchComputeNode(nodeUuid).catch(() => undefined);
      assert.ok(!destroying || destroying.status === 'Destroying');
      assert.equal(
        await untilSettled(ann, {
          ...(destroying ?? { uuid: nodeUuid, name: 'imaging', account: { uuid: accountUuid } }),
          status: 'Destroying',
        }),
        undefined,
      );
      assert.deepEqual(await ann.computeNodes.fetchOwnedComputeNodes(), []);
    });

    it('disables the workspace (204) and removes the account, which returns the role name', async () => {
      await ann.accounts.disableWorkspace(accountUuid, LAB);
      const deleted = await ann.accounts.deleteAccount(accountUuid);
      assert.equal(deleted.roleName, 'Pennsieve-Compute-sandbox-0a1b2c3d');
      assert.deepEqual(await ann.accounts.fetchAccounts(), []);
    });

    it('lists nodes as the owner of no account: JSON 403 {message}', async () => {
      const err = await apiError(ann.computeNodes.fetchOwnedComputeNodes());
      assert.equal(err.kind, 'forbidden');
      assert.equal(err.serverMessage, 'forbidden');
    });
  });

  // Mocha runs a suite's own tests before its nested suites, so these come last in a suite of their own.
  describe('transport', () => {
    it('gets the router’s plain-text 404 for a route that does not exist', async () => {
      const err = await apiError(ann.client.request({ method: 'GET', path: '/compute-nodes/x/config' }, str));
      assert.equal(err.status, 404);
      assert.equal(err.serverMessage, 'unsupported route');
    });

    it('logged method, path, status and duration only', () => {
      assert.ok(log.lines.length > 20);
      for (const line of log.lines) {
        assert.match(line, /^(GET|POST|PUT|PATCH|DELETE) \/[^ ?]* \d{3} \(\d+ ms\)$/);
        assert.ok(!line.includes(tokenOf('acctOwner')));
      }
    });
  });
});
