// The one node abstraction of the explorer: the API model on `resource`, the view in getTreeItem.

import type * as vscode from 'vscode';

export interface TreeNode {
  /** Unique, stable composite id (`node:<uuid>`); also the TreeItem id. */
  readonly id: string;
  readonly parent?: TreeNode;
  /** What getChildren loads, for the error node: "accounts", "access of node-1". */
  readonly childrenLabel?: string;
  getTreeItem(): vscode.TreeItem;
  /** Built only when the row is hovered, so a long list sends no tooltips up front. */
  getTooltip?(): vscode.MarkdownString | string;
  getChildren?(): Promise<TreeNode[]>;
}
