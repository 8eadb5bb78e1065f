// An account's workspace enablements: a folder, and one row per enabled workspace.

import * as vscode from 'vscode';
import type { Account, WorkspaceEnablement } from '../api/accounts';
import type { People } from '../people/people';
import { escapeMarkdown } from '../util/markdown';
import { formatApiTime } from '../util/time';
import type { AccountNode } from './accountNode';
import { PlaceholderNode } from './messageNodes';
import { NodeIds, type NodeContext } from './nodeContext';
import type { TreeNode } from './treeNode';

export class WorkspacesNode implements TreeNode {
  readonly id: string;

  constructor(
    private readonly ctx: NodeContext,
    public parent: AccountNode,
  ) {
    this.id = NodeIds.workspaces(parent.resource.uuid);
  }

  update(parent: AccountNode): void {
    this.parent = parent;
  }

  private get enablements(): readonly WorkspaceEnablement[] {
    return this.parent.resource.enabledWorkspaces ?? [];
  }

  getTreeItem(): vscode.TreeItem {
    const n = this.enablements.length;
    const item = new vscode.TreeItem('Workspaces', vscode.TreeItemCollapsibleState.Collapsed);
    item.description = n === 0 ? 'none enabled' : `${n} enabled`;
    item.iconPath = new vscode.ThemeIcon('organization');
    item.contextValue = 'workspaces canEnableWorkspace';
    return item;
  }

  async getChildren(): Promise<TreeNode[]> {
    const account = this.parent.resource;
    if (this.enablements.length === 0) {
      const enable = {
        command: 'pennsieve.accounts.enableWorkspace',
        title: 'Enable Workspace',
        arguments: [this.parent],
      };
      return [new PlaceholderNode(this, 'empty', 'Not enabled for any workspace: enable one', enable, 'add')];
    }
    return this.enablements.map((e) =>
      this.ctx.provider.reuse(
        NodeIds.workspace(account.uuid, e.organizationId),
        () => new WorkspaceNode(this, account, e, this.ctx.people),
        (x) => x.update(account, e),
      ),
    );
  }
}

export class WorkspaceNode implements TreeNode {
  readonly id: string;

  constructor(
    readonly parent: WorkspacesNode,
    public account: Account,
    public resource: WorkspaceEnablement,
    private readonly people: People,
  ) {
    this.id = NodeIds.workspace(account.uuid, resource.organizationId);
  }

  update(account: Account, resource: WorkspaceEnablement): void {
    this.account = account;
    this.resource = resource;
  }

  /** The workspace id, for Copy ID. */
  get copyableId(): { readonly what: string; readonly id: string } {
    return { what: 'workspace', id: this.resource.organizationId };
  }

  getTreeItem(): vscode.TreeItem {
    const e = this.resource;
    const item = new vscode.TreeItem(this.people.orgLabel(e.organizationId), vscode.TreeItemCollapsibleState.None);
    const uses =
      [e.enableCompute && 'compute', e.enableStorage && 'storage'].filter(Boolean).join(' + ') || 'nothing enabled';
    item.description = `${e.isPublic ? 'public' : 'private'} · ${uses}`;
    item.iconPath = new vscode.ThemeIcon(e.isPublic ? 'globe' : 'lock');
    item.contextValue = 'workspace canDisable canCopyId';
    return item;
  }

  getTooltip(): vscode.MarkdownString {
    const e = this.resource;
    const md = new vscode.MarkdownString(undefined, true);
    md.appendMarkdown(
      `**Workspace** ${escapeMarkdown(this.people.orgLabel(e.organizationId))}  \nid \`${e.organizationId}\`\n\n`,
    );
    const by = e.enabledBy ? `${escapeMarkdown(this.people.userLabel(e.enabledBy))} (\`${e.enabledBy}\`)` : 'unknown';
    md.appendMarkdown(`Enabled ${formatApiTime(e.enabledAt) ?? ''} by ${by}`);
    return md;
  }
}
