// The Guarantees view: for the file in the active editor, each role and policy written in it with
// every guarantee the profile declares for it — proved, counterexample or unknown — from the
// language server (pennsieve/guarantees), refreshed after each check of that file.

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { GuaranteesRequest } from '../../../shared/protocol';
import { isGuardDocument, type GuardClientStarter } from '../guardClientStarter';
import type { Log } from '../log';
import { RowTreeView } from '../views/rowTree';
import { subjectRow } from '../views/verdictRows';

export const GUARANTEES_VIEW_ID = 'pennsieve.guarantees';

export class GuaranteesView implements vscode.Disposable {
  private readonly tree = new RowTreeView(GUARANTEES_VIEW_ID);
  private client: LanguageClient | undefined;
  private asked = 0;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly guard: GuardClientStarter,
    private readonly log: Log,
  ) {
    this.subscriptions = [
      guard.onDidStart((client) => {
        this.client = client;
        this.refresh();
      }),
      guard.onStatus((s) => {
        if (s.uris.includes(this.activeUri() ?? '')) this.refresh();
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.refresh()),
      this.tree.view.onDidChangeVisibility((e) => e.visible && this.refresh()),
    ];
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.tree.dispose();
  }

  private activeUri(): string | undefined {
    return vscode.window.activeTextEditor?.document.uri.toString();
  }

  private refresh(): void {
    if (!this.tree.view.visible) return;
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || !isGuardDocument(doc) || doc.uri.scheme !== 'file') {
      this.tree.show(
        [],
        undefined,
        'Open a Terraform, CloudFormation, Pulumi or IAM policy file to see the guarantees of the roles in it.',
      );
      return;
    }
    if (!this.client) {
      this.tree.show([], undefined, 'Starting the pennsieve-guard language server…');
      this.guard
        .client()
        .catch((err: unknown) => this.log.error('The pennsieve-guard language server could not start', err));
      return;
    }
    void this.ask(this.client, doc.uri.toString());
  }

  private async ask(client: LanguageClient, uri: string): Promise<void> {
    const mine = ++this.asked;
    try {
      const result = await client.sendRequest(GuaranteesRequest.type, { textDocument: { uri } });
      if (mine !== this.asked) return;
      this.tree.view.description = result.profile || undefined;
      this.tree.show(
        result.subjects.map((s) => subjectRow(s, uri)),
        uri,
        'No role or policy with guarantees in this file.',
      );
    } catch (err) {
      this.log.warn(`Guarantees for ${uri} failed: ${(err as Error).message}`);
      if (mine === this.asked)
        this.tree.show([], undefined, `The language server could not give the guarantees: ${(err as Error).message}`);
    }
  }
}
