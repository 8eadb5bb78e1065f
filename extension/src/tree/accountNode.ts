// The explorer's root (the caller's accounts) and an account: its workspace enablements and
// its compute nodes.

import * as vscode from 'vscode';
import type { Account } from '../api/accounts';
import { escapeMarkdown } from '../util/markdown';
import { maskSecret } from '../util/mask';
import { accountContextValue } from './capabilities';
import { ComputeNodeNode } from './computeNodeNode';
import { PlaceholderNode } from './messageNodes';
import { NodeIds, type NodeContext } from './nodeContext';
import { roleStatusWords } from './roleStatus';
import type { RootNode } from './treeProvider';
import type { TreeNode } from './treeNode';
import { WorkspacesNode } from './workspaceNode';

/** The top level: nothing while signed out (the welcome view shows instead), else accounts. */
export class ExplorerRoot implements RootNode {
  readonly childrenLabel = 'accounts';
  constructor(private readonly ctx: NodeContext) {}

  async getChildren(): Promise<TreeNode[]> {
    if (!this.ctx.isSignedIn()) return [];
    const data = await this.ctx.store.load();
    return data.accounts.map((a) =>
      this.ctx.provider.reuse(
        NodeIds.account(a.uuid),
        () => new AccountNode(this.ctx, a),
        (n) => n.update(a),
      ),
    );
  }
}

export class AccountNode implements TreeNode {
  readonly id: string;
  readonly parent = undefined;
  readonly childrenLabel: string;

  constructor(
    private readonly ctx: NodeContext,
    public resource: Account,
  ) {
    this.id = NodeIds.account(resource.uuid);
    this.childrenLabel = `the nodes of account ${resource.accountId}`;
  }

  update(account: Account): void {
    this.resource = account;
  }

  /** The account's Pennsieve id, for Copy ID. */
  get copyableId(): { readonly what: string; readonly id: string } {
    return { what: 'account', id: this.resource.uuid };
  }

  getTreeItem(): vscode.TreeItem {
    const a = this.resource;
    const nodes = this.ctx.store.getNodes(a.uuid);
    const item = new vscode.TreeItem(a.name || `AWS ${a.accountId}`, vscode.TreeItemCollapsibleState.Expanded);
    item.description = [
      a.name ? a.accountId : undefined,
      `${nodes.length} node${nodes.length === 1 ? '' : 's'}`,
      a.status === 'Paused' ? 'paused' : undefined,
      ...roleStatusWords(this.ctx.roles.get(a.uuid)),
    ]
      .filter(Boolean)
      .join(' · ');
    item.iconPath = new vscode.ThemeIcon('cloud');
    item.contextValue = `${accountContextValue(a, nodes.length, this.ctx.roles.get(a.uuid))} canCopyId`;
    return item;
  }

  getTooltip(): vscode.MarkdownString {
    const a = this.resource;
    const md = new vscode.MarkdownString(undefined, true);
    md.appendMarkdown(`**AWS account** \`${a.accountId}\`\n\n`);
    if (a.userId) {
      const owner = this.ctx.people.userName(a.userId);
      md.appendMarkdown(
        `Registered by ${owner ? `${escapeMarkdown(owner)} (\`${a.userId}\`)` : `\`${a.userId}\``}\n\n`,
      );
    }
    md.appendMarkdown(`Role: \`${a.roleName ?? '—'}\`\n\n`);
    md.appendMarkdown(`External ID: ${a.externalId ? `\`${maskSecret(a.externalId)}\`` : 'none'}\n\n`);
    const role = roleStatusWords(this.ctx.roles.get(a.uuid));
    if (role.length) md.appendMarkdown(`This session: ${role.join(', ')}\n\n`);
    md.appendMarkdown(`Status: ${a.status ?? 'Enabled'} · Pennsieve id \`${a.uuid}\``);
    return md;
  }

  async getChildren(): Promise<TreeNode[]> {
    const a = this.resource;
    const workspaces = this.ctx.provider.reuse(
      NodeIds.workspaces(a.uuid),
      () => new WorkspacesNode(this.ctx, this),
      (n) => n.update(this),
    );
    const nodes = this.ctx.store.getNodes(a.uuid).map((n) =>
      this.ctx.provider.reuse(
        NodeIds.computeNode(n.uuid),
        () => new ComputeNodeNode(this.ctx, n, this),
        (x) => x.update(n),
      ),
    );
    if (nodes.length > 0) return [workspaces, ...nodes];
    const create = { command: 'pennsieve.computeNodes.create', title: 'Create Compute Node', arguments: [this] };
    return [workspaces, new PlaceholderNode(this, 'empty', 'No compute nodes yet: create one', create, 'add')];
  }
}
