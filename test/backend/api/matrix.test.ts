// The authorization matrix (docs/sandbox.md, "Who may do what"): every route as each persona, with exact status codes.
// The node under test belongs to `nodeOwner` (a plain member), sits on `acctOwner`'s account, which
// is enabled publicly for compute in lab, and is shared with team imaging (teamMember's team).

import assert from 'node:assert/strict';
import { call } from '../../../scripts/harness/backend/client';
import { startTestBackend, type TestBackend } from '../../../scripts/harness/backend/backend';
import {
  enableWorkspace,
  nextAwsAccountId,
  registerAccount,
  seedNode,
} from '../../../scripts/harness/backend/fixtures';
import { IMAGING, LAB, PERSONAS, tokenOf, userOf, type Persona } from '../../../scripts/harness/backend/identities';
import type { MotoServer } from '../../../backend/src/sandbox/moto';
import { customerCredentials } from '../support/aws';
import { startTestMoto } from '../support/moto';

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
const GATEWAY = 'https://abcd1234.lambda-url.us-east-1.on.aws/';
const onOrgNode =
  (method: string, suffix: string, body?: unknown) =>
  async (f: Fixture): Promise<Request> => ({
    method,
    path: `/compute-nodes/${await f.orgNode()}${suffix}`,
    body,
  });

