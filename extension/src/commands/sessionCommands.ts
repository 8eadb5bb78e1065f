// Sign in (Pennsieve API key + secret, or a sandbox URL + token), sign out, the status-bar menu,
// the log and the explorer refresh.

import * as vscode from 'vscode';
import { newConnection, type ApiMode, type ConnectionInput } from '../auth/connection';
import { checkBaseUrl, validateConnection } from '../auth/validateConnection';
import { DEFAULT_BASE_URL } from '../settings';
import { registerCommand, required } from './commandRunner';
import type { CommandDeps } from './deps';

/** Optional arguments, for automation: anything missing is asked for. */
export interface SignInArgs {
  readonly mode?: ApiMode;
  readonly baseUrl?: string;
  readonly token?: string;
  readonly apiKey?: string;
  readonly apiSecret?: string;
}

const TITLE = 'Sign In to Pennsieve';

async function askMode(deps: CommandDeps): Promise<ApiMode> {
  const items = [
    {
      label: 'Pennsieve',
      description: 'API key and secret',
      detail: 'The Pennsieve platform (api2.pennsieve.io)',
      mode: 'pennsieve' as const,
    },
    {
      label: 'Sandbox',
      description: 'URL and token',
      detail: 'A local sandbox backend started with "npm run sandbox"',
      mode: 'sandbox' as const,
    },
  ];
  if (deps.settings.apiMode === 'sandbox') items.reverse();
  return required(
    await vscode.window.showQuickPick(items, { title: TITLE, placeHolder: 'Where do your compute nodes live?' }),
  ).mode;
}

async function ask(
  prompt: string,
  opts: { password?: boolean; value?: string; placeHolder?: string; validate?: (v: string) => string | undefined } = {},
) {
  const v = await vscode.window.showInputBox({
    title: TITLE,
    prompt,
    password: opts.password,
    value: opts.value,
    placeHolder: opts.placeHolder,
    ignoreFocusOut: true,
    validateInput: (x) => (x.trim() === '' ? 'Required' : opts.validate?.(x.trim())),
  });
  return required(v).trim();
}

async function askInput(deps: CommandDeps, args: SignInArgs): Promise<ConnectionInput> {
  const mode = args.mode ?? (await askMode(deps));
  const configured = deps.settings.apiBaseUrl;
  if (mode === 'pennsieve') {
    const baseUrl = args.baseUrl ?? (deps.settings.apiMode === 'pennsieve' ? configured : DEFAULT_BASE_URL);
    const apiKey = args.apiKey ?? (await ask(`Pennsieve API key (for ${baseUrl})`));
    const apiSecret = args.apiSecret ?? (await ask('Pennsieve API secret', { password: true }));
    return { mode, baseUrl, apiKey, apiSecret };
  }
  const suggested = configured === DEFAULT_BASE_URL ? 'http://127.0.0.1:8787' : configured;
  const baseUrl = (
    args.baseUrl ?? (await ask('Sandbox API base URL', { value: suggested, validate: checkBaseUrl }))
  ).replace(/\/+$/, '');
  const token = args.token ?? (await ask(`Sandbox token (for ${baseUrl})`, { password: true }));
  return { mode, baseUrl, token };
}

/** The interactive sign-in; resolves undefined if the user cancels. Also used by createSession. */
export async function signIn(deps: CommandDeps, args: SignInArgs = {}) {
  const input = await askInput(deps, args);
  const urlProblem = checkBaseUrl(input.baseUrl);
  if (urlProblem) throw new Error(`${urlProblem}: ${input.baseUrl}`);
  const connection = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Signing in to ${new URL(input.baseUrl).host}…` },
    () => validateConnection(newConnection(input), { log: deps.log }),
  );
  await deps.auth.signIn(connection);
  // Remember the kind of backend for next time; the URL stays with the session (not in settings).
  if (deps.settings.apiMode !== input.mode) await deps.settings.update('api.mode', input.mode);
  void vscode.window.showInformationMessage(`Signed in to Pennsieve as ${connection.label}`);
  return connection;
}

async function showMenu(deps: CommandDeps): Promise<void> {
  const c = deps.auth.current;
  const items = [
    { label: '$(refresh) Refresh Compute Nodes', command: 'pennsieve.explorer.refresh' },
    { label: '$(output) Show Log', command: 'pennsieve.log.show' },
    { label: '$(arrow-swap) Switch to Other Credentials…', command: 'pennsieve.session.switch' },
    { label: '$(sign-out) Sign Out', command: 'pennsieve.session.signOut' },
  ];
  const pick = await vscode.window.showQuickPick(items, {
    title: c ? `Pennsieve: ${c.label} (${c.baseUrl})` : 'Pennsieve',
  });
  if (pick) await vscode.commands.executeCommand(pick.command);
}

export function registerSessionCommands(deps: CommandDeps): vscode.Disposable[] {
  const { log } = deps;
  return [
    registerCommand(log, 'pennsieve.session.signIn', TITLE, (args) =>
      signIn(deps, (args as SignInArgs | undefined) ?? {}),
    ),
    // The status-bar menu's way to change who is signed in (Sign In itself is offered only when signed out).
    registerCommand(log, 'pennsieve.session.switch', TITLE, () => signIn(deps)),
    registerCommand(log, 'pennsieve.session.signOut', 'Sign out', async () => {
      await deps.auth.signOut();
      void vscode.window.showInformationMessage('Signed out of Pennsieve');
    }),
    registerCommand(log, 'pennsieve.session.showMenu', 'Pennsieve menu', () => showMenu(deps)),
    registerCommand(log, 'pennsieve.log.show', 'Show log', () => log.show()),
    registerCommand(log, 'pennsieve.explorer.refresh', 'Refresh', () => deps.explorer.refresh()),
    // A session keeps the URL it signed in to, so credentials never follow a changed setting.
    deps.settings.onDidChange((affects) => {
      const c = deps.auth.current;
      if (!affects('api.baseUrl') || !c || c.baseUrl === deps.settings.apiBaseUrl) return;
      const again = 'Sign In';
      void vscode.window
        .showInformationMessage(
          `Still signed in to ${c.baseUrl}. Sign in again to use ${deps.settings.apiBaseUrl}.`,
          again,
        )
        .then((choice) => choice && vscode.commands.executeCommand('pennsieve.session.signIn'));
    }),
  ];
}
