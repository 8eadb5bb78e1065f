// Routes 15–22: node permissions, user/team grants and revocations, organization attach/detach.

import assert from 'node:assert/strict';
import { call } from '../../../scripts/harness/backend/client';
import { startTestBackend, type TestBackend } from '../../../scripts/harness/backend/backend';
import { enableWorkspace, registerAccount, seedNode } from '../../../scripts/harness/backend/fixtures';
import { IMAGING, LAB, tokenOf, userOf, type Persona } from '../../../scripts/harness/backend/identities';

describe('sandbox API: permissions and organizations (routes 15–22)', () => {
  let backend: TestBackend;
  let url: string;
  let account: string;
  before(async () => {
    backend = await startTestBackend();
    url = backend.url;
    account = await registerAccount(url, 'acctOwner');
    await enableWorkspace(url, 'acctOwner', account, LAB, { isPublic: true });
  });
  after(async () => {
    await backend?.close();
  });

  const as = (persona: Persona) => ({ token: tokenOf(persona) });
  const perms = (node: string, persona: Persona = 'nodeOwner') =>
    call(url, 'GET', `/compute-nodes/${node}/permissions`, as(persona));
  const setScope = (node: string, body: unknown, persona: Persona = 'nodeOwner') =>
    call(url, 'PUT', `/compute-nodes/${node}/permissions`, { ...as(persona), body });
  const orgNode = () => seedNode(backend.store, { owner: 'nodeOwner', accountUuid: account, org: LAB });
  const independentNode = () => seedNode(backend.store, { owner: 'nodeOwner', accountUuid: account });

  describe('GET and PUT /compute-nodes/{id}/permissions', () => {
    it("GET answers production's shape, leaving empty share lists out", async () => {
      const node = await orgNode();
      const res = await perms(node);
      assert.equal(res.status, 200);
      assert.deepEqual(res.json, {
        nodeUuid: node,
        accessScope: 'private',
        owner: userOf('nodeOwner'),
        organizationId: LAB,
        organizationIndependent: false,
      });
      const independent = await perms(await independentNode());
      assert.equal(independent.json.organizationIndependent, true);
      assert.ok(!('organizationId' in independent.json));
    });

    it('GET answers 404 "error no records found" and 403 "forbidden"', async () => {
      assert.deepEqual((await perms('nope')).json, { message: 'error no records found' });
      const denied = await perms(await orgNode(), 'member');
      assert.deepEqual([denied.status, denied.json], [403, { message: 'forbidden' }]);
    });

    it('PUT sets workspace, shared and private scope and keeps shares unless the scope is private', async () => {
      const node = await orgNode();
      assert.equal(
        (
          await call(url, 'POST', `/compute-nodes/${node}/permissions/users`, {
            ...as('nodeOwner'),
            body: { userId: userOf('member') },
          })
        ).status,
        201,
      );
      const ws = await setScope(node, { accessScope: 'workspace' });
      assert.equal(ws.status, 200);
      assert.equal(ws.json.accessScope, 'workspace');
      assert.deepEqual(ws.json.sharedWithUsers, [userOf('member')]);
      assert.equal((await perms(node, 'teamMember')).status, 200, 'workspace scope lets every member in');
      const shared = await setScope(node, { accessScope: 'shared' });
      assert.equal(shared.json.accessScope, 'shared');
      assert.deepEqual(shared.json.sharedWithUsers, [userOf('member')]);
      const lists = await setScope(node, { accessScope: 'shared', sharedWithTeams: [IMAGING] });
      assert.deepEqual(lists.json.sharedWithTeams, [IMAGING]);
      assert.ok(!('sharedWithUsers' in lists.json), 'the lists replace the shares');
      const priv = await setScope(node, { accessScope: 'private' });
      assert.deepEqual(priv.json, {
        nodeUuid: node,
        accessScope: 'private',
        owner: userOf('nodeOwner'),
        organizationId: LAB,
        organizationIndependent: false,
      });
    });

    it("PUT validates in production's order", async () => {
      const node = await orgNode();
      assert.deepEqual(
        (await call(url, 'PUT', `/compute-nodes/${node}/permissions`, { ...as('nodeOwner'), rawBody: 'x' })).json,
        { message: 'error unmarshaling body' },
      );
      assert.deepEqual((await setScope(node, { accessScope: 'public' })).json, { message: 'invalid access scope' });
      assert.deepEqual((await setScope('nope', { accessScope: 'private' })).json, { message: 'not found' });
      const denied = await setScope(node, { accessScope: 'private' }, 'acctOwner');
      assert.deepEqual([denied.status, denied.json], [403, { message: 'only owner can change permissions' }]);
      const independent = await setScope(await independentNode(), { accessScope: 'workspace' });
      assert.deepEqual(
        [independent.status, independent.json],
        [400, { message: 'organization-independent nodes cannot be shared' }],
      );
      const unknown = await setScope(node, { accessScope: 'shared', sharedWithUsers: ['N:user:nobody'] });
      assert.deepEqual([unknown.status, unknown.json], [400, { error: 'User N:user:nobody does not exist' }]);
    });
  });

  describe('grants and revocations', () => {
    it('grants a user (201) and a team, then revokes them (200), idempotently', async () => {
      const node = await orgNode();
      const grant = await call(url, 'POST', `/compute-nodes/${node}/permissions/users`, {
        ...as('nodeOwner'),
        body: { userId: userOf('member') },
      });
      assert.equal(grant.status, 201);
      assert.deepEqual(grant.json, {
        message: `Successfully granted access to user ${userOf('member')}`,
        nodeUuid: node,
        action: 'granted',
        entityType: 'user',
        entityId: userOf('member'),
      });
      assert.equal((await call(url, 'GET', `/compute-nodes/${node}`, as('member'))).status, 200);
      const team = await call(url, 'POST', `/compute-nodes/${node}/permissions/teams`, {
        ...as('admin'),
        body: { teamId: IMAGING },
      });
      assert.equal(team.status, 201);
      assert.equal(team.json.entityType, 'team');
      assert.equal((await perms(node, 'teamMember')).json.accessScope, 'shared');
      const revoke = await call(
        url,
        'DELETE',
        `/compute-nodes/${node}/permissions/users/${encodeURIComponent(userOf('member'))}`,
        as('nodeOwner'),
      );
      assert.equal(revoke.status, 200);
      assert.equal(revoke.json.action, 'revoked');
      assert.equal(revoke.json.message, `Successfully revoked access from user ${userOf('member')}`);
      assert.equal(
        (
          await call(
            url,
            'DELETE',
            `/compute-nodes/${node}/permissions/users/${encodeURIComponent(userOf('member'))}`,
            as('nodeOwner'),
          )
        ).status,
        200,
      );
      assert.equal(
        (
          await call(
            url,
            'DELETE',
            `/compute-nodes/${node}/permissions/teams/${encodeURIComponent(IMAGING)}`,
            as('nodeOwner'),
          )
        ).status,
        200,
      );
      assert.equal((await call(url, 'GET', `/compute-nodes/${node}`, as('member'))).status, 403);
    });

    it('checks grants in production\'s order, with the {"error"} shapes', async () => {
      const node = await orgNode();
      const g = (body: unknown, persona: Persona = 'nodeOwner', id = node, kind = 'users') =>
        call(url, 'POST', `/compute-nodes/${id}/permissions/${kind}`, { ...as(persona), body });
      assert.deepEqual((await g({})).json, { message: 'missing user id' });
      assert.deepEqual((await g({}, 'nodeOwner', node, 'teams')).json, { message: 'missing team id' });
      assert.deepEqual((await g({ userId: userOf('member') }, 'nodeOwner', 'nope')).json, { message: 'not found' });
      assert.deepEqual((await g({ userId: userOf('member') }, 'member')).json, {
        message: 'only owner can change permissions',
      });
      const independent = await g({ userId: userOf('member') }, 'nodeOwner', await independentNode());
      assert.deepEqual(
        [independent.status, independent.json],
        [400, { message: 'organization-independent nodes cannot be shared' }],
      );
      const ghost = await g({ userId: 'N:user:ghost' });
      assert.deepEqual([ghost.status, ghost.json], [400, { error: 'User N:user:ghost does not exist' }]);
      const ghostTeam = await g({ teamId: 'N:team:ghost' }, 'nodeOwner', node, 'teams');
      assert.deepEqual([ghostTeam.status, ghostTeam.json], [400, { error: 'Team N:team:ghost does not exist' }]);
      // The target need not be an organization member.
      assert.equal((await g({ userId: userOf('outsider') })).status, 201);
    });

    it('answers 403 {"error": …} when the caller left the node\'s workspace', async () => {
      // A node in an organization its owner does not belong to: reachable only by editing records.
      const node = await seedNode(backend.store, { owner: 'outsider', accountUuid: account, org: LAB });
      const res = await call(url, 'POST', `/compute-nodes/${node}/permissions/users`, {
        ...as('outsider'),
        body: { userId: userOf('member') },
      });
      assert.equal(res.status, 403);
      assert.match(res.json.error, /^You are not a member of the workspace where this node belongs\./);
    });

    it('refuses to revoke the owner', async () => {
      const node = await orgNode();
      const res = await call(
        url,
        'DELETE',
        `/compute-nodes/${node}/permissions/users/${encodeURIComponent(userOf('nodeOwner'))}`,
        as('nodeOwner'),
      );
      assert.deepEqual([res.status, res.json], [400, { message: 'cannot revoke access from owner' }]);
    });
  });

  describe('organization attach and detach', () => {
    const attach = (node: string, persona: Persona, org = LAB) =>
      call(url, 'POST', `/compute-nodes/${node}/organization?organization_id=${encodeURIComponent(org)}`, as(persona));
    const detach = (node: string, persona: Persona) =>
      call(url, 'DELETE', `/compute-nodes/${node}/organization`, as(persona));

    it('attaches an independent node once (the owner), then the account owner detaches it', async () => {
      const node = await independentNode();
      assert.deepEqual((await attach(node, 'acctOwner')).json, { message: 'forbidden' });
      const res = await attach(node, 'nodeOwner');
      assert.equal(res.status, 200);
      assert.deepEqual(res.json, {
        message: 'Successfully attached node to organization',
        nodeUuid: node,
        action: 'attached_to_organization',
        entityType: 'organization',
        entityId: LAB,
      });
      assert.equal((await call(url, 'GET', `/compute-nodes/${node}`, as('nodeOwner'))).json.organizationId, LAB);
      const again = await attach(node, 'nodeOwner');
      assert.deepEqual(
        [again.status, again.json],
        [400, { message: 'cannot attach node that already belongs to an organization' }],
      );
      await setScope(node, { accessScope: 'workspace' });
      assert.deepEqual((await detach(node, 'nodeOwner')).json, { message: 'only the account owner can detach nodes' });
      const out = await detach(node, 'acctOwner');
      assert.equal(out.status, 200);
      assert.deepEqual(out.json, {
        message: 'Successfully detached node from organization',
        nodeUuid: node,
        action: 'detached_from_organization',
        entityType: 'organization',
        entityId: '',
      });
      const after = await perms(node);
      assert.deepEqual(after.json, {
        nodeUuid: node,
        accessScope: 'private',
        owner: userOf('nodeOwner'),
        organizationIndependent: true,
      });
      const list = await call(url, 'GET', '/compute-nodes', as('nodeOwner'));
      assert.ok(
        list.json.some((n: { uuid: string }) => n.uuid === node),
        'an independent node is listed for its owner again',
      );
      assert.deepEqual((await detach(node, 'acctOwner')).json, {
        message: 'organization-independent nodes cannot be shared',
      });
    });

    it('answers 404 for a missing node and 403 at the gateway for a non-member', async () => {
      assert.deepEqual((await attach('nope', 'nodeOwner')).json, { message: 'not found' });
      assert.deepEqual((await detach('nope', 'acctOwner')).json, { message: 'not found' });
      const gate = await attach(await independentNode(), 'outsider');
      assert.deepEqual([gate.status, gate.json], [403, { message: 'Forbidden' }]);
    });
  });
});
