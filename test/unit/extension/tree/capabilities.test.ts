import assert from 'node:assert/strict';
import {
  accessRows,
  accountContextValue,
  computeNodeContextValue,
  computeNodeDescription,
  statusLook,
} from '../../../../extension/src/tree/capabilities';
import { account, computeNode } from '../support/nodes';

const ORG = 'N:organization:o';
const words = (s: string) => s.split(' ');
const has = (s: string, w: string) => new RegExp(`\\b${w}\\b`).test(s);

describe('extension tree/capabilities', () => {
  it('offers revoke only for an account without nodes', () => {
    assert.ok(has(accountContextValue(account('a'), 0), 'canRevoke'));
    assert.ok(!has(accountContextValue(account('a'), 1), 'canRevoke'));
    assert.ok(has(accountContextValue(account('a', { status: 'Paused' }), 0), 'paused'));
  });

  const cases: [string, string, string[]][] = [
    ['Pending', ORG, ['canDelete']],
    ['Enabled', ORG, ['canDelete', 'canPause', 'canSetScope', 'canGrant', 'canDetach']],
    ['Paused', ORG, ['canDelete', 'canResume', 'canSetScope', 'canGrant', 'canDetach']],
    ['Failed', ORG, ['canDelete', 'canPause', 'canSetScope', 'canGrant', 'canDetach']],
    ['Destroying', ORG, []],
    ['Enabled', '', ['canDelete', 'canPause', 'canAttach']],
  ];
  for (const [status, org, expected] of cases) {
    it(`a ${status} node${org ? '' : ' without a workspace'} allows ${expected.join(', ') || 'nothing'}`, () => {
      const value = computeNodeContextValue(computeNode('u', status, { organizationId: org || undefined }));
      assert.deepEqual(
        words(value).filter((w) => w.startsWith('can')),
        expected,
      );
      assert.ok(value.startsWith(`computeNode status${status}`));
    });
  }

  it('has a ThemeIcon for every status, spinning while Pending', () => {
    assert.equal(statusLook('Pending').icon, 'loading~spin');
    for (const s of ['Enabled', 'Paused', 'Failed', 'Destroying']) assert.notEqual(statusLook(s).icon, 'question');
    assert.equal(statusLook('Weird').icon, 'question');
    assert.equal(computeNodeDescription(computeNode('u', 'Enabled', { deploymentMode: 'secure' })), 'Enabled · secure');
  });

  it('turns permissions into rows: scope, owner, users, teams, organization', () => {
    const rows = accessRows(computeNode('u', 'Enabled', { organizationId: ORG }), {
      nodeUuid: 'u',
      accessScope: 'shared',
      owner: 'N:user:o',
      sharedWithUsers: ['N:user:b'],
      sharedWithTeams: ['N:team:t'],
    });
    assert.deepEqual(
      rows.map((r) => `${r.kind}=${r.value} [${r.context}]`),
      [
        'scope=shared [accessScope canSetScope]',
        'owner=N:user:o [accessOwner]',
        'user=N:user:b [accessUser canRevoke]',
        'team=N:team:t [accessTeam canRevoke]',
        `organization=${ORG} [accessOrganization canDetach]`,
      ],
    );
    const independent = accessRows(computeNode('u', 'Enabled'), {
      nodeUuid: 'u',
      accessScope: 'private',
      owner: 'N:user:o',
      sharedWithUsers: [],
      sharedWithTeams: [],
    });
    assert.deepEqual(
      independent.map((r) => r.context),
      ['accessScope', 'accessOwner', 'accessOrganization canAttach'],
    );
  });
});
