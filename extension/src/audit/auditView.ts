// The Role Audit view: the last audit run's rows (auditReport.ts). A finding or a guarantee opens
// the live role document at its range.

import * as vscode from 'vscode';
import { RowTreeView } from '../views/rowTree';
import { reportRows, type AuditRun } from './auditReport';

export const AUDIT_VIEW_ID = 'pennsieve.audit';

/** The view and the run it shows. */
export class AuditView implements vscode.Disposable {
  private readonly tree = new RowTreeView(AUDIT_VIEW_ID);

  /** Shows `run` and brings the view forward (it starts collapsed in the Pennsieve container). */
  async show(run: AuditRun): Promise<void> {
    this.tree.show(reportRows(run), run.uri);
    await vscode.commands.executeCommand(`${AUDIT_VIEW_ID}.focus`);
  }

  dispose(): void {
    this.tree.dispose();
  }
}
