// What command modules receive from activate: services, never globals.

import type * as vscode from 'vscode';
import type { PennsieveApi } from '../api/pennsieveApi';
import type { PennsieveAuthProvider } from '../auth/authProvider';
import type { GuardClientStarter } from '../guardClientStarter';
import type { Log } from '../log';
import type { People } from '../people/people';
import type { Settings } from '../settings';
import type { Explorer } from '../tree/explorer';
import type { AwsAccess } from './awsAccess';

export interface CommandDeps {
  readonly context: vscode.ExtensionContext;
  readonly log: Log;
  readonly settings: Settings;
  readonly auth: PennsieveAuthProvider;
  readonly api: PennsieveApi;
  readonly explorer: Explorer;
  readonly aws: AwsAccess;
  /** The language client (started on first use): the audit asks the server. */
  readonly guard: GuardClientStarter;
  /** Names for user, team and workspace ids. */
  readonly people: People;
}
