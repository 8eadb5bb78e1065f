// Who may use a node: access scope, user and team shares (picked by name from the node's
// workspace), and the node's workspace. A refused request asks again with the answer kept.

import * as vscode from 'vscode';
import { ACCESS_SCOPES, type AccessScope, type Grantee } from '../api/accessGrants';
import type { ComputeNode } from '../api/computeNodes';
import { AccessGrantNode } from '../tree/accessGrantNode';
import { isIndependent } from '../tree/capabilities';
import { chooseOrType, teamChoices, untilAccepted, userChoices, type Choice, type Picked } from './choosers';
import { registerCommand, required, UserFacingError } from './commandRunner';
import type { CommandDeps } from './deps';
import { chooseWorkspace, resolveComputeNode } from './pickers';

const settled = (n: ComputeNode) => n.status !== 'Pending' && n.status !== 'Destroying';
const shareable = (n: ComputeNode) => settled(n) && !isIndependent(n);

const SCOPE_DETAIL: Readonly<Record<AccessScope, string>> = {
  private: 'Only the owner (and users or teams it is shared with)',
  workspace: 'Every member of the node’s workspace',
  shared: 'The owner and the users and teams it is shared with',
};

const ID_FORMAT: Readonly<Record<Grantee['kind'], { noun: string; pattern: RegExp; example: string }>> = {
  user: { noun: 'user', pattern: /^N:user:[0-9A-Za-z-]+$/, example: 'N:user:<uuid>' },
  team: { noun: 'team', pattern: /^N:team:[0-9A-Za-z-]+$/, example: 'N:team:<uuid>' },
};

async function setScope(deps: CommandDeps, arg: unknown): Promise<void> {
  const title = 'Set Access Scope';
  const node = await resolveComputeNode(deps, arg, title, shareable);
  const current = (await deps.api.accessGrants.fetchPermissions(node.uuid)).accessScope;
  const items = ACCESS_SCOPES.map((s) => ({
    label: s,
    description: s === current ? 'current' : undefined,
    detail: SCOPE_DETAIL[s],
    scope: s,
  }));
  const scope = required(
    await vscode.window.showQuickPick(items, {
      title: `${title}: ${node.name}`,
      placeHolder: 'Changing the scope may remove existing user and team shares',
    }),
  ).scope;
  if (scope === current) return;
  deps.explorer.refreshComputeNode(node.uuid, await deps.api.accessGrants.setAccessScope(node.uuid, scope));
  void vscode.window.setStatusBarMessage(`Pennsieve: ${node.name} is now ${scope}`, 4000);
}

/** The people or teams of the node's workspace it is not shared with yet (undefined: unknown). */
async function candidates(deps: CommandDeps, node: ComputeNode, kind: Grantee['kind']): Promise<Choice[] | undefined> {
  const org = node.organizationId!;
  const [p, choices] = await Promise.all([
    deps.api.accessGrants.fetchPermissions(node.uuid),
    kind === 'user'
      ? deps.people.members(org).then((l) => l && userChoices(l, deps.people))
      : deps.people.teamsOf(org).then((l) => l && teamChoices(l)),
  ]);
  if (!choices) return undefined;
  const taken = new Set([...p.sharedWithUsers, ...p.sharedWithTeams, p.owner, deps.people.currentUser?.id]);
  return choices.filter((c) => !taken.has(c.id));
}

async function grant(deps: CommandDeps, arg: unknown, kind: Grantee['kind']): Promise<void> {
  const title = kind === 'user' ? 'Share with User' : 'Share with Team';
  const node = await resolveComputeNode(deps, arg, title, shareable);
  const choices = await candidates(deps, node, kind);
  let picked: Picked | undefined;
  await untilAccepted(async (problem) => {
    picked = await chooseOrType(`${title}: ${node.name}`, ID_FORMAT[kind], choices, picked, problem);
    await deps.api.accessGrants.grant(node.uuid, { kind, id: picked.id });
  }, deps.log);
  deps.explorer.refreshComputeNode(node.uuid, await deps.api.accessGrants.fetchPermissions(node.uuid));
  void vscode.window.setStatusBarMessage(`Pennsieve: shared ${node.name} with ${picked!.label}`, 4000);
}

function granteeLabel(deps: CommandDeps, g: Grantee): string {
  return g.kind === 'user' ? deps.people.userLabel(g.id) : deps.people.teamLabel(g.id);
}

