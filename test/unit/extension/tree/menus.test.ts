// The explorer's context menus, as package.json's `when` clauses offer them for the contextValues
// the tree sets: each row offers exactly the commands that work in its state (issue #12), and no
// entry meant for one kind of row leaks onto another.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { accessRows, accountContextValue, computeNodeContextValue } from '../../../../extension/src/tree/capabilities';
import { account, computeNode } from '../support/nodes';

interface MenuEntry {
  readonly command: string;
  readonly when: string;
}

const manifest = JSON.parse(readFileSync(join(__dirname, '../../../../package.json'), 'utf8')) as {
  contributes: { menus: Record<string, MenuEntry[]> };
};
const EXPLORER = manifest.contributes.menus['view/item/context']!.filter((e) =>
  e.when.includes('view == pennsieve.explorer'),
);

/** The commands the explorer's context menu (inline and `…`) offers on a row with `contextValue`. */
function offered(contextValue: string): string[] {
  const matches = (e: MenuEntry) => {
    const re = /viewItem =~ \/(.+)\/$/.exec(e.when);
    assert.ok(re, `a when clause this test can read: ${e.when}`);
    return new RegExp(re[1]!).test(contextValue);
  };
  return [...new Set(EXPLORER.filter(matches).map((e) => e.command.replace(/^pennsieve\./, '')))].sort();
}

const ORG = 'N:organization:o';
const SHARED = {
  nodeUuid: 'n',
  accessScope: 'shared',
  owner: 'N:user:owner',
  sharedWithUsers: ['N:user:mia'],
  sharedWithTeams: [],
  organizationId: ORG,
};
const UNSHARED = { ...SHARED, sharedWithUsers: [] };
const ACCOUNT_COMMANDS = [
  'accounts.audit',
  'accounts.enableWorkspace',
  'accounts.exportCloudFormation',
  'accounts.exportTerraform',
  'accounts.verify',
  'computeNodes.create',
  'copyId',
];

describe('extension tree menus (package.json when clauses)', () => {
  it('offers Revoke Pennsieve Access only on an account without nodes', () => {
    assert.deepEqual(offered(`${accountContextValue(account('a'), 2)} canCopyId`), ACCOUNT_COMMANDS);
    assert.deepEqual(
      offered(`${accountContextValue(account('a'), 0)} canCopyId`),
      [...ACCOUNT_COMMANDS, 'accounts.revoke'].sort(),
    );
  });

  it('offers Update Role to Latest Template only on an account whose role differs from the template', () => {
    const base = offered(`${accountContextValue(account('a'), 2)} canCopyId`);
    assert.ok(!base.includes('accounts.updateRole'), 'nothing known yet');
    assert.deepEqual(
      offered(`${accountContextValue(account('a'), 2, { verified: true, differs: false })} canCopyId`),
      base,
    );
    assert.deepEqual(
      offered(`${accountContextValue(account('a'), 2, { verified: true, differs: true })} canCopyId`),
      [...base, 'accounts.updateRole'].sort(),
    );
    const palette = manifest.contributes.menus.commandPalette!.find(
      (e) => e.command === 'pennsieve.accounts.updateRole',
    );
    assert.match(palette?.when ?? '', /\bpennsieve\.roleUpdateAvailable\b/, 'the palette hides it too');
  });

  it('offers nothing but Delete and Copy ID on a node in transition', () => {
    assert.deepEqual(
      offered(`${computeNodeContextValue(computeNode('n', 'Pending', { organizationId: ORG }))} canCopyId`),
      ['computeNodes.delete', 'copyId'],
    );
    assert.deepEqual(
      offered(`${computeNodeContextValue(computeNode('n', 'Destroying', { organizationId: ORG }))} canCopyId`),
      ['copyId'],
    );
  });

  it('offers Revoke Access on a node only once it shows a share', () => {
    const node = computeNode('n', 'Enabled', { organizationId: ORG });
    const settled = [
      'accessGrants.detachOrganization',
      'accessGrants.grantTeam',
      'accessGrants.grantUser',
      'accessGrants.setScope',
      'computeNodes.delete',
      'computeNodes.pause',
      'copyId',
    ];
    assert.deepEqual(offered(`${computeNodeContextValue(node)} canCopyId`), settled, 'access not loaded yet');
    assert.deepEqual(offered(`${computeNodeContextValue(node, UNSHARED)} canCopyId`), settled, 'no shares');
    assert.deepEqual(
      offered(`${computeNodeContextValue(node, SHARED)} canCopyId`),
      [...settled, 'accessGrants.revoke'].sort(),
    );
  });

  it('offers a share row its own Revoke Access, never the account’s Revoke Pennsieve Access', () => {
    const rows = accessRows(computeNode('n', 'Enabled', { organizationId: ORG }), SHARED);
    const user = rows.find((r) => r.kind === 'user')!;
    assert.deepEqual(offered(`${user.context} canCopyId`), ['accessGrants.revoke', 'copyId']);
    assert.deepEqual(offered(rows.find((r) => r.kind === 'owner')!.context), []);
    assert.deepEqual(offered(rows.find((r) => r.kind === 'organization')!.context), [
      'accessGrants.detachOrganization',
    ]);
  });

  it('offers Disable Workspace on a workspace row and Enable Workspace on the Workspaces folder', () => {
    assert.deepEqual(offered('workspace canDisable canCopyId'), ['accounts.disableWorkspace', 'copyId']);
    assert.deepEqual(offered('workspaces canEnableWorkspace'), ['accounts.enableWorkspace']);
    assert.deepEqual(offered('error canRetry'), ['explorer.refresh']);
    assert.deepEqual(offered('placeholder'), []);
  });
});
