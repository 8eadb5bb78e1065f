// The connection in the status bar: signed out, signed in as … to …, or a connection error.

import * as vscode from 'vscode';
import type { ApiError, ApiObserver } from './api/client';
import { hostOf, type StoredConnection } from './auth/connection';

/** Failures that say something about the connection, not about one request. */
const CONNECTION_KINDS = new Set(['unauthorized', 'network', 'timeout', 'server']);

export class ConnectionStatusBar implements ApiObserver, vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('pennsieve.connection', vscode.StatusBarAlignment.Left, 50);
  private connection: StoredConnection | undefined;
  private problem: ApiError | undefined;

  constructor() {
    this.item.name = 'Pennsieve Connection';
    this.render();
    this.item.show();
  }

  setConnection(connection: StoredConnection | undefined): void {
    this.connection = connection;
    this.problem = undefined;
    this.render();
  }

  onSuccess(): void {
    if (!this.problem) return;
    this.problem = undefined;
    this.render();
  }

  onFailure(error: ApiError): void {
    if (!CONNECTION_KINDS.has(error.kind) || !this.connection) return;
    this.problem = error;
    this.render();
  }

  dispose(): void {
    this.item.dispose();
  }

  private render(): void {
    const c = this.connection;
    this.item.backgroundColor = undefined;
    if (!c) {
      this.item.text = '$(account) Pennsieve: Signed Out';
      this.item.tooltip = 'Not signed in to Pennsieve. Click to sign in.';
      this.item.command = 'pennsieve.session.signIn';
      return;
    }
    const where = `${hostOf(c.baseUrl)}${c.mode === 'sandbox' ? ' (sandbox)' : ''}`;
    if (this.problem) {
      this.item.text = `$(warning) Pennsieve: ${c.label}`;
      this.item.tooltip = `Signed in as ${c.label} to ${where}, but the last request failed:\n${this.problem.message}\nClick for the log.`;
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
      this.item.command = 'pennsieve.log.show';
      return;
    }
    this.item.text = `$(cloud) Pennsieve: ${c.label}`;
    this.item.tooltip = `Signed in as ${c.label} to ${where}. Click for options.`;
    this.item.command = 'pennsieve.session.showMenu';
  }
}
