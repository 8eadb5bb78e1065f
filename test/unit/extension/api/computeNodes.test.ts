import assert from 'node:assert/strict';
import { AccessGrantsApi } from '../../../../extension/src/api/accessGrants';
import { ApiClient, ApiError } from '../../../../extension/src/api/client';
import {
  ComputeNodesApi,
  isTransitional,
  toNodeStatus,
  type NewComputeNode,
} from '../../../../extension/src/api/computeNodes';
import { captureLog, fakeFetch, on, type Handler } from '../support/fakeFetch';

const P = '/compute/resources';

function apis(...handlers: Handler[]) {
  const f = fakeFetch(...handlers);
  const client = new ApiClient({
    baseUrl: () => `https://x.test${P}`,
    tokens: { getToken: async () => 't' },
    log: captureLog(),
    fetch: f.fetch,
  });
  return { nodes: new ComputeNodesApi(client), grants: new AccessGrantsApi(client), requests: f.requests };
}

const node = (uuid: string, name: string, extra: Record<string, unknown> = {}) => ({
  uuid,
  name,
  account: { uuid: 'acct-1', accountId: '111122223333' },
  status: 'Pending',
  createdAt: `2026-03-04 15:04:0${uuid.length % 10} +0000 UTC`,
  maxGpuInstances: 2,
  gpuTier: 'small',
  maxInteractiveSessions: 0,
  updateAvailable: false,
  ...extra,
});

const request: NewComputeNode = {
  accountId: 'acct-1',
  name: 'imaging',
  deploymentMode: 'basic',
  enableLLMAccess: false,
  llmBaaAcknowledged: false,
  gpuTier: 'small',
};

/** A list that changes after the POST, like production's: the POST itself answers 202 without a uuid. */
function productionLike(
  existing: object[],
  created: object[],
  postReply: object = { message: 'Compute node creation initiated' },
): Handler[] {
  let posted = false;
  return [
    on('POST', `${P}/compute-nodes`, () => {
      posted = true;
      return { status: 202, body: postReply };
    }),
    on('GET', `${P}/compute-nodes`, () => ({ status: 200, body: posted ? [...existing, ...created] : existing })),
  ];
}

describe('extension api/computeNodes', () => {
  it('finds the node production creates without returning its uuid by listing before and after', async () => {
    const { nodes, requests } = apis(
      ...productionLike([node('old-1', 'imaging')], [node('new-1', 'imaging'), node('new-2', 'other')]),
    );
    const created = await nodes.createComputeNode(request);
    assert.equal(created.uuid, 'new-1');
    assert.deepEqual(
      requests.map((r) => `${r.method} ${r.url.pathname}${r.url.search}`),
      [
        `GET ${P}/compute-nodes?account_owner=true`,
        `POST ${P}/compute-nodes`,
        `GET ${P}/compute-nodes?account_owner=true`,
      ],
    );
    assert.deepEqual(requests[1]!.body, request);
  });

  it('lists by workspace when the node belongs to one', async () => {
    const org = 'N:organization:o1';
    const { nodes, requests } = apis(...productionLike([], [node('n', 'imaging', { organizationId: org })]));
    await nodes.createComputeNode({ ...request, organizationId: org });
    assert.equal(requests[0]!.url.searchParams.get('organization_id'), org);
    assert.equal(requests[0]!.url.searchParams.get('account_owner'), null);
  });

  it('uses the uuid when the server does return one (the sandbox and the test env do)', async () => {
    const { nodes } = apis(
      ...productionLike([], [node('b', 'imaging'), node('a', 'imaging')], { message: 'ok', uuid: 'a' }),
    );
    assert.equal((await nodes.createComputeNode(request)).uuid, 'a');
  });

  it('reports a node that was accepted but is not listed as one clear error', async () => {
    const { nodes } = apis(...productionLike([], []));
    await assert.rejects(nodes.createComputeNode(request), (err: unknown) => {
      assert.ok(err instanceof ApiError);
      assert.match(err.message, /accepted but is not listed yet; refresh the view: imaging$/);
      return true;
    });
  });

  it('reads a node whose optional fields are absent', async () => {
    const { nodes } = apis(
      on('GET', `${P}/compute-nodes/u1`, {
        status: 200,
        body: { uuid: 'u1', name: 'n', account: { uuid: 'a' }, status: 'Enabled' },
      }),
    );
    const n = await nodes.fetchComputeNode('u1');
    assert.equal(n.organizationId, undefined);
    assert.equal(n.deploymentMode, undefined);
  });

  it('pauses with PATCH {status} and asks GPU tiers for a workspace', async () => {
    const { nodes, requests } = apis(
      on('PATCH', `${P}/compute-nodes/u1`, { status: 200, body: { uuid: 'u1', maxGpuInstances: 0, gpuTier: '' } }),
      on('GET', `${P}/gpu-tiers`, {
        status: 200,
        body: [{ tier: 'small', instanceType: 'g4dn.xlarge', pricePerHour: 0.526 }],
      }),
    );
    await nodes.setComputeNodeStatus('u1', 'Paused');
    assert.deepEqual(requests[0]!.body, { status: 'Paused' });
    const tiers = await nodes.fetchGpuTiers('N:organization:o1');
    assert.equal(tiers[0]!.tier, 'small');
    assert.equal(requests[1]!.url.searchParams.get('organization_id'), 'N:organization:o1');
  });

  it('knows which statuses are transitional', () => {
    assert.deepEqual(['Pending', 'Enabled', 'Paused', 'Failed', 'Destroying'].filter(isTransitional), [
      'Pending',
      'Destroying',
    ]);
    assert.equal(toNodeStatus('Provisioning'), undefined);
    assert.equal(toNodeStatus('Failed'), 'Failed');
  });
});

