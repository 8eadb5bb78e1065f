// Nodes that stand in for data: a failed load (click opens the log) and placeholders.

import * as vscode from 'vscode';
import type { TreeNode } from './treeNode';

/** "Failed to load … (click for details)": never an empty tree after an error. */
export class ErrorNode implements TreeNode {
  readonly id: string;
  constructor(
    readonly parent: TreeNode | undefined,
    private readonly what: string,
    readonly error: unknown,
  ) {
    this.id = `error:${parent?.id ?? 'root'}`;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(
      `Failed to load ${this.what} (click for details)`,
      vscode.TreeItemCollapsibleState.None,
    );
    item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
    item.tooltip = this.error instanceof Error ? this.error.message : String(this.error);
    item.contextValue = 'error canRetry';
    item.command = { command: 'pennsieve.log.show', title: 'Show Log' };
    return item;
  }
}

/** A hint row such as "No compute nodes yet", optionally running a command when clicked. */
export class PlaceholderNode implements TreeNode {
  readonly id: string;
  constructor(
    readonly parent: TreeNode | undefined,
    key: string,
    private readonly label: string,
    private readonly command?: vscode.Command,
    private readonly icon = 'info',
  ) {
    this.id = `placeholder:${parent?.id ?? 'root'}:${key}`;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.iconPath = new vscode.ThemeIcon(this.icon);
    item.contextValue = 'placeholder';
    item.command = this.command;
    return item;
  }
}
