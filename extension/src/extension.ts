// Activation: build the services, register the commands and views, start the language client lazily.

import * as vscode from 'vscode';
import { ApiClient } from './api/client';
import { DirectoryApi, directoryBaseUrl } from './api/directory';
import { sandboxConnectionFromEnv } from './auth/sandboxBootstrap';
import { createPennsieveApi } from './api/pennsieveApi';
import { AUTH_PROVIDER_ID, AUTH_PROVIDER_LABEL, PennsieveAuthProvider } from './auth/authProvider';
import { registerAccessGrantCommands } from './commands/accessGrantCommands';
import { registerSettingsCommands } from './commands/settingsCommands';
import { registerAccountCommands } from './commands/accountCommands';
import { registerExistingRoleCommands } from './commands/existingRoleCommand';
import { registerRoleUpdateCommands } from './commands/roleUpdateCommand';
import { AwsAccess } from './commands/awsAccess';
import { registerComputeNodeCommands } from './commands/computeNodeCommands';
import { registerCopyIdCommand } from './commands/copyIdCommand';
import { registerExportCommands } from './commands/exportCommands';
import type { CommandDeps } from './commands/deps';
import { registerGuardCommands } from './commands/guardCommands';
import { registerRoleCommands } from './commands/roleCommands';
import { registerSessionCommands, signIn } from './commands/sessionCommands';
import { GuaranteesView } from './guarantees/guaranteesView';
import { GuardClientStarter } from './guardClientStarter';
import { Log } from './log';
import { displayNameOf, People } from './people/people';
import { Settings } from './settings';
import { PermissionChangesView } from './views/permissionChangesView';
import { ConnectionStatusBar } from './statusBar';
import { Explorer } from './tree/explorer';

export function activate(context: vscode.ExtensionContext): void {
  const began = performance.now();
  const log = new Log();
  context.subscriptions.push(log);
  try {
    const settings = new Settings();
    const statusBar = new ConnectionStatusBar();
    const auth = new PennsieveAuthProvider(context.secrets, log, () => signIn(deps));
    const baseUrl = () => auth.current?.baseUrl ?? settings.apiBaseUrl;
    const client = new ApiClient({ baseUrl, tokens: auth.tokenSource, log, observer: statusBar });
    const api = createPennsieveApi(client);
    // Names come from another host in production; a failure there only costs names, never the status bar.
    const directory = new ApiClient({
      baseUrl: () => directoryBaseUrl(baseUrl(), auth.current?.mode ?? settings.apiMode),
      tokens: auth.tokenSource,
      log,
      timeoutMs: 10_000,
    });
    const people = new People(new DirectoryApi(directory), log);
    const explorer = new Explorer({ api, log, settings, isSignedIn: () => auth.current !== undefined, people });
    const guard = new GuardClientStarter(context, log);
    const deps: CommandDeps = {
      context,
      log,
      settings,
      auth,
      api,
      explorer,
      aws: new AwsAccess(settings, log),
      guard,
      people,
    };
    const connectionChanged = () => {
      void vscode.commands.executeCommand('setContext', 'pennsieve.signedIn', auth.current !== undefined);
      statusBar.setConnection(auth.current);
      explorer.reset();
    };
    context.subscriptions.push(
      statusBar,
      auth,
      explorer,
      guard,
      new GuaranteesView(guard, log),
      new PermissionChangesView(guard, log),
      vscode.authentication.registerAuthenticationProvider(AUTH_PROVIDER_ID, AUTH_PROVIDER_LABEL, auth),
      auth.onDidChangeConnection(connectionChanged),
      people.onDidChange(() => {
        const me = people.currentUser;
        statusBar.setUser(me && { id: me.id, name: displayNameOf(me) });
      }),
      ...registerSessionCommands(deps),
      ...registerAccountCommands(deps),
      ...registerRoleCommands(deps),
      ...registerExistingRoleCommands(deps),
      ...registerRoleUpdateCommands(deps),
      ...registerComputeNodeCommands(deps),
      ...registerAccessGrantCommands(deps),
      ...registerSettingsCommands(deps),
      ...registerGuardCommands(deps),
      ...registerCopyIdCommand(deps),
      ...registerExportCommands(deps),
    );
    guard.watch(explorer.view);
    // Reading SecretStorage can be slow (OS keychain): the view shows its welcome once it is known.
    void auth
      .initialize()
      .then(async () => {
        // `npm start` points a fresh editor at its local sandbox; an existing sign-in wins.
        const sandbox = auth.current ? undefined : await sandboxConnectionFromEnv(process.env, log);
        if (sandbox) await auth.signIn(sandbox);
      })
      .catch((err: unknown) => log.error('Could not sign in to Pennsieve at startup', err))
      .finally(() => {
        // The status bar stays hidden until the stored sign-in is known: no "Signed Out" flash.
        statusBar.setConnection(auth.current);
        void vscode.commands.executeCommand('setContext', 'pennsieve.authReady', true);
      });
    log.info(`Pennsieve Compute activated in ${(performance.now() - began).toFixed(1)} ms`);
  } catch (err) {
    log.error('Pennsieve Compute failed to start', err);
    void vscode.window
      .showErrorMessage(`Pennsieve Compute failed to start: ${(err as Error)?.message ?? String(err)}`, 'Show Log')
      .then((c) => c && log.show());
  }
}
