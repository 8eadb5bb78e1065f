// A node's access as rows: scope, owner, shared users and teams, workspace. People, teams and
// workspaces show by name; their ids are in the tooltip and behind Copy ID.

import * as vscode from 'vscode';
import type { People } from '../people/people';
import { escapeMarkdown } from '../util/markdown';
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

/** The row's label: a name where the row stands for a person, team or workspace. */
export function accessRowLabel(r: AccessRow, people: People): string {
  switch (r.kind) {
    case 'scope':
      return `Scope: ${r.value}`;
    case 'owner':
    case 'user':
      return people.userLabel(r.value);
    case 'team':
      return people.teamLabel(r.value);
    case 'organization':
      return r.value ? people.orgLabel(r.value) : 'No workspace (organization-independent)';
  }
}

export class AccessGrantNode implements TreeNode {
  readonly id: string;

  constructor(
    readonly parent: ComputeNodeNode,
    public resource: AccessRow,
    private readonly people: People,
  ) {
    this.id = NodeIds.access(parent.resource.uuid, resource.kind, resource.value);
  }

  update(row: AccessRow): void {
    this.resource = row;
  }

  /** The user, team or workspace id, for Copy ID (none for the scope row). */
  get copyableId(): { readonly what: string; readonly id: string } | undefined {
    const r = this.resource;
    if (r.kind === 'scope' || !r.value) return undefined;
    return { what: r.kind === 'owner' ? 'user' : r.kind === 'organization' ? 'workspace' : r.kind, id: r.value };
  }

  getTreeItem(): vscode.TreeItem {
    const r = this.resource;
    const item = new vscode.TreeItem(accessRowLabel(r, this.people), vscode.TreeItemCollapsibleState.None);
    item.description = r.kind === 'scope' ? undefined : LOOK[r.kind].description;
    item.iconPath = new vscode.ThemeIcon(LOOK[r.kind].icon);
    item.contextValue = this.copyableId ? `${r.context} canCopyId` : r.context;
    return item;
  }

  getTooltip(): vscode.MarkdownString | string {
    const r = this.resource;
    if (r.kind === 'scope' || !r.value) return accessRowLabel(r, this.people);
    const md = new vscode.MarkdownString(undefined, true);
    md.appendMarkdown(`**${escapeMarkdown(accessRowLabel(r, this.people))}** — ${LOOK[r.kind].description}  \n`);
    const email = r.kind === 'user' || r.kind === 'owner' ? this.people.userEmail(r.value) : undefined;
    if (email) md.appendMarkdown(`${escapeMarkdown(email)}  \n`);
    md.appendMarkdown(`id \`${r.value}\``);
    return md;
  }
}
