// The directory routes of Pennsieve's main API as the sandbox serves them from its identities file:
// GET /user, /organizations, a workspace's members and teams, a team's members.

import assert from 'node:assert/strict';
import type { Backend } from '../../../backend/src/app';
import { LAB_NAME, NAMES, startNamedBackend, TEAM_NAME } from '../../extension/support/namedIdentities';
import { call } from '../../../scripts/harness/backend/client';
import { ANNEX, IMAGING, LAB, PEOPLE, tokenOf, userOf } from '../../../scripts/harness/backend/identities';

describe('sandbox API: directory routes (main API)', () => {
  let backend: Backend;
  const get = (path: string, persona: Parameters<typeof tokenOf>[0] = 'acctOwner') =>
    call(backend.url, 'GET', path, { token: tokenOf(persona) });
  const org = (id: string, rest = '') => `/organizations/${encodeURIComponent(id)}${rest}`;

  before(async () => {
    backend = await startNamedBackend();
  });
  after(async () => {
    await backend?.close();
  });

  it('GET /user answers the caller as a UserDTO, with the first workspace as preferred', async () => {
    for (const path of ['/user', '/user/']) {
      const res = await get(path);
      assert.equal(res.status, 200);
      assert.deepEqual(res.json, {
        id: userOf('acctOwner'),
        intId: 2,
        email: NAMES.ann!.email,
        firstName: 'Ann',
        lastName: 'Lee',
        credential: '',
        color: '',
        url: '',
        authyId: 0,
        isSuperAdmin: false,
        isIntegrationUser: false,
        preferredOrganization: LAB,
      });
    }
  });

  it('falls back to the user key for a user without names, and leaves out a missing preferred workspace', async () => {
    const otto = (await get('/user', 'outsider')).json;
    assert.deepEqual(
      [otto.firstName, otto.lastName, otto.email, 'preferredOrganization' in otto],
      ['otto', '', '', false],
    );
  });

  it('GET /organizations lists the caller’s workspaces, expanded, with or without administrators', async () => {
    const res = await get('/organizations');
    assert.equal(res.status, 200);
    const byId = new Map(res.json.organizations.map((o: { organization: { id: string } }) => [o.organization.id, o]));
    assert.deepEqual([...byId.keys()].sort(), [LAB, ANNEX].sort());
    const lab = byId.get(LAB) as Record<string, any>;
    assert.deepEqual(lab.organization, {
      id: LAB,
      intId: 1,
      name: LAB_NAME,
      slug: 'lab',
      subscriptionState: 'FULL',
      encryptionKeyId: '',
      features: [],
    });
    assert.deepEqual(
      lab.administrators.map((u: { id: string }) => u.id),
      [userOf('admin')],
    );
    assert.deepEqual([lab.isAdmin, lab.isOwner, lab.isGuest], [false, false, false]);
    const annex = byId.get(ANNEX) as Record<string, any>;
    assert.equal(annex.organization.name, 'annex', 'a workspace without a name in the file is named by its key');
    assert.deepEqual(
      annex.owners.map((u: { id: string }) => u.id),
      [userOf('acctOwner')],
    );
    const lean = (await get('/organizations?includeAdmins=false')).json.organizations;
    assert.ok(
      lean.every(
        (o: { administrators: unknown[]; owners: unknown[] }) => o.administrators.length === 0 && o.owners.length === 0,
      ),
    );
    assert.deepEqual((await get('/organizations', 'outsider')).json, { organizations: [] });
  });

  it('GET /organizations/{id}/members lists members with their role; a non-member gets 403, an unknown workspace 404', async () => {
    const res = await get(org(LAB, '/members'), 'member');
    assert.equal(res.status, 200);
    const roles = Object.fromEntries(res.json.map((u: { id: string; role: string }) => [u.id, u.role]));
    assert.equal(roles[userOf('admin')], 'manager');
    assert.equal(roles[userOf('member')], 'viewer');
    assert.equal(roles[PEOPLE.expired.nodeId], 'editor');
    assert.ok(
      !res.json.some((u: { firstName: string }) => u.firstName === 'zed'),
      'a member without permission is not listed',
    );
    assert.deepEqual(
      [(await get(org(LAB, '/members'), 'outsider')).status, (await get(org(LAB, '/members'), 'outsider')).json],
      [403, { message: 'forbidden' }],
    );
    assert.equal((await get(org('N:organization:00000000-0000-4000-8000-000000000fff', '/members'))).status, 404);
  });

  it('GET /organizations/{id}/teams lists teams with their member count; a team and its members by id', async () => {
    const teams = await get(org(LAB, '/teams'), 'admin');
    assert.equal(teams.status, 200);
    assert.deepEqual(teams.json, [
      { team: { id: IMAGING, name: TEAM_NAME }, administrators: [], isAdmin: true, memberCount: 1 },
    ]);
    const one = await get(org(LAB, `/teams/${encodeURIComponent(IMAGING)}`));
    assert.deepEqual([one.status, one.json.team.name, one.json.isAdmin], [200, TEAM_NAME, false]);
    const members = await get(org(LAB, `/teams/${encodeURIComponent(IMAGING)}/members`));
    assert.deepEqual(
      members.json.map((u: { id: string; role?: string }) => [u.id, u.role]),
      [[userOf('teamMember'), undefined]],
    );
    assert.equal(
      (await get(org(ANNEX, `/teams/${encodeURIComponent(IMAGING)}`))).status,
      404,
      'a team of another workspace',
    );
  });

  it('asks for a token like every route', async () => {
    const res = await call(backend.url, 'GET', '/user');
    assert.deepEqual([res.status, res.json], [401, { message: 'Unauthorized' }]);
  });
});
