// The language client for the pennsieve-guard server: how to start it (node IPC), which
// documents it checks, and where its log and protocol traces go.

import * as vscode from 'vscode';
import {
  LanguageClient,
  RevealOutputChannelOn,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { DIAGNOSTIC_SOURCE } from '../../shared/protocol';
import { SETTINGS_SECTION } from '../../shared/settings';

/**
 * The client id. vscode-languageclient reads `<id>.trace.server` for protocol tracing, so this
 * id makes `pennsieve.trace.server` the trace setting.
 */
export const LANGUAGE_CLIENT_ID = SETTINGS_SECTION;
/** The client's name in the UI (output and trace channels). */
export const LANGUAGE_CLIENT_NAME = 'Pennsieve Guard';

/** Files whose changes on disk re-check their Terraform module, plus the workspace profile. */
const WATCHED_FILES = ['**/*.{tf,tf.json,tfvars,tfvars.json}', '**/.pennsieve-guard.yaml'];

/**
 * What the server checks. Terraform files go by pattern, not language id, so they are checked
 * whether or not the HashiCorp extension registers a `terraform` language. JSON, YAML, TypeScript
 * and JavaScript files are sent too: the server decides by content whether one is a policy, a
 * template or a Pulumi program (a script that imports `@pulumi/aws`; others cost one text scan).
 */
export const DOCUMENT_SELECTOR: { scheme: string; pattern?: string; language?: string }[] = [
  { scheme: 'file', pattern: '**/*.tf' },
  { scheme: 'file', pattern: '**/*.tf.json' },
  { scheme: 'file', pattern: '**/*.tfvars' },
  { scheme: 'file', language: 'json' },
  { scheme: 'file', language: 'jsonc' },
  { scheme: 'file', language: 'yaml' },
  { scheme: 'file', pattern: '**/*.template' },
  { scheme: 'file', language: 'typescript' },
  { scheme: 'file', language: 'javascript' },
];

/**
 * Starts the language server in `serverModule` (the bundled dist/server.js) over node IPC and
 * resolves once it is initialized. The server's log lines land in `log`, the extension's own
 * channel; protocol traces (per `pennsieve.trace.server`) in a separate trace channel. Every
 * disposable, the client included, is added to `context.subscriptions`; call `client.stop()` in
 * `deactivate` for a clean shutdown.
 */
export async function startLanguageClient(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  serverModule: string,
): Promise<LanguageClient> {
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: ['--nolazy', '--inspect=6019'] },
    },
  };
  const watchers = WATCHED_FILES.map((glob) => vscode.workspace.createFileSystemWatcher(glob));
  const traceChannel = vscode.window.createOutputChannel(`${LANGUAGE_CLIENT_NAME} Trace`, { log: true });
  context.subscriptions.push(...watchers, traceChannel);
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    diagnosticCollectionName: DIAGNOSTIC_SOURCE,
    outputChannel: log,
    traceOutputChannel: traceChannel,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    synchronize: { configurationSection: SETTINGS_SECTION, fileEvents: watchers },
  };
  const client = new LanguageClient(LANGUAGE_CLIENT_ID, LANGUAGE_CLIENT_NAME, serverOptions, clientOptions);
  context.subscriptions.push(client);
  await client.start();
  return client;
}
