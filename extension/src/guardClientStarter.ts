// Starts the pennsieve-guard language client lazily: only once a supported file is open or the
// Pennsieve view is shown, so activation stays cheap for everyone else.

import * as vscode from 'vscode';
import type { Log } from './log';

/**
 * What the server checks: Terraform, CloudFormation and IAM policy files on disk or unsaved, and
 * Pulumi programs (a TypeScript or JavaScript file that imports `@pulumi/aws`).
 */
export function isGuardDocument(doc: { readonly uri: { readonly scheme: string; readonly path: string }; readonly languageId: string; getText?(): string }): boolean {
  if (doc.uri.scheme !== 'file' && doc.uri.scheme !== 'untitled') return false;
  if (['typescript', 'javascript'].includes(doc.languageId) || /\.[cm]?[jt]s$/i.test(doc.uri.path)) return /["'`]@pulumi\/aws/.test(doc.getText?.() ?? '');
  if (['terraform', 'json', 'jsonc', 'yaml'].includes(doc.languageId)) return true;
  return /\.(tf|tf\.json|json|ya?ml|template)$/i.test(doc.uri.path);
}

export class GuardClientStarter implements vscode.Disposable {
  private started = false;
  private readonly watchers: vscode.Disposable[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: Log,
  ) {}

  /** Starts now if a supported file is open, else when one opens or `view` becomes visible. */
  watch(view: vscode.TreeView<unknown>): void {
    if (vscode.workspace.textDocuments.some(isGuardDocument) || view.visible) {
      this.start();
      return;
    }
    this.watchers.push(
      vscode.workspace.onDidOpenTextDocument((d) => isGuardDocument(d) && this.start()),
      view.onDidChangeVisibility((e) => e.visible && this.start()),
    );
  }

  dispose(): void {
    for (const w of this.watchers) w.dispose();
  }

  private start(): void {
    if (this.started) return;
    this.started = true;
    this.dispose();
    const serverModule = this.context.asAbsolutePath('dist/server.js');
    const began = performance.now();
    // Loaded here, not at activation: the client library is large.
    import('./languageClient')
      .then((m) => m.startLanguageClient(this.context, this.log.channel, serverModule))
      .then(
        () => this.log.info(`pennsieve-guard language server started (${Math.round(performance.now() - began)} ms)`),
        (err: unknown) => {
          this.log.error('The pennsieve-guard language server could not start', err);
          void vscode.window.showErrorMessage(`The pennsieve-guard language server could not start: ${(err as Error)?.message ?? String(err)}`);
        },
      );
  }
}