async function pickShare(deps: CommandDeps, node: ComputeNode, title: string): Promise<Grantee> {
  const p = await deps.api.accessGrants.fetchPermissions(node.uuid);
  const items = [
    ...p.sharedWithUsers.map((id) => ({
      label: deps.people.userLabel(id),
      description: 'user',
      grantee: { kind: 'user' as const, id },
    })),
    ...p.sharedWithTeams.map((id) => ({
      label: deps.people.teamLabel(id),
      description: 'team',
      grantee: { kind: 'team' as const, id },
    })),
  ];
  if (items.length === 0) throw new UserFacingError(`The node is not shared with any user or team: ${node.name}`);
  return required(
    await vscode.window.showQuickPick(items, {
      title: `${title}: ${node.name}`,
      placeHolder: 'Whose access to revoke',
    }),
  ).grantee;
}

async function revoke(deps: CommandDeps, arg: unknown): Promise<void> {
  const title = 'Revoke Access';
  let node: ComputeNode;
  let grantee: Grantee;
  if (arg instanceof AccessGrantNode && (arg.resource.kind === 'user' || arg.resource.kind === 'team')) {
    node = arg.parent.resource;
    grantee = { kind: arg.resource.kind, id: arg.resource.value };
  } else {
    node = await resolveComputeNode(deps, arg, title, settled);
    grantee = await pickShare(deps, node, title);
  }
  const who = granteeLabel(deps, grantee);
  const go = 'Revoke';
  const answer = await vscode.window.showWarningMessage(
    `Revoke ${who}'s access to ${node.name}?`,
    {
      modal: true,
      detail: `${grantee.kind === 'user' ? 'They' : 'Its members'} can no longer run work on the node. You can share it again later.`,
    },
    go,
  );
  if (answer !== go) return;
  await deps.api.accessGrants.revoke(node.uuid, grantee);
  deps.explorer.refreshComputeNode(node.uuid, await deps.api.accessGrants.fetchPermissions(node.uuid));
  void vscode.window.setStatusBarMessage(`Pennsieve: revoked ${who}'s access to ${node.name}`, 4000);
}

async function attach(deps: CommandDeps, arg: unknown): Promise<void> {
  const title = 'Attach to Workspace';
  const node = await resolveComputeNode(deps, arg, title, (n) => settled(n) && isIndependent(n));
  const account = deps.explorer.store.findAccount(node.account.uuid);
  const enabled = (account?.enabledWorkspaces ?? []).filter((e) => e.enableCompute).map((e) => e.organizationId);
  let picked: Picked | undefined;
  await untilAccepted(async (problem) => {
    picked = await chooseWorkspace(
      deps,
      `${title}: ${node.name}`,
      enabled.length ? enabled : undefined,
      picked,
      problem,
    );
    await deps.api.accessGrants.attachOrganization(node.uuid, picked.id);
  }, deps.log);
  deps.explorer.showComputeNode(await deps.api.computeNodes.fetchComputeNode(node.uuid));
  deps.explorer.refreshComputeNode(node.uuid);
  void vscode.window.showInformationMessage(`Attached ${node.name} to workspace ${picked!.label}`);
}

async function detach(deps: CommandDeps, arg: unknown): Promise<void> {
  const title = 'Detach from Workspace';
  const node = await resolveComputeNode(deps, arg, title, shareable);
  const workspace = deps.people.orgLabel(node.organizationId!);
  const go = 'Detach';
  const answer = await vscode.window.showWarningMessage(
    `Detach ${node.name} from workspace ${workspace}?`,
    { modal: true, detail: 'Every user, team and workspace share is removed; the node becomes private to its owner.' },
    go,
  );
  if (answer !== go) return;
  await deps.api.accessGrants.detachOrganization(node.uuid);
  deps.explorer.showComputeNode(await deps.api.computeNodes.fetchComputeNode(node.uuid));
  deps.explorer.refreshComputeNode(node.uuid);
  void vscode.window.showInformationMessage(
    `Detached ${node.name} from ${workspace}: it is now private and organization-independent`,
  );
}

export function registerAccessGrantCommands(deps: CommandDeps): vscode.Disposable[] {
  const { log } = deps;
  return [
    registerCommand(log, 'pennsieve.accessGrants.setScope', 'Set access scope', (arg) => setScope(deps, arg)),
    registerCommand(log, 'pennsieve.accessGrants.grantUser', 'Share with user', (arg) => grant(deps, arg, 'user')),
    registerCommand(log, 'pennsieve.accessGrants.grantTeam', 'Share with team', (arg) => grant(deps, arg, 'team')),
    registerCommand(log, 'pennsieve.accessGrants.revoke', 'Revoke access', (arg) => revoke(deps, arg)),
    registerCommand(log, 'pennsieve.accessGrants.attachOrganization', 'Attach to workspace', (arg) =>
      attach(deps, arg),
    ),
    registerCommand(log, 'pennsieve.accessGrants.detachOrganization', 'Detach from workspace', (arg) =>
      detach(deps, arg),
    ),
  ];
}
