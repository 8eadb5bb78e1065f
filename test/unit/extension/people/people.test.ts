import assert from 'node:assert/strict';
import { ApiError } from '../../../../extension/src/api/client';
import type {
  DirectoryApi,
  DirectoryUser,
  ExpandedOrganization,
  TeamEntry,
} from '../../../../extension/src/api/directory';
import { displayNameOf, People } from '../../../../extension/src/people/people';

const LAB = 'N:organization:lab';
const GUESTED = 'N:organization:guested';
const ann: DirectoryUser = { id: 'N:user:ann', firstName: 'Ann', lastName: 'Lee', email: 'ann@x' };
const mia: DirectoryUser = { id: 'N:user:mia', firstName: '', lastName: '', email: 'mia@x' };

function fakeApi(calls: string[], over: Partial<DirectoryApi> = {}): DirectoryApi {
  const orgs: ExpandedOrganization[] = [
    { organization: { id: LAB, name: 'Neuro Lab' } },
    { organization: { id: GUESTED, name: 'Guest Place' }, isGuest: true },
  ];
  const teams: TeamEntry[] = [{ team: { id: 'N:team:img', name: 'Imaging' }, memberCount: 1 }];
  const api = {
    fetchCurrentUser: async () => (calls.push('user'), ann),
    fetchOrganizations: async () => (calls.push('orgs'), orgs),
    fetchMembers: async (org: string) => (calls.push(`members ${org}`), org === LAB ? [ann, mia] : []),
    fetchTeams: async (org: string) => {
      calls.push(`teams ${org}`);
      if (org === GUESTED) throw new ApiError('forbidden', 'forbidden');
      return teams;
    },
    fetchTeamMembers: async () => [],
    ...over,
  };
  return api as unknown as DirectoryApi;
}

const quietLog = () => {
  const lines: string[] = [];
  return { lines, debug: (m: string) => lines.push(`debug ${m}`), warn: (m: string) => lines.push(`warn ${m}`) };
};

describe('extension people/People', () => {
  it('names the caller, workspaces, members and teams after one load, in one pass per workspace', async () => {
    const calls: string[] = [];
    const people = new People(fakeApi(calls), quietLog());
    let changed = 0;
    people.onDidChange(() => changed++);
    await Promise.all([people.load(), people.load()]);
    assert.deepEqual(calls.sort(), [
      'members N:organization:guested',
      'members N:organization:lab',
      'orgs',
      'teams N:organization:guested',
      'teams N:organization:lab',
      'user',
    ]);
    assert.equal(changed, 1);
    assert.equal(people.currentUser?.id, ann.id);
    assert.equal(people.userLabel('N:user:ann'), 'Ann Lee');
    assert.equal(people.userLabel('N:user:mia'), 'mia@x', 'a member without a name goes by email');
    assert.equal(people.teamLabel('N:team:img'), 'Imaging');
    assert.equal(people.orgLabel(LAB), 'Neuro Lab');
    assert.deepEqual(
      people.organizations().map((o) => o.name),
      ['Guest Place', 'Neuro Lab'],
    );
  });

  it('falls back to the id for anything it cannot name, and never fails', async () => {
    const log = quietLog();
    const broken = fakeApi([], {
      fetchCurrentUser: async () => {
        throw new ApiError('network', 'api.pennsieve.io (ECONNREFUSED)');
      },
      fetchOrganizations: async () => {
        throw new ApiError('forbidden', 'forbidden');
      },
    });
    const people = new People(broken, log);
    await people.load();
    assert.equal(people.currentUser, undefined);
    assert.equal(people.userLabel('N:user:zed'), 'N:user:zed');
    assert.equal(people.orgLabel(LAB), LAB);
    assert.equal(people.teamLabel('N:team:x'), 'N:team:x');
    assert.equal(log.lines.filter((l) => l.startsWith('warn')).length, 2);
  });

  it('forgets everything on reset, and ignores answers that arrive after it', async () => {
    let release: () => void = () => undefined;
    const slow = fakeApi([], { fetchCurrentUser: () => new Promise<DirectoryUser>((r) => (release = () => r(ann))) });
    const people = new People(slow, quietLog());
    const first = people.load();
    people.reset();
    release();
    await first;
    assert.equal(people.currentUser, undefined, 'the answer for the previous sign-in is dropped');
  });

  it('reads "First Last", then the email', () => {
    assert.equal(displayNameOf({ firstName: ' Ann ', lastName: 'Lee' }), 'Ann Lee');
    assert.equal(displayNameOf({ firstName: '', lastName: '', email: 'x@y' }), 'x@y');
    assert.equal(displayNameOf({}), undefined);
  });
});
