// The Pennsieve AuthenticationProvider over SecretStorage. It owns the current connection and
// hands the API client a token source that follows it; other windows' sign-ins and sign-outs
// arrive through secrets.onDidChange.

import * as vscode from 'vscode';
import { ApiError, type TokenSource } from '../api/client';
import type { Log } from '../log';
import type { CognitoApi } from './cognito';
import {
  CONNECTION_SECRET_KEY,
  hostOf,
  parseConnection,
  serializeConnection,
  tokenSourceFor,
  type StoredConnection,
} from './connection';

export const AUTH_PROVIDER_ID = 'pennsieve';
export const AUTH_PROVIDER_LABEL = 'Pennsieve';

export class PennsieveAuthProvider implements vscode.AuthenticationProvider, vscode.Disposable {
  private connection: StoredConnection | undefined;
  private tokens: TokenSource | undefined;
  private readonly sessionsChanged =
    new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>();
  private readonly connectionChanged = new vscode.EventEmitter<StoredConnection | undefined>();
  private readonly subscriptions: vscode.Disposable[];

  readonly onDidChangeSessions = this.sessionsChanged.event;
  /** Fires after sign-in, sign-out, or a change made in another window. */
  readonly onDidChangeConnection = this.connectionChanged.event;

  /** What the API client uses: the current connection's token, or ApiError('signedOut'). */
  readonly tokenSource: TokenSource = {
    getToken: () => {
      if (!this.tokens) return Promise.reject(new ApiError('signedOut', 'run "Pennsieve: Sign In"'));
      return this.tokens.getToken();
    },
    invalidate: () => this.tokens?.invalidate?.(),
  };

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly log: Log,
    /** Runs the interactive sign-in when another party asks for a session. */
    private readonly interactiveSignIn: () => Promise<StoredConnection | undefined>,
    private readonly cognito?: CognitoApi,
  ) {
    this.subscriptions = [
      this.sessionsChanged,
      this.connectionChanged,
      secrets.onDidChange((e) => {
        if (e.key === CONNECTION_SECRET_KEY) void this.reload();
      }),
    ];
  }

  /** Reads the stored connection; call once at activation. */
  async initialize(): Promise<void> {
    this.apply(parseConnection(await this.secrets.get(CONNECTION_SECRET_KEY)));
  }

  get current(): StoredConnection | undefined {
    return this.connection;
  }

  /** Stores a validated connection and makes it current. */
  async signIn(connection: StoredConnection): Promise<void> {
    await this.secrets.store(CONNECTION_SECRET_KEY, serializeConnection(connection));
    this.apply(connection);
    this.log.info(`Signed in (${connection.mode}) to ${hostOf(connection.baseUrl)}`);
  }

  async signOut(): Promise<void> {
    await this.secrets.delete(CONNECTION_SECRET_KEY);
    this.apply(undefined);
    this.log.info('Signed out');
  }

  async getSessions(): Promise<readonly vscode.AuthenticationSession[]> {
    return this.connection ? [await this.toSession(this.connection)] : [];
  }

  async createSession(): Promise<vscode.AuthenticationSession> {
    const connection = this.connection ?? (await this.interactiveSignIn());
    if (!connection) throw new Error('Sign-in was cancelled');
    return this.toSession(connection);
  }

  async removeSession(sessionId: string): Promise<void> {
    if (this.connection?.id === sessionId) await this.signOut();
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }

  private async reload(): Promise<void> {
    try {
      const stored = parseConnection(await this.secrets.get(CONNECTION_SECRET_KEY));
      if (stored?.id !== this.connection?.id) {
        this.log.info(stored ? 'Signed in from another window' : 'Signed out from another window');
        this.apply(stored);
      }
    } catch (err) {
      this.log.error('Could not read the stored Pennsieve connection', err);
    }
  }

  private apply(next: StoredConnection | undefined): void {
    const prev = this.connection;
    if (prev?.id === next?.id) return;
    this.connection = next;
    this.tokens = next ? tokenSourceFor(next, this.cognito) : undefined;
    const session = (c: StoredConnection): vscode.AuthenticationSession => this.sessionShell(c, '');
    this.sessionsChanged.fire({
      added: next ? [session(next)] : [],
      removed: prev ? [session(prev)] : [],
      changed: [],
    });
    this.connectionChanged.fire(next);
  }

  private async toSession(c: StoredConnection): Promise<vscode.AuthenticationSession> {
    let token = '';
    try {
      token = await this.tokenSource.getToken();
    } catch (err) {
      this.log.warn(`No access token for the session: ${(err as Error).message}`);
    }
    return this.sessionShell(c, token);
  }

  private sessionShell(c: StoredConnection, accessToken: string): vscode.AuthenticationSession {
    return {
      id: c.id,
      accessToken,
      account: { id: `${c.baseUrl}#${c.label}`, label: `${c.label} (${hostOf(c.baseUrl)})` },
      scopes: [],
    };
  }
}
