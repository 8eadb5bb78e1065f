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
  /** The signed-in user's name and id from the directory, when known. */
  private user: { readonly name?: string; readonly id: string } | undefined;

  /** Hidden until the first setConnection: at startup the stored sign-in is not known yet. */
  constructor() {
    this.item.name = 'Pennsieve Connection';
  }

  setConnection(connection: StoredConnection | undefined): void {
    if (connection?.id !== this.connection?.id) this.user = undefined;
    this.connection = connection;
    this.problem = undefined;
    this.render();
    this.item.show();
  }

  setUser(user: { readonly name?: string; readonly id: string } | undefined): void {
    this.user = user;
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
    const who = this.user?.name ?? c.label;
    const whoWithId = this.user ? `${who} (${this.user.id})` : who;
    if (this.problem) {
      this.item.text = `$(warning) Pennsieve: ${who}`;
      this.item.tooltip = `Signed in as ${whoWithId} to ${where}, but the last request failed:\n${this.problem.message}\nClick for the log.`;
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
      this.item.command = 'pennsieve.log.show';
      return;
    }
    this.item.text = `$(cloud) Pennsieve: ${who}`;
    this.item.tooltip = `Signed in as ${whoWithId} to ${where}. Click for options.`;
    this.item.command = 'pennsieve.session.showMenu';
  }
}
