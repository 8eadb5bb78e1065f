// The extension's directory client and name cache against the real sandbox over HTTP: the caller,
// workspaces, members and teams by name; ids without a name stay ids; sign-in labels with the name.

import assert from 'node:assert/strict';
import type { Backend } from '../../../backend/src/app';
import { ApiClient } from '../../../extension/src/api/client';
import { DirectoryApi, directoryBaseUrl } from '../../../extension/src/api/directory';
import { newConnection } from '../../../extension/src/auth/connection';
import { StaticTokenSource } from '../../../extension/src/auth/tokenSource';
import { validateConnection } from '../../../extension/src/auth/validateConnection';
import { People } from '../../../extension/src/people/people';
import { ANNEX, IMAGING, LAB, tokenOf, userOf, type Persona } from '../../../scripts/harness/backend/identities';
import { LAB_NAME, startNamedBackend, TEAM_NAME } from '../support/namedIdentities';
import { logLines } from '../support/sandboxClient';

describe('extension directory client against the sandbox', () => {
  let backend: Backend;
  const directory = (persona: Persona) =>
    new DirectoryApi(
      new ApiClient({ baseUrl: () => backend.url, tokens: new StaticTokenSource(tokenOf(persona)), log: logLines() }),
    );
  const quiet = { debug: () => undefined, warn: () => undefined };

  before(async () => {
    backend = await startNamedBackend();
  });
  after(async () => {
    await backend?.close();
  });

  it('finds the main API beside the compute API: another host in production, the same sandbox', () => {
    assert.equal(
      directoryBaseUrl('https://api2.pennsieve.io/compute/resources', 'pennsieve'),
      'https://api.pennsieve.io',
    );
    assert.equal(
      directoryBaseUrl('https://api2.pennsieve.net/compute/resources/', 'pennsieve'),
      'https://api.pennsieve.net',
    );
    assert.equal(directoryBaseUrl('http://127.0.0.1:8787/', 'sandbox'), 'http://127.0.0.1:8787');
  });

  it('reads the caller, their workspaces, members and teams in the documented shapes', async () => {
    const api = directory('acctOwner');
    assert.deepEqual(await api.fetchCurrentUser(), {
      id: userOf('acctOwner'),
      intId: 2,
      email: 'ann@lab.example',
      firstName: 'Ann',
      lastName: 'Lee',
      preferredOrganization: LAB,
    });
    assert.deepEqual((await api.fetchOrganizations()).map((o) => o.organization.name).sort(), ['Neuro Lab', 'annex']);
    assert.ok((await api.fetchMembers(LAB)).some((u) => u.id === userOf('member') && u.role === 'viewer'));
    assert.deepEqual(
      (await api.fetchTeams(LAB)).map((t) => [t.team.id, t.team.name, t.memberCount]),
      [[IMAGING, TEAM_NAME, 1]],
    );
    assert.deepEqual(
      (await api.fetchTeamMembers(LAB, IMAGING)).map((u) => u.firstName),
      ['Tess'],
    );
  });

  it('names everything the caller can see and leaves the rest as ids, without an error', async () => {
    const people = new People(directory('acctOwner'), quiet);
    await people.load();
    assert.equal(people.userLabel(userOf('member')), 'Mia Chen');
    assert.equal(people.userLabel(userOf('outsider')), userOf('outsider'), 'not in any of the caller’s workspaces');
    assert.equal(people.orgLabel(LAB), LAB_NAME);
    assert.equal(people.orgLabel(ANNEX), 'annex');
    assert.equal(people.teamLabel(IMAGING), TEAM_NAME);
    const outsider = new People(directory('outsider'), quiet);
    await outsider.load();
    assert.deepEqual([outsider.organizations(), outsider.orgLabel(LAB)], [[], LAB]);
  });

  it('labels a sandbox sign-in with the user’s name', async () => {
    const connection = await validateConnection(
      newConnection({ mode: 'sandbox', baseUrl: backend.url, token: tokenOf('admin') }),
      { log: logLines() },
    );
    assert.equal(connection.label, 'Adam Ruiz');
  });
});
