// Resolving a command's target: the tree item it was invoked on, or a quick pick from the palette.

import * as vscode from 'vscode';
import type { Account } from '../api/accounts';
import type { ComputeNode } from '../api/computeNodes';
import { AccessGrantNode } from '../tree/accessGrantNode';
import { AccountNode } from '../tree/accountNode';
import { statusLook } from '../tree/capabilities';
import { ComputeNodeNode } from '../tree/computeNodeNode';
import { twinTag } from '../tree/nodeNames';
import type { ExplorerStore } from '../tree/explorerStore';
import { WorkspaceNode, WorkspacesNode } from '../tree/workspaceNode';
import { chooseOrType, type Picked } from './choosers';
import { formatApiTime } from '../util/time';
import { required, UserFacingError } from './commandRunner';
import type { CommandDeps } from './deps';

/** An account passed by another command (e.g. "Verify" offered after registering). */
function isAccount(arg: unknown): arg is Account {
  const a = arg as Partial<Account> | undefined;
  return typeof a?.uuid === 'string' && typeof a.accountId === 'string';
}

/** What resolving a target needs: the tree's data and the names. */
type Lookup = Pick<CommandDeps, 'people' | 'explorer'>;

/** The account a command was invoked on, or one the user picks. */
export async function resolveAccount(deps: Lookup, arg: unknown, title: string): Promise<Account> {
  const store = deps.explorer.store;
  if (arg instanceof AccountNode) return arg.resource;
  if (arg instanceof WorkspacesNode) return arg.parent.resource;
  if (arg instanceof ComputeNodeNode) return arg.parent.resource;
  if (isAccount(arg)) return arg;
  const data = await store.load();
  if (data.accounts.length === 0)
    throw new UserFacingError('No AWS account is registered yet: run "Pennsieve: Register AWS Account"');
  if (data.accounts.length === 1) return data.accounts[0]!;
  const items = data.accounts.map((a) => ({
    label: a.name || `AWS ${a.accountId}`,
    description: a.name ? a.accountId : undefined,
    detail: `${store.getNodes(a.uuid).length} compute nodes · role ${a.roleName ?? '—'}`,
    account: a,
  }));
  return required(await vscode.window.showQuickPick(items, { title, placeHolder: 'Choose an AWS account' })).account;
}

/** The compute node a command was invoked on, or one (matching `filter`) the user picks. */
export async function resolveComputeNode(
  deps: Lookup,
  arg: unknown,
  title: string,
  filter: (n: ComputeNode) => boolean = () => true,
): Promise<ComputeNode> {
  const store = deps.explorer.store;
  if (arg instanceof ComputeNodeNode) return arg.resource;
  if (arg instanceof AccessGrantNode) return arg.parent.resource;
  await store.load();
  const nodes = store.allNodes().filter(filter);
  if (nodes.length === 0) throw new UserFacingError(`${title}: no compute node can do this right now`);
  const items = nodes.map((n) => ({
    label: n.name,
    description: statusLook(n.status).label,
    detail: [
      n.deploymentMode ?? 'basic',
      n.organizationId ? deps.people.orgLabel(n.organizationId) : 'no workspace',
      createdText(store.getNodes(n.account.uuid), n),
    ]
      .filter(Boolean)
      .join(' · '),
    iconPath: new vscode.ThemeIcon(statusLook(n.status).icon),
    node: n,
  }));
  return required(
    await vscode.window.showQuickPick(items, { title, placeHolder: 'Choose a compute node', matchOnDetail: true }),
  ).node;
}

/** "created …": to the second (and the uuid's start) when another node has its name. */
function createdText(accountNodes: readonly ComputeNode[], n: ComputeNode): string | undefined {
  const when = formatApiTime(n.createdAt);
  return twinTag(accountNodes, n) ?? (when && `created ${when}`);
}

/** The workspace enablement a command was invoked on, or one the user picks. */
export async function resolveEnablement(
  deps: Lookup,
  arg: unknown,
  title: string,
): Promise<{ account: Account; organizationId: string }> {
  if (arg instanceof WorkspaceNode) return { account: arg.account, organizationId: arg.resource.organizationId };
  const account = await resolveAccount(deps, arg, title);
  const list = account.enabledWorkspaces ?? [];
  if (list.length === 0)
    throw new UserFacingError(`This account is not enabled for any workspace: ${account.accountId}`);
  const items = list.map((e) => ({
    label: deps.people.orgLabel(e.organizationId),
    description: e.isPublic ? 'public' : 'private',
    org: e.organizationId,
  }));
  return { account, organizationId: required(await vscode.window.showQuickPick(items, { title })).org };
}

const WORKSPACE_ID = {
  noun: 'workspace',
  pattern: /^N:organization:[0-9A-Za-z-]+$/,
  example: 'N:organization:<uuid>',
} as const;

/**
 * A workspace by name: one of `ids` (default: the caller's workspaces and those the tree knows),
 * or an id typed in. `last` is kept selected when asking again after a refusal (`problem`).
 */
export async function chooseWorkspace(
  deps: Pick<CommandDeps, 'people' | 'explorer'>,
  title: string,
  ids: readonly string[] | undefined,
  last: Picked | undefined,
  problem: string | undefined,
  exclude: ReadonlySet<string> = new Set(),
): Promise<Picked> {
  const all = ids ?? [
    ...new Set([...deps.people.organizations().map((o) => o.id), ...knownOrganizations(deps.explorer.store)]),
  ];
  const choices = all.filter((id) => !exclude.has(id)).map((id) => ({ id, label: deps.people.orgLabel(id) }));
  choices.sort((a, b) => a.label.localeCompare(b.label));
  return chooseOrType(title, WORKSPACE_ID, choices, last, problem);
}

/** Every workspace id the store knows about (enablements, nodes). */
export function knownOrganizations(store: ExplorerStore): string[] {
  const ids = new Set<string>();
  for (const a of store.current?.accounts ?? []) for (const e of a.enabledWorkspaces ?? []) ids.add(e.organizationId);
  for (const n of store.allNodes()) if (n.organizationId) ids.add(n.organizationId);
  return [...ids].sort();
}
