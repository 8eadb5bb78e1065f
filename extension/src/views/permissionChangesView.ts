// The Permission Changes view: every role and policy the working tree changes against git HEAD,
// from the language server (pennsieve/permissionChanges), refreshed after each check the server
// reports (so as you type), on saves, on a settings change and on Refresh.

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { PermissionChangesRequest } from '../../../shared/diffProtocol';
import { SETTING_IDS } from '../../../shared/settings';
import type { GuardClientStarter } from '../guardClientStarter';
import type { Log } from '../log';
import { emptyMessage, permissionChangeRows } from './permissionChangeRows';
import { RowTreeView } from './rowTree';

const PERMISSION_CHANGES_VIEW_ID = 'pennsieve.permissionChanges';
const REFRESH_PERMISSION_CHANGES = 'pennsieve.permissionChanges.refresh';

/** Checks reported this close together cause one request. */
const SETTLE_MS = 150;

export class PermissionChangesView implements vscode.Disposable {
  private readonly tree = new RowTreeView(PERMISSION_CHANGES_VIEW_ID);
  private client: LanguageClient | undefined;
  private asked = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly guard: GuardClientStarter,
    private readonly log: Log,
  ) {
    this.subscriptions = [
      guard.onDidStart((client) => {
        this.client = client;
        this.refreshSoon();
      }),
      guard.onStatus(() => this.refreshSoon()),
      vscode.workspace.onDidSaveTextDocument(() => this.refreshSoon()),
      vscode.workspace.onDidChangeConfiguration(
        (e) => e.affectsConfiguration(SETTING_IDS.wideningChangesOnly) && this.refreshSoon(),
      ),
      this.tree.view.onDidChangeVisibility((e) => e.visible && this.refresh()),
      vscode.commands.registerCommand(REFRESH_PERMISSION_CHANGES, () => this.refresh()),
    ];
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const s of this.subscriptions) s.dispose();
    this.tree.dispose();
  }

  private refreshSoon(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh(), SETTLE_MS);
  }

  private refresh(): void {
    if (!this.tree.view.visible) return;
    if (!vscode.workspace.workspaceFolders?.length) {
      this.tree.show([], undefined, 'Open a folder to see what your changes do to permissions against git HEAD.');
      return;
    }
    if (!this.client) {
      this.tree.show([], undefined, 'Starting the pennsieve-guard language server…');
      this.guard
        .client()
        .catch((err: unknown) => this.log.error('The pennsieve-guard language server could not start', err));
      return;
    }
    void this.ask(this.client);
  }

  private async ask(client: LanguageClient): Promise<void> {
    const mine = ++this.asked;
    try {
      const result = await client.sendRequest(PermissionChangesRequest.type, {});
      if (mine !== this.asked) return;
      this.tree.view.description = result.wideningOnly ? `${result.baseline} · widening only` : result.baseline;
      this.tree.show(
        permissionChangeRows(result),
        undefined,
        emptyMessage(result, vscode.workspace.workspaceFolders?.length ?? 0),
      );
    } catch (err) {
      this.log.warn(`Permission changes failed: ${(err as Error).message}`);
      if (mine === this.asked)
        this.tree.show([], undefined, `The language server could not compare with HEAD: ${(err as Error).message}`);
    }
  }
}