describe('extension api/accessGrants', () => {
  it('fills the shared lists the API leaves out when empty', async () => {
    const { grants } = apis(
      on('GET', `${P}/compute-nodes/u1/permissions`, {
        status: 200,
        body: { nodeUuid: 'u1', accessScope: 'private', owner: 'N:user:o', organizationIndependent: true },
      }),
    );
    const p = await grants.fetchPermissions('u1');
    assert.deepEqual(p.sharedWithUsers, []);
    assert.deepEqual(p.sharedWithTeams, []);
  });

  it('grants and revokes users and teams on their own routes', async () => {
    const ok = (action: string) => ({ status: action === 'granted' ? 201 : 200, body: { message: 'ok', action } });
    const { grants, requests } = apis(
      on('POST', `${P}/compute-nodes/u1/permissions/users`, ok('granted')),
      on('POST', `${P}/compute-nodes/u1/permissions/teams`, ok('granted')),
      on('DELETE', `${P}/compute-nodes/u1/permissions/users/N%3Auser%3Ab`, ok('revoked')),
      on('DELETE', `${P}/compute-nodes/u1/permissions/teams/N%3Ateam%3Ac`, ok('revoked')),
    );
    await grants.grant('u1', { kind: 'user', id: 'N:user:b' });
    await grants.grant('u1', { kind: 'team', id: 'N:team:c' });
    await grants.revoke('u1', { kind: 'user', id: 'N:user:b' });
    await grants.revoke('u1', { kind: 'team', id: 'N:team:c' });
    assert.deepEqual(requests[0]!.body, { userId: 'N:user:b' });
    assert.deepEqual(requests[1]!.body, { teamId: 'N:team:c' });
  });

  it('attaches with ?organization_id= and sets the scope with PUT', async () => {
    const perms = { nodeUuid: 'u1', accessScope: 'workspace', owner: 'N:user:o' };
    const { grants, requests } = apis(
      on('POST', `${P}/compute-nodes/u1/organization`, { status: 200, body: { action: 'attached_to_organization' } }),
      on('PUT', `${P}/compute-nodes/u1/permissions`, { status: 200, body: perms }),
      on('DELETE', `${P}/compute-nodes/u1/organization`, {
        status: 200,
        body: { action: 'detached_from_organization' },
      }),
    );
    await grants.attachOrganization('u1', 'N:organization:o1');
    assert.equal((await grants.setAccessScope('u1', 'workspace')).accessScope, 'workspace');
    await grants.detachOrganization('u1');
    assert.equal(requests[0]!.url.searchParams.get('organization_id'), 'N:organization:o1');
    assert.deepEqual(requests[1]!.body, { accessScope: 'workspace' });
  });
});
