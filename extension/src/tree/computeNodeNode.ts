// A compute node: status icon, capability words, and its access (loaded when expanded).

import * as vscode from 'vscode';
import type { NodePermissions } from '../api/accessGrants';
import type { ComputeNode } from '../api/computeNodes';
import type { People } from '../people/people';
import { escapeMarkdown } from '../util/markdown';
import { formatApiTime } from '../util/time';
import { AccessGrantNode } from './accessGrantNode';
import type { AccountNode } from './accountNode';
import { accessRows, computeNodeContextValue, computeNodeDescription, statusLook } from './capabilities';
import { PlaceholderNode } from './messageNodes';
import { twinTag } from './nodeNames';
import { NodeIds, type NodeContext } from './nodeContext';
import type { TreeNode } from './treeNode';
import { settingsGroupFor } from '../views/settingsTree';

export class ComputeNodeNode implements TreeNode {
  readonly id: string;
  /** The node's access, once known (it decides whether Revoke Access is offered), and when it was read. */
  private permissions: NodePermissions | undefined;
  private permissionsAt = 0;

  constructor(
    private readonly ctx: NodeContext,
    public resource: ComputeNode,
    public parent: AccountNode,
  ) {
    this.id = NodeIds.computeNode(resource.uuid);
  }

  get childrenLabel(): string {
    return `the access of ${this.resource.name}`;
  }

  update(node: ComputeNode, parent?: AccountNode): void {
    this.resource = node;
    if (parent) this.parent = parent;
  }

  /** Access a command just read: the row's menu shows it at once, and the children reuse it. */
  setPermissions(permissions: NodePermissions): void {
    this.permissions = permissions;
    this.permissionsAt = Date.now();
  }

  /** The node's uuid, for Copy ID. */
  get copyableId(): { readonly what: string; readonly id: string } {
    return { what: 'compute node', id: this.resource.uuid };
  }

  getTreeItem(): vscode.TreeItem {
    const n = this.resource;
    const look = statusLook(n.status);
    const item = new vscode.TreeItem(n.name || n.identifier || n.uuid, vscode.TreeItemCollapsibleState.Collapsed);
    // Two nodes may share a name (the API allows it): their creation time tells them apart.
    item.description = [computeNodeDescription(n), twinTag(this.ctx.store.getNodes(n.account.uuid), n)]
      .filter(Boolean)
      .join(' · ');
    item.iconPath = new vscode.ThemeIcon(look.icon, look.color ? new vscode.ThemeColor(look.color) : undefined);
    item.contextValue = `${computeNodeContextValue(n, this.permissions)} canCopyId`;
    return item;
  }

  getTooltip(): vscode.MarkdownString {
    return tooltip(this.resource, statusLook(this.resource.status).label, this.ctx.people);
  }

  async getChildren(): Promise<TreeNode[]> {
    const n = this.resource;
    if (n.status === 'Destroying')
      return [new PlaceholderNode(this, 'destroying', 'Being destroyed: access no longer applies', undefined, 'trash')];
    // The workspace's members and teams give the rows their names (cached after the first time).
    const fresh = this.permissions && Date.now() - this.permissionsAt < FRESH_MS ? this.permissions : undefined;
    const [permissions] = await Promise.all([
      fresh ?? this.ctx.api.accessGrants.fetchPermissions(n.uuid),
      n.organizationId ? this.ctx.people.members(n.organizationId) : undefined,
    ]);
    const hadShares = hasShares(this.permissions);
    this.setPermissions(permissions);
    // Revoke Access is offered once shares are known to exist: re-render the row's menu words.
    if (hasShares(permissions) !== hadShares) setTimeout(() => this.ctx.provider.refresh(this), 0);
    return [
      ...accessRows(n, permissions).map((row) =>
        this.ctx.provider.reuse(
          NodeIds.access(n.uuid, row.kind, row.value),
          () => new AccessGrantNode(this, row, this.ctx.people),
          (x) => x.update(row),
        ),
      ),
      ...settingsGroupFor(this, this.ctx, n),
    ];
  }
}

/** Access read this recently is not read again when the rows are built. */
const FRESH_MS = 2000;

function hasShares(p: NodePermissions | undefined): boolean {
  return !!p && p.sharedWithUsers.length + p.sharedWithTeams.length > 0;
}

function gpuText(n: ComputeNode): string | undefined {
  if (n.maxGpuInstances === 0) return 'no GPU';
  return n.gpuTier ? `${n.gpuTier} (max ${n.maxGpuInstances ?? 0} instances)` : undefined;
}

/** "Name (`id`)", or the id alone when there is no name. */
function named(name: string | undefined, id: string): string {
  return name ? `${escapeMarkdown(name)} (\`${id}\`)` : `\`${id}\``;
}

function tooltip(n: ComputeNode, status: string, people: People): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`**${escapeMarkdown(n.name)}** — ${status}\n\n`);
  if (n.statusReason) md.appendMarkdown(`> ${escapeMarkdown(n.statusReason)}\n\n`);
  const rows: [string, string | undefined][] = [
    [
      'Workspace',
      n.organizationId ? named(people.orgName(n.organizationId), n.organizationId) : 'none (organization-independent)',
    ],
    ['Owner', n.ownerId ? named(people.userName(n.ownerId), n.ownerId) : undefined],
    ['Created', n.createdAt ? escapeMarkdown(formatApiTime(n.createdAt)!) : undefined],
    ['Deployment mode', n.deploymentMode ?? 'basic'],
    ['GPU', gpuText(n)],
    ['LLM access', n.enableLLMAccess ? 'on' : 'off'],
    ['Health', n.healthStatus],
    ['Identifier', n.identifier && `\`${n.identifier}\``],
    ['Pennsieve id', `\`${n.uuid}\``],
  ];
  for (const [k, v] of rows) if (v) md.appendMarkdown(`${k}: ${v}  \n`);
  return md;
}
