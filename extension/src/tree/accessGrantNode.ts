// A node's access as rows: scope, owner, shared users and teams, organization.

import * as vscode from 'vscode';
import type { AccessRow, AccessRowKind } from './capabilities';
import type { ComputeNodeNode } from './computeNodeNode';
import { NodeIds } from './nodeContext';
import type { TreeNode } from './treeNode';

const LOOK: Readonly<Record<AccessRowKind, { icon: string; description: string }>> = {
  scope: { icon: 'shield', description: 'access scope' },
  owner: { icon: 'account', description: 'owner' },
  user: { icon: 'person', description: 'shared with user' },
  team: { icon: 'organization', description: 'shared with team' },
  organization: { icon: 'briefcase', description: 'workspace' },
};

export class AccessGrantNode implements TreeNode {
  readonly id: string;

  constructor(
    readonly parent: ComputeNodeNode,
    public resource: AccessRow,
  ) {
    this.id = NodeIds.access(parent.resource.uuid, resource.kind, resource.value);
  }

  update(row: AccessRow): void {
    this.resource = row;
  }

  getTreeItem(): vscode.TreeItem {
    const r = this.resource;
    const label =
      r.kind === 'scope' ? `Scope: ${r.value}` : r.kind === 'organization' && !r.value ? 'No workspace (organization-independent)' : r.value;
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
    item.description = r.kind === 'scope' ? undefined : LOOK[r.kind].description;
    item.iconPath = new vscode.ThemeIcon(LOOK[r.kind].icon);
    item.contextValue = r.context;
    return item;
  }
}
