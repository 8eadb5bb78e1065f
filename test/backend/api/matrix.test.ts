// The authorization matrix (docs/sandbox.md, "Who may do what"): every route as each persona, with exact status codes.
// The node under test belongs to `nodeOwner` (a plain member), sits on `acctOwner`'s account, which
// is enabled publicly for compute in lab, and is shared with team imaging (teamMember's team).

import assert from 'node:assert/strict';
import { call } from '../../../scripts/harness/backend/client';
import { startTestBackend, type TestBackend } from '../../../scripts/harness/backend/backend';
import { enableWorkspace, nextAwsAccountId, registerAccount, seedNode } from '../../../scripts/harness/backend/fixtures';
import { IMAGING, LAB, PERSONAS, tokenOf, userOf, type Persona } from '../../../scripts/harness/backend/identities';

interface Fixture {
  readonly account: string;
  readonly awsAccountId: string;
  /** A fresh node in lab, private, shared with team imaging. */
  orgNode(): Promise<string>;
  /** A fresh organization-independent node. */
  independentNode(): Promise<string>;
}

interface Request {
  readonly method: string;
  readonly path: string;
  readonly body?: unknown;
}

/** [nodeOwner, acctOwner, admin, member, teamMember, outsider] */
type Expected = readonly [number, number, number, number, number, number];

interface Row {
  readonly route: string;
  build(f: Fixture): Promise<Request>;
  readonly expected: Expected;
}

const q = encodeURIComponent;
const onOrgNode = (method: string, suffix: string, body?: unknown) => async (f: Fixture): Promise<Request> => ({
  method,
  path: `/compute-nodes/${await f.orgNode()}${suffix}`,
  body,
});

const ROWS: readonly Row[] = [
  { route: 'POST /accounts', build: async () => ({ method: 'POST', path: '/accounts', body: { accountId: nextAwsAccountId(), accountType: 'AWS', roleName: 'r', externalId: 'e' } }), expected: [201, 201, 201, 201, 201, 201] },
  { route: 'GET /accounts', build: async () => ({ method: 'GET', path: '/accounts' }), expected: [200, 200, 200, 200, 200, 200] },
  { route: 'GET /accounts/{id}', build: async (f) => ({ method: 'GET', path: `/accounts/${f.account}` }), expected: [403, 200, 403, 403, 403, 403] },
  { route: 'PATCH /accounts/{id}', build: async (f) => ({ method: 'PATCH', path: `/accounts/${f.account}`, body: { description: 'x' } }), expected: [403, 200, 403, 403, 403, 403] },
  { route: 'DELETE /accounts/{id}', build: async (f) => ({ method: 'DELETE', path: `/accounts/${f.account}` }), expected: [403, 409, 403, 403, 403, 403] },
  {
    route: 'POST /accounts/{uuid}/workspaces',
    build: async (f) => ({ method: 'POST', path: `/accounts/${f.account}/workspaces?organization_id=${q(LAB)}`, body: { isPublic: true } }),
    expected: [403, 422, 403, 403, 403, 403],
  },
  { route: 'DELETE /accounts/{uuid}/workspaces/{workspaceId}', build: async (f) => ({ method: 'DELETE', path: `/accounts/${f.account}/workspaces/${q(LAB)}` }), expected: [403, 409, 403, 403, 403, 403] },
  { route: 'POST /compute-nodes', build: async (f) => ({ method: 'POST', path: '/compute-nodes', body: { accountId: f.account, organizationId: LAB } }), expected: [403, 202, 202, 403, 403, 403] },
  { route: 'GET /compute-nodes?organization_id', build: async () => ({ method: 'GET', path: `/compute-nodes?organization_id=${q(LAB)}` }), expected: [200, 200, 200, 200, 200, 403] },
  { route: 'GET /compute-nodes/{id}', build: onOrgNode('GET', ''), expected: [200, 403, 200, 403, 200, 403] },
  { route: 'PUT /compute-nodes/{id}', build: onOrgNode('PUT', '', {}), expected: [202, 202, 202, 403, 403, 403] },
  { route: 'PATCH /compute-nodes/{id}', build: onOrgNode('PATCH', '', { name: 'x' }), expected: [200, 403, 200, 403, 403, 403] },
  { route: 'DELETE /compute-nodes/{id}', build: onOrgNode('DELETE', ''), expected: [202, 202, 202, 403, 403, 403] },
  { route: 'POST /compute-nodes/{id}/update-config', build: onOrgNode('POST', '/update-config', { maxGpuInstances: 1 }), expected: [202, 202, 202, 403, 403, 403] },
  { route: 'GET /compute-nodes/{id}/permissions', build: onOrgNode('GET', '/permissions'), expected: [200, 403, 200, 403, 200, 403] },
  { route: 'PUT /compute-nodes/{id}/permissions', build: onOrgNode('PUT', '/permissions', { accessScope: 'workspace' }), expected: [200, 403, 200, 403, 403, 403] },
  { route: 'POST /compute-nodes/{id}/permissions/users', build: onOrgNode('POST', '/permissions/users', { userId: userOf('member') }), expected: [201, 403, 201, 403, 403, 403] },
  { route: 'DELETE /compute-nodes/{id}/permissions/users/{userId}', build: onOrgNode('DELETE', `/permissions/users/${q(userOf('member'))}`), expected: [200, 403, 200, 403, 403, 403] },
  { route: 'POST /compute-nodes/{id}/permissions/teams', build: onOrgNode('POST', '/permissions/teams', { teamId: IMAGING }), expected: [201, 403, 201, 403, 403, 403] },
  { route: 'DELETE /compute-nodes/{id}/permissions/teams/{teamId}', build: onOrgNode('DELETE', `/permissions/teams/${q(IMAGING)}`), expected: [200, 403, 200, 403, 403, 403] },
  {
    route: 'POST /compute-nodes/{id}/organization (independent node)',
    build: async (f) => ({ method: 'POST', path: `/compute-nodes/${await f.independentNode()}/organization?organization_id=${q(LAB)}` }),
    expected: [200, 403, 403, 403, 403, 403],
  },
  { route: 'DELETE /compute-nodes/{id}/organization', build: onOrgNode('DELETE', '/organization'), expected: [403, 200, 403, 403, 403, 403] },
  { route: 'POST /app-store/access', build: async (f) => ({ method: 'POST', path: '/app-store/access', body: { accountId: f.awsAccountId, accountType: 'AWS' } }), expected: [403, 200, 403, 403, 403, 403] },
  { route: 'GET /gpu-tiers', build: async () => ({ method: 'GET', path: `/gpu-tiers?organization_id=${q(LAB)}` }), expected: [200, 200, 200, 200, 200, 403] },
  { route: 'GET /role-policy', build: async () => ({ method: 'GET', path: '/role-policy' }), expected: [200, 200, 200, 200, 200, 200] },
];

