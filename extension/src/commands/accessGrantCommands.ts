// Who may use a node: access scope, user and team shares, and the node's workspace.

import * as vscode from 'vscode';
import { ACCESS_SCOPES, type AccessScope, type Grantee } from '../api/accessGrants';
import type { ComputeNode } from '../api/computeNodes';
import { AccessGrantNode } from '../tree/accessGrantNode';
import { isIndependent } from '../tree/capabilities';
import { registerCommand, required, UserFacingError } from './commandRunner';
import type { CommandDeps } from './deps';
import { knownOrganizations, pickOrganization, resolveComputeNode } from './pickers';

const settled = (n: ComputeNode) => n.status !== 'Pending' && n.status !== 'Destroying';
const shareable = (n: ComputeNode) => settled(n) && !isIndependent(n);

const SCOPE_DETAIL: Readonly<Record<AccessScope, string>> = {
  private: 'Only the owner (and users or teams it is shared with)',
  workspace: 'Every member of the node’s workspace',
  shared: 'The owner and the users and teams it is shared with',
};

async function setScope(deps: CommandDeps, arg: unknown): Promise<void> {
  const title = 'Set Access Scope';
  const node = await resolveComputeNode(deps.explorer.store, arg, title, shareable);
  const current = (await deps.api.accessGrants.fetchPermissions(node.uuid)).accessScope;
  const items = ACCESS_SCOPES.map((s) => ({ label: s, description: s === current ? 'current' : undefined, detail: SCOPE_DETAIL[s], scope: s }));
  const scope = required(
    await vscode.window.showQuickPick(items, { title: `${title}: ${node.name}`, placeHolder: 'Changing the scope may remove existing user and team shares' }),
  ).scope;
  if (scope === current) return;
  await deps.api.accessGrants.setAccessScope(node.uuid, scope);
  deps.explorer.refreshComputeNode(node.uuid);
  void vscode.window.setStatusBarMessage(`Pennsieve: ${node.name} is now ${scope}`, 4000);
}

const ID_PATTERN: Readonly<Record<Grantee['kind'], RegExp>> = {
  user: /^N:user:[0-9A-Za-z-]+$/,
  team: /^N:team:[0-9A-Za-z-]+$/,
};

async function grant(deps: CommandDeps, arg: unknown, kind: Grantee['kind']): Promise<void> {
  const title = kind === 'user' ? 'Share with User' : 'Share with Team';
  const node = await resolveComputeNode(deps.explorer.store, arg, title, shareable);
  const id = await vscode.window.showInputBox({
    title: `${title}: ${node.name}`,
    prompt: `The ${kind}'s Pennsieve node id`,
    placeHolder: `N:${kind}:00000000-0000-0000-0000-000000000000`,
    ignoreFocusOut: true,
    validateInput: (v) => (ID_PATTERN[kind].test(v.trim()) ? undefined : `Expected N:${kind}:<uuid>`),
  });
  const grantee = { kind, id: required(id).trim() };
  await deps.api.accessGrants.grant(node.uuid, grantee);
  deps.explorer.refreshComputeNode(node.uuid);
  void vscode.window.setStatusBarMessage(`Pennsieve: shared ${node.name} with ${grantee.id}`, 4000);
}

async function revoke(deps: CommandDeps, arg: unknown): Promise<void> {
  const title = 'Revoke Access';
  let node: ComputeNode;
  let grantee: Grantee;
  if (arg instanceof AccessGrantNode && (arg.resource.kind === 'user' || arg.resource.kind === 'team')) {
    node = arg.parent.resource;
    grantee = { kind: arg.resource.kind, id: arg.resource.value };
  } else {
    node = await resolveComputeNode(deps.explorer.store, arg, title, settled);
    const p = await deps.api.accessGrants.fetchPermissions(node.uuid);
    const items = [
      ...p.sharedWithUsers.map((id) => ({ label: id, description: 'user', grantee: { kind: 'user' as const, id } })),
      ...p.sharedWithTeams.map((id) => ({ label: id, description: 'team', grantee: { kind: 'team' as const, id } })),
    ];
    if (items.length === 0) throw new UserFacingError(`The node is not shared with any user or team: ${node.name}`);
    grantee = required(await vscode.window.showQuickPick(items, { title: `${title}: ${node.name}` })).grantee;
  }
  const go = 'Revoke';
  const answer = await vscode.window.showWarningMessage(
    `Revoke ${grantee.kind} ${grantee.id}'s access to ${node.name}?`,
    { modal: true, detail: 'They can no longer run work on the node. You can share it with them again later.' },
    go,
  );
  if (answer !== go) return;
  await deps.api.accessGrants.revoke(node.uuid, grantee);
  deps.explorer.refreshComputeNode(node.uuid);
  void vscode.window.setStatusBarMessage(`Pennsieve: revoked ${grantee.id} from ${node.name}`, 4000);
}

async function attach(deps: CommandDeps, arg: unknown): Promise<void> {
  const title = 'Attach to Workspace';
  const node = await resolveComputeNode(deps.explorer.store, arg, title, (n) => settled(n) && isIndependent(n));
  const account = deps.explorer.store.findAccount(node.account.uuid);
  const enabled = (account?.enabledWorkspaces ?? []).filter((e) => e.enableCompute).map((e) => e.organizationId);
  const org = await pickOrganization(enabled.length ? enabled : knownOrganizations(deps.explorer.store), `${title}: ${node.name}`);
  await deps.api.accessGrants.attachOrganization(node.uuid, org);
  deps.explorer.showComputeNode(await deps.api.computeNodes.fetchComputeNode(node.uuid));
  deps.explorer.refreshComputeNode(node.uuid);
  void vscode.window.showInformationMessage(`Attached ${node.name} to workspace ${org}`);
}

async function detach(deps: CommandDeps, arg: unknown): Promise<void> {
  const title = 'Detach from Workspace';
  const node = await resolveComputeNode(deps.explorer.store, arg, title, shareable);
  const go = 'Detach';
  const answer = await vscode.window.showWarningMessage(
    `Detach ${node.name} from workspace ${node.organizationId}?`,
    { modal: true, detail: 'Every user, team and workspace share is removed; the node becomes private to its owner.' },
    go,
  );
  if (answer !== go) return;
  await deps.api.accessGrants.detachOrganization(node.uuid);
  deps.explorer.showComputeNode(await deps.api.computeNodes.fetchComputeNode(node.uuid));
  deps.explorer.refreshComputeNode(node.uuid);
  void vscode.window.showInformationMessage(`Detached ${node.name}: it is now private and organization-independent`);
}

export function registerAccessGrantCommands(deps: CommandDeps): vscode.Disposable[] {
  const { log } = deps;
  return [
    registerCommand(log, 'pennsieve.accessGrants.setScope', 'Set access scope', (arg) => setScope(deps, arg)),
    registerCommand(log, 'pennsieve.accessGrants.grantUser', 'Share with user', (arg) => grant(deps, arg, 'user')),
    registerCommand(log, 'pennsieve.accessGrants.grantTeam', 'Share with team', (arg) => grant(deps, arg, 'team')),
    registerCommand(log, 'pennsieve.accessGrants.revoke', 'Revoke access', (arg) => revoke(deps, arg)),
    registerCommand(log, 'pennsieve.accessGrants.attachOrganization', 'Attach to workspace', (arg) => attach(deps, arg)),
    registerCommand(log, 'pennsieve.accessGrants.detachOrganization', 'Detach from workspace', (arg) => detach(deps, arg)),
  ];
}