const ROWS: readonly Row[] = [
  {
    route: 'POST /accounts',
    build: async () => ({
      method: 'POST',
      path: '/accounts',
      body: { accountId: nextAwsAccountId(), accountType: 'AWS', roleName: 'r', externalId: 'e' },
    }),
    expected: [201, 201, 201, 201, 201, 201],
  },
  {
    route: 'GET /accounts',
    build: async () => ({ method: 'GET', path: '/accounts' }),
    expected: [200, 200, 200, 200, 200, 200],
  },
  {
    route: 'GET /accounts/{id}',
    build: async (f) => ({ method: 'GET', path: `/accounts/${f.account}` }),
    expected: [403, 200, 403, 403, 403, 403],
  },
  {
    route: 'PATCH /accounts/{id}',
    build: async (f) => ({ method: 'PATCH', path: `/accounts/${f.account}`, body: { description: 'x' } }),
    expected: [403, 200, 403, 403, 403, 403],
  },
  {
    route: 'DELETE /accounts/{id}',
    build: async (f) => ({ method: 'DELETE', path: `/accounts/${f.account}` }),
    expected: [403, 409, 403, 403, 403, 403],
  },
  {
    route: 'POST /accounts/{uuid}/workspaces',
    build: async (f) => ({
      method: 'POST',
      path: `/accounts/${f.account}/workspaces?organization_id=${q(LAB)}`,
      body: { isPublic: true },
    }),
    expected: [403, 422, 403, 403, 403, 403],
  },
  {
    route: 'DELETE /accounts/{uuid}/workspaces/{workspaceId}',
    build: async (f) => ({ method: 'DELETE', path: `/accounts/${f.account}/workspaces/${q(LAB)}` }),
    expected: [403, 409, 403, 403, 403, 403],
  },
  {
    route: 'POST /compute-nodes',
    build: async (f) => ({
      method: 'POST',
      path: '/compute-nodes',
      body: { accountId: f.account, organizationId: LAB },
    }),
    expected: [403, 202, 202, 403, 403, 403],
  },
  {
    route: 'GET /compute-nodes?organization_id',
    build: async () => ({ method: 'GET', path: `/compute-nodes?organization_id=${q(LAB)}` }),
    expected: [200, 200, 200, 200, 200, 403],
  },
  { route: 'GET /compute-nodes/{id}', build: onOrgNode('GET', ''), expected: [200, 403, 200, 403, 200, 403] },
  { route: 'PUT /compute-nodes/{id}', build: onOrgNode('PUT', '', {}), expected: [202, 202, 202, 403, 403, 403] },
  {
    route: 'PATCH /compute-nodes/{id}',
    build: onOrgNode('PATCH', '', { name: 'x' }),
    expected: [200, 403, 200, 403, 403, 403],
  },
  { route: 'DELETE /compute-nodes/{id}', build: onOrgNode('DELETE', ''), expected: [202, 202, 202, 403, 403, 403] },
  {
    route: 'POST /compute-nodes/{id}/update-config',
    build: onOrgNode('POST', '/update-config', { maxGpuInstances: 1 }),
    expected: [202, 202, 202, 403, 403, 403],
  },
  {
    route: 'GET /compute-nodes/{id}/permissions',
    build: onOrgNode('GET', '/permissions'),
    expected: [200, 403, 200, 403, 200, 403],
  },
  {
    route: 'PUT /compute-nodes/{id}/permissions',
    build: onOrgNode('PUT', '/permissions', { accessScope: 'workspace' }),
    expected: [200, 403, 200, 403, 403, 403],
  },
  {
    route: 'POST /compute-nodes/{id}/permissions/users',
    build: onOrgNode('POST', '/permissions/users', { userId: userOf('member') }),
    expected: [201, 403, 201, 403, 403, 403],
  },
  {
    route: 'DELETE /compute-nodes/{id}/permissions/users/{userId}',
    build: onOrgNode('DELETE', `/permissions/users/${q(userOf('member'))}`),
    expected: [200, 403, 200, 403, 403, 403],
  },
  {
    route: 'POST /compute-nodes/{id}/permissions/teams',
    build: onOrgNode('POST', '/permissions/teams', { teamId: IMAGING }),
    expected: [201, 403, 201, 403, 403, 403],
  },
  {
    route: 'DELETE /compute-nodes/{id}/permissions/teams/{teamId}',
    build: onOrgNode('DELETE', `/permissions/teams/${q(IMAGING)}`),
    expected: [200, 403, 200, 403, 403, 403],
  },
  {
    route: 'POST /compute-nodes/{id}/organization (independent node)',
    build: async (f) => ({
      method: 'POST',
      path: `/compute-nodes/${await f.independentNode()}/organization?organization_id=${q(LAB)}`,
    }),
    expected: [200, 403, 403, 403, 403, 403],
  },
  {
    route: 'DELETE /compute-nodes/{id}/organization',
    build: onOrgNode('DELETE', '/organization'),
    expected: [403, 200, 403, 403, 403, 403],
  },
  // Routes 23–38: the node has a gateway; the emulated gateway writes to the account in moto.
  {
    route: 'PATCH /compute-nodes/{id}/secrets',
    build: onOrgNode('PATCH', '/secrets', { secrets: { API_TOKEN: 'v' } }),
    expected: [200, 403, 200, 403, 200, 403],
  },
  {
    route: 'GET /compute-nodes/{id}/secrets',
    build: onOrgNode('GET', '/secrets'),
    expected: [200, 403, 200, 403, 200, 403],
  },
  {
    route: 'DELETE /compute-nodes/{id}/secrets',
    build: onOrgNode('DELETE', '/secrets?key=API_TOKEN'),
    expected: [200, 403, 200, 403, 200, 403],
  },
  {
    route: 'PATCH /compute-nodes/{id}/shared-secrets',
    build: onOrgNode('PATCH', '/shared-secrets', { secrets: { API_TOKEN: 'v' } }),
    expected: [200, 403, 200, 403, 403, 403],
  },
  {
    route: 'GET /compute-nodes/{id}/shared-secrets',
    build: onOrgNode('GET', '/shared-secrets'),
    expected: [200, 403, 200, 403, 200, 403],
  },
  {
    route: 'DELETE /compute-nodes/{id}/shared-secrets',
    build: onOrgNode('DELETE', '/shared-secrets?deleteAll=true'),
    expected: [200, 403, 200, 403, 403, 403],
  },
  {
    route: 'PUT /compute-nodes/{id}/allowed-processors',
    build: onOrgNode('PUT', '/allowed-processors', { processors: ['p'] }),
    expected: [200, 403, 200, 403, 403, 403],
  },
  {
    route: 'GET /compute-nodes/{id}/allowed-processors',
    build: onOrgNode('GET', '/allowed-processors'),
    expected: [200, 403, 200, 403, 200, 403],
  },
  {
    route: 'PUT /compute-nodes/{id}/llm-config',
    build: onOrgNode('PUT', '/llm-config', { budgetUsd: 5, budgetPeriod: 'daily' }),
    expected: [200, 403, 200, 403, 403, 403],
  },
  {
    route: 'GET /compute-nodes/{id}/llm-config',
    build: onOrgNode('GET', '/llm-config'),
    expected: [200, 403, 200, 403, 403, 403],
  },
  {
    route: 'GET /compute-nodes/{id}/user-quotas',
    build: onOrgNode('GET', '/user-quotas'),
    expected: [200, 403, 200, 403, 403, 403],
  },
  {
    route: 'PUT /compute-nodes/{id}/user-quotas/{userId}',
    build: onOrgNode('PUT', `/user-quotas/${q(userOf('teamMember'))}`, { dailyCostUsd: 1 }),
    expected: [200, 403, 200, 403, 403, 403],
  },
  {
    route: 'GET /compute-nodes/{id}/user-quotas/me (no row)',
    build: onOrgNode('GET', '/user-quotas/me'),
    expected: [404, 403, 404, 403, 404, 403],
  },
  {
    route: 'GET /compute-nodes/{id}/user-quotas/__default__',
    build: onOrgNode('GET', '/user-quotas/__default__'),
    expected: [404, 403, 404, 403, 403, 403],
  },
  {
    route: 'DELETE /compute-nodes/{id}/user-quotas/{userId}',
    build: onOrgNode('DELETE', `/user-quotas/${q(userOf('teamMember'))}`),
    expected: [200, 403, 200, 403, 403, 403],
  },
  {
    route: 'GET /compute-nodes/{id}/user-quotas/me/effective',
    build: onOrgNode('GET', '/user-quotas/me/effective'),
    expected: [200, 403, 200, 403, 200, 403],
  },
  {
    route: 'GET /compute-nodes/{id}/user-quotas/__default__/effective',
    build: onOrgNode('GET', '/user-quotas/__default__/effective'),
    expected: [200, 403, 200, 403, 403, 403],
  },
  {
    route: 'GET /compute-nodes/{id}/user-usage/me',
    build: onOrgNode('GET', '/user-usage/me'),
    expected: [200, 403, 200, 403, 200, 403],
  },
  {
    route: 'POST /app-store/access',
    build: async (f) => ({
      method: 'POST',
      path: '/app-store/access',
      body: { accountId: f.awsAccountId, accountType: 'AWS' },
    }),
    expected: [403, 200, 403, 403, 403, 403],
  },
  {
    route: 'GET /gpu-tiers',
    build: async () => ({ method: 'GET', path: `/gpu-tiers?organization_id=${q(LAB)}` }),
    expected: [200, 200, 200, 200, 200, 403],
  },
  {
    route: 'GET /role-policy',
    build: async () => ({ method: 'GET', path: '/role-policy' }),
    expected: [200, 200, 200, 200, 200, 200],
  },
  {
    route: 'GET /interactive/jwks',
    build: async () => ({ method: 'GET', path: '/interactive/jwks' }),
    expected: [200, 200, 200, 200, 200, 200],
  },
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
  [
    'POST /compute-nodes/{id}/permissions/users',
    onOrgNode('POST', '/permissions/users', { userId: userOf('member') }),
    403,
  ],
  [
    'POST /compute-nodes',
    async (f) => ({ method: 'POST', path: '/compute-nodes', body: { accountId: f.account, organizationId: LAB } }),
    403,
  ],
  ['GET /compute-nodes/{id}/secrets', onOrgNode('GET', '/secrets'), 403],
  [
    'PUT /compute-nodes/{id}/llm-config',
    onOrgNode('PUT', '/llm-config', { budgetUsd: 1, budgetPeriod: 'monthly' }),
    403,
  ],
  ['GET /compute-nodes/{id}/user-quotas', onOrgNode('GET', '/user-quotas'), 403],
];

describe('sandbox API: authorization matrix', () => {
  let backend: TestBackend;
  let moto: MotoServer;
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
      orgNode: () =>
        seedNode(backend.store, {
          owner: 'nodeOwner',
          accountUuid: account,
          org: LAB,
          sharedWithTeam: IMAGING,
          awsAccountId,
          gatewayUrl: GATEWAY,
        }),
      independentNode: () => seedNode(backend.store, { owner: 'nodeOwner', accountUuid: account, awsAccountId }),
    };
  }

  before(async () => {
    moto = await startTestMoto();
    // The gateway acts in each fixture account through moto's STS (roles there are not checked: the
    // settings suite registers a real role and checks the trust policy).
    backend = await startTestBackend({
      awsEndpoint: moto.endpoint,
      assumeRole: async (account) => customerCredentials(moto.endpoint, account.accountId),
    });
    fixtures.public = await fixture(true);
    fixtures.private = await fixture(false);
  });
  after(async () => {
    await backend?.close();
    await moto?.stop();
  });

  const send = async (persona: Persona, req: Request) =>
    call(backend.url, req.method, req.path, { token: tokenOf(persona), body: req.body });

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