/** On a private enablement the admin loses Admin+Public; nothing else changes for them. */
const PRIVATE_ACCOUNT_ADMIN: ReadonlyArray<readonly [string, (f: Fixture) => Promise<Request>, number]> = [
  ['GET /compute-nodes/{id}', onOrgNode('GET', ''), 403],
  ['PUT /compute-nodes/{id}', onOrgNode('PUT', '', {}), 403],
  ['PATCH /compute-nodes/{id}', onOrgNode('PATCH', '', { name: 'x' }), 403],
  ['DELETE /compute-nodes/{id}', onOrgNode('DELETE', ''), 403],
  ['POST /compute-nodes/{id}/update-config', onOrgNode('POST', '/update-config', { gpuTier: 'large' }), 403],
  ['GET /compute-nodes/{id}/permissions', onOrgNode('GET', '/permissions'), 403],
  ['PUT /compute-nodes/{id}/permissions', onOrgNode('PUT', '/permissions', { accessScope: 'private' }), 403],
  ['POST /compute-nodes/{id}/permissions/users', onOrgNode('POST', '/permissions/users', { userId: userOf('member') }), 403],
  ['POST /compute-nodes', async (f) => ({ method: 'POST', path: '/compute-nodes', body: { accountId: f.account, organizationId: LAB } }), 403],
];

describe('sandbox API: authorization matrix', () => {
  let backend: TestBackend;
  const fixtures: { public?: Fixture; private?: Fixture } = {};

  async function fixture(isPublic: boolean): Promise<Fixture> {
    const awsAccountId = nextAwsAccountId();
    const account = await registerAccount(backend.url, 'acctOwner', { accountId: awsAccountId });
    await enableWorkspace(backend.url, 'acctOwner', account, LAB, { isPublic, enableCompute: true });
    // A node from the start, so deleting the account or the lab enablement stays refused (409).
    await seedNode(backend.store, { owner: 'nodeOwner', accountUuid: account, org: LAB, awsAccountId });
    return {
      account,
      awsAccountId,
      orgNode: () => seedNode(backend.store, { owner: 'nodeOwner', accountUuid: account, org: LAB, sharedWithTeam: IMAGING, awsAccountId }),
      independentNode: () => seedNode(backend.store, { owner: 'nodeOwner', accountUuid: account, awsAccountId }),
    };
  }

  before(async () => {
    backend = await startTestBackend();
    fixtures.public = await fixture(true);
    fixtures.private = await fixture(false);
  });
  after(async () => {
    await backend?.close();
  });

  const send = async (persona: Persona, req: Request) => call(backend.url, req.method, req.path, { token: tokenOf(persona), body: req.body });

  for (const row of ROWS) {
    describe(row.route, () => {
      PERSONAS.forEach((persona, i) => {
        const status = row.expected[i] as number;
        it(`as ${persona} → ${status}`, async () => {
          const res = await send(persona, await row.build(fixtures.public!));
          assert.equal(res.status, status, res.text);
        });
      });
    });
  }

  describe('admin on a private (isPublic: false) account', () => {
    for (const [route, build, status] of PRIVATE_ACCOUNT_ADMIN) {
      it(`${route} → ${status}`, async () => {
        const res = await send('admin', await build(fixtures.private!));
        assert.equal(res.status, status, res.text);
      });
    }
  });
});
