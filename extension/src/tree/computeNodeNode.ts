// A compute node: status icon, capability words, and its access (loaded when expanded).

import * as vscode from 'vscode';
import type { ComputeNode } from '../api/computeNodes';
import { AccessGrantNode } from './accessGrantNode';
import type { AccountNode } from './accountNode';
import { accessRows, computeNodeContextValue, computeNodeDescription, statusLook } from './capabilities';
import { PlaceholderNode } from './messageNodes';
import { NodeIds, type NodeContext } from './nodeContext';
import type { TreeNode } from './treeNode';

export class ComputeNodeNode implements TreeNode {
  readonly id: string;

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

  getTreeItem(): vscode.TreeItem {
    const n = this.resource;
    const look = statusLook(n.status);
    const item = new vscode.TreeItem(n.name || n.identifier || n.uuid, vscode.TreeItemCollapsibleState.Collapsed);
    item.description = computeNodeDescription(n);
    item.iconPath = new vscode.ThemeIcon(look.icon, look.color ? new vscode.ThemeColor(look.color) : undefined);
    item.contextValue = computeNodeContextValue(n);
    return item;
  }

  getTooltip(): vscode.MarkdownString {
    return tooltip(this.resource, statusLook(this.resource.status).label);
  }

  async getChildren(): Promise<TreeNode[]> {
    const n = this.resource;
    if (n.status === 'Destroying') return [new PlaceholderNode(this, 'destroying', 'Being destroyed: access no longer applies', undefined, 'trash')];
    const permissions = await this.ctx.api.accessGrants.fetchPermissions(n.uuid);
    return accessRows(n, permissions).map((row) =>
      this.ctx.provider.reuse(NodeIds.access(n.uuid, row.kind, row.value), () => new AccessGrantNode(this, row), (x) => x.update(row)),
    );
  }
}

function tooltip(n: ComputeNode, status: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`**${escape(n.name)}** — ${status}\n\n`);
  if (n.statusReason) md.appendMarkdown(`> ${escape(n.statusReason)}\n\n`);
  const rows: [string, string | undefined][] = [
    ['Identifier', n.identifier],
    ['Deployment mode', n.deploymentMode ?? 'basic'],
    ['GPU tier', n.gpuTier ? `${n.gpuTier} (max ${n.maxGpuInstances ?? 0} instances)` : undefined],
    ['LLM access', n.enableLLMAccess ? 'on' : 'off'],
    ['Workspace', n.organizationId || 'none (organization-independent)'],
    ['Owner', n.ownerId],
    ['Health', n.healthStatus],
    ['Created', n.createdAt],
    ['Pennsieve id', n.uuid],
  ];
  for (const [k, v] of rows) if (v) md.appendMarkdown(`${k}: \`${v}\`  \n`);
  return md;
}

function escape(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (c) => `\\${c}`);
}
