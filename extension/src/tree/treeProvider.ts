// The one generic TreeDataProvider: delegates to nodes, keeps node instances by composite id
// (so a single node can be refreshed), and turns a failed load into an error node.

import * as vscode from 'vscode';
import type { Log } from '../log';
import { ErrorNode } from './messageNodes';
import type { TreeNode } from './treeNode';

export interface RootNode {
  readonly childrenLabel: string;
  getChildren(): Promise<TreeNode[]>;
}

export class TreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  private readonly nodes = new Map<string, TreeNode>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(
    private readonly root: RootNode,
    private readonly log: Log,
  ) {}

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const item = node.getTreeItem();
    item.id = node.id;
    return item;
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    try {
      const started = performance.now();
      const children = node ? ((await node.getChildren?.()) ?? []) : await this.root.getChildren();
      for (const c of children) this.nodes.set(c.id, c);
      if (children.length >= 100) {
        this.log.info(
          `Built ${children.length} rows under ${node?.id ?? 'the root'} in ${(performance.now() - started).toFixed(0)} ms`,
        );
      }
      return children;
    } catch (err) {
      const what = node ? (node.childrenLabel ?? 'items') : this.root.childrenLabel;
      this.log.error(`Failed to load ${what}`, err, { reveal: false });
      return [new ErrorNode(node, what, err)];
    }
  }

  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    if (node.getTooltip) item.tooltip = node.getTooltip();
    return item;
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  /** The node shown under `id`, if the view has loaded it. */
  find<T extends TreeNode>(id: string): T | undefined {
    return this.nodes.get(id) as T | undefined;
  }

  /** The existing instance for `id` (updated), or a new one: VS Code tracks nodes by identity. */
  reuse<T extends TreeNode>(id: string, create: () => T, update: (node: T) => void): T {
    const existing = this.nodes.get(id) as T | undefined;
    if (existing) {
      update(existing);
      return existing;
    }
    const node = create();
    this.nodes.set(id, node);
    return node;
  }

  /** Re-renders one node and reloads its children; without a node, the whole tree. */
  refresh(node?: TreeNode): void {
    if (!node) this.nodes.clear();
    this.changed.fire(node);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
