// The Role Audit view: the last audit run's rows (auditReport.ts) as a tree. A finding opens the
// live role document at its range.

import * as vscode from 'vscode';
import { reportRows, type AuditRun, type ReportRow } from './auditReport';

export const AUDIT_VIEW_ID = 'pennsieve.audit';

class AuditProvider implements vscode.TreeDataProvider<ReportRow> {
  private run: AuditRun | undefined;
  /** Counts runs: each run's rows get fresh ids, so no expansion state carries over from the last. */
  private runs = 0;
  private readonly changed = new vscode.EventEmitter<undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  show(run: AuditRun | undefined): void {
    this.run = run;
    this.runs++;
    this.changed.fire(undefined);
  }

  getTreeItem(row: ReportRow): vscode.TreeItem {
    const expanded = row.key === 'findings' || row.key === 'drift';
    const state = row.children ? (expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed) : vscode.TreeItemCollapsibleState.None;
    const item = new vscode.TreeItem(row.label, state);
    item.id = `${this.runs}:${row.key}`;
    item.description = row.description;
    item.tooltip = row.tooltip ?? (row.description ? `${row.label}: ${row.description}` : row.label);
    item.iconPath = new vscode.ThemeIcon(row.icon);
    item.contextValue = `auditRow ${row.key.split(':')[0]}`;
    if (row.reveal && this.run) {
      const { start, end } = row.reveal;
      const selection = new vscode.Range(start.line, start.character, end.line, end.character);
      item.command = { command: 'vscode.open', title: 'Show in the live role', arguments: [vscode.Uri.parse(this.run.uri), { selection, preview: false }] };
    }
    return item;
  }

  getChildren(row?: ReportRow): ReportRow[] {
    if (!row) return this.run ? reportRows(this.run) : [];
    return row.children?.() ?? [];
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** The view and the run it shows. */
export class AuditView implements vscode.Disposable {
  private readonly provider = new AuditProvider();
  private readonly view = vscode.window.createTreeView(AUDIT_VIEW_ID, { treeDataProvider: this.provider, showCollapseAll: true });

  /** Shows `run` and brings the view forward (it starts collapsed in the Pennsieve container). */
  async show(run: AuditRun): Promise<void> {
    this.provider.show(run);
    await vscode.commands.executeCommand(`${AUDIT_VIEW_ID}.focus`);
  }

  dispose(): void {
    this.view.dispose();
    this.provider.dispose();
  }
}
