// The pennsieve-guard language status item: for the active file, the last check's finding counts,
// profile and time (from pennsieve/status), or why the check failed; clicking it re-checks.

import * as vscode from 'vscode';
import type { StatusParams } from '../../shared/protocol';
import { describeStatus, unitKeyOf } from './guardStatusText';

const SEVERITY = {
  ok: vscode.LanguageStatusSeverity.Information,
  warning: vscode.LanguageStatusSeverity.Warning,
  error: vscode.LanguageStatusSeverity.Error,
} as const;

export class GuardStatus implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;
  private readonly byUri = new Map<string, StatusParams>();
  private readonly failedUnits = new Map<string, StatusParams>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(onStatus: vscode.Event<StatusParams>, selector: vscode.DocumentSelector) {
    this.item = vscode.languages.createLanguageStatusItem('pennsieve.guard.status', selector);
    this.item.name = 'pennsieve-guard';
    this.item.command = {
      command: 'pennsieve.guard.recheck',
      title: 'Re-check',
      tooltip: 'Check every open file again',
    };
    this.item.text = '$(sync~spin) pennsieve-guard';
    this.subscriptions = [
      onStatus((s) => this.record(s)),
      vscode.window.onDidChangeActiveTextEditor(() => this.render()),
      vscode.workspace.onDidCloseTextDocument((d) => this.byUri.delete(d.uri.toString())),
    ];
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.item.dispose();
  }

  private record(s: StatusParams): void {
    if (s.state === 'failed') this.failedUnits.set(s.unit, s);
    else this.failedUnits.delete(s.unit);
    for (const uri of s.uris) this.byUri.set(uri, s);
    this.render();
  }

  private render(): void {
    const doc = vscode.window.activeTextEditor?.document;
    const s =
      doc &&
      (this.failedUnits.get(unitKeyOf(doc.uri.fsPath, doc.uri.toString())) ?? this.byUri.get(doc.uri.toString()));
    if (!s) {
      this.item.text = '$(shield) pennsieve-guard';
      this.item.detail = 'not checked yet';
      this.item.severity = vscode.LanguageStatusSeverity.Information;
      return;
    }
    const d = describeStatus(s);
    this.item.text = d.text;
    this.item.detail = d.detail;
    this.item.severity = SEVERITY[d.severity];
  }
}
