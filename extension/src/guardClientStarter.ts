// Starts the pennsieve-guard language client lazily: only once a supported file is open or the
// Pennsieve view is shown, so activation stays cheap for everyone else.

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { StatusNotification, type StatusParams } from '../../shared/protocol';
import type { Log } from './log';

/**
 * What the server checks: Terraform, CloudFormation and IAM policy files on disk or unsaved, and
 * Pulumi programs (a TypeScript or JavaScript file that imports `@pulumi/aws`).
 */
export function isGuardDocument(doc: {
  readonly uri: { readonly scheme: string; readonly path: string };
  readonly languageId: string;
  getText?(): string;
}): boolean {
  if (doc.uri.scheme !== 'file' && doc.uri.scheme !== 'untitled') return false;
  if (['typescript', 'javascript'].includes(doc.languageId) || /\.[cm]?[jt]s$/i.test(doc.uri.path))
    return /["'`]@pulumi\/aws/.test(doc.getText?.() ?? '');
  if (['terraform', 'json', 'jsonc', 'yaml'].includes(doc.languageId)) return true;
  return /\.(tf|tf\.json|json|ya?ml|template)$/i.test(doc.uri.path);
}

export class GuardClientStarter implements vscode.Disposable {
  private started: Promise<LanguageClient> | undefined;
  private readonly watchers: vscode.Disposable[] = [];
  private readonly startedEmitter = new vscode.EventEmitter<LanguageClient>();
  /** Fires once the client is running. */
  readonly onDidStart = this.startedEmitter.event;
  private readonly statusEmitter = new vscode.EventEmitter<StatusParams>();
  /**
   * Every pennsieve/status the server sends. The client keeps one handler per notification, so
   * this is the one: the language status item and the Guarantees view listen here.
   */
  readonly onStatus = this.statusEmitter.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: Log,
  ) {}

  /** Starts now if a supported file is open, else when one opens or `view` becomes visible. */
  watch(view: vscode.TreeView<unknown>): void {
    if (vscode.workspace.textDocuments.some(isGuardDocument) || view.visible) {
      this.startInBackground();
      return;
    }
    this.watchers.push(
      vscode.workspace.onDidOpenTextDocument((d) => isGuardDocument(d) && this.startInBackground()),
      view.onDidChangeVisibility((e) => e.visible && this.startInBackground()),
    );
  }

  /** The running client, started now if it is not yet; rejects when the server cannot start. */
  client(): Promise<LanguageClient> {
    if (!this.started) {
      this.stopWatching();
      // A failed start is not kept: the next caller (a command run again) tries once more.
      this.started = this.start().catch((err: unknown) => {
        this.started = undefined;
        throw err;
      });
    }
    return this.started;
  }

  dispose(): void {
    this.stopWatching();
    this.startedEmitter.dispose();
    this.statusEmitter.dispose();
  }

  private stopWatching(): void {
    for (const w of this.watchers.splice(0)) w.dispose();
  }

  private startInBackground(): void {
    this.client().catch((err: unknown) => {
      this.log.error('The pennsieve-guard language server could not start', err);
      void vscode.window.showErrorMessage(
        `The pennsieve-guard language server could not start: ${(err as Error)?.message ?? String(err)}`,
      );
    });
  }

  private async start(): Promise<LanguageClient> {
    const serverModule = this.context.asAbsolutePath('dist/server.js');
    const began = performance.now();
    // Loaded here, not at activation: the client library is large.
    const { DOCUMENT_SELECTOR, startLanguageClient } = await import('./languageClient');
    const client = await startLanguageClient(this.context, this.log.channel, serverModule);
    this.context.subscriptions.push(client.onNotification(StatusNotification.type, (s) => this.statusEmitter.fire(s)));
    const { GuardStatus } = await import('./guardStatus');
    this.context.subscriptions.push(new GuardStatus(this.onStatus, DOCUMENT_SELECTOR));
    this.log.info(`pennsieve-guard language server started (${Math.round(performance.now() - began)} ms)`);
    this.startedEmitter.fire(client);
    return client;
  }
}
