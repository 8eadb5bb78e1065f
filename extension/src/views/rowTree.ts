// One tree view over report rows (views/reportRow.ts): each new report gets fresh item ids, so no
// expansion state carries over from the last; a row with a range opens its document there.

import * as vscode from 'vscode';
import type { ReportRow } from './reportRow';

class RowProvider implements vscode.TreeDataProvider<ReportRow> {
  private rows: readonly ReportRow[] = [];
  private uri: string | undefined;
  private generation = 0;
  private readonly changed = new vscode.EventEmitter<undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  show(rows: readonly ReportRow[], uri: string | undefined): void {
    this.rows = rows;
    this.uri = uri;
    this.generation++;
    this.changed.fire(undefined);
  }

  getTreeItem(row: ReportRow): vscode.TreeItem {
    const state = !row.children
      ? vscode.TreeItemCollapsibleState.None
      : row.expanded
        ? vscode.TreeItemCollapsibleState.Expanded
        : vscode.TreeItemCollapsibleState.Collapsed;
    const item = new vscode.TreeItem(row.label, state);
    item.id = `${this.generation}:${row.key}`;
    item.description = row.description;
    item.tooltip = row.tooltip ?? (row.description ? `${row.label}: ${row.description}` : row.label);
    item.iconPath = new vscode.ThemeIcon(row.icon);
    item.contextValue = `reportRow ${row.key.split(':')[0]}`;
    const uri = row.revealUri ?? this.uri;
    if (row.reveal && uri) {
      const { start, end } = row.reveal;
      const selection = new vscode.Range(start.line, start.character, end.line, end.character);
      item.command = {
        command: 'vscode.open',
        title: 'Show',
        arguments: [vscode.Uri.parse(uri), { selection, preview: false }],
      };
    }
    return item;
  }

  getChildren(row?: ReportRow): ReportRow[] {
    return row ? (row.children?.() ?? []) : [...this.rows];
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** A tree view showing one report at a time. */
export class RowTreeView implements vscode.Disposable {
  private readonly provider = new RowProvider();
  readonly view: vscode.TreeView<ReportRow>;

  constructor(readonly viewId: string) {
    this.view = vscode.window.createTreeView(viewId, { treeDataProvider: this.provider, showCollapseAll: true });
  }

  /** Shows `rows`; `uri` is the document their ranges are in; `message` replaces an empty tree. */
  show(rows: readonly ReportRow[], uri?: string, message?: string): void {
    this.provider.show(rows, uri);
    this.view.message = rows.length ? undefined : message;
  }

  dispose(): void {
    this.view.dispose();
    this.provider.dispose();
  }
}
