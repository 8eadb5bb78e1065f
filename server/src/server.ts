#!/usr/bin/env node
// The pennsieve-guard language server: connection, documents, settings and handlers over the
// same engine as the CLI. Start with `--stdio` or `--node-ipc`.

import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionKind,
  CodeLensRefreshRequest,
  DidChangeConfigurationNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { PermissionChangesRequest } from '../../shared/diffProtocol';
import { AuditRoleRequest, GuaranteesRequest, RecheckRequest } from '../../shared/protocol';
import { CheckExistingRoleRequest, RoleUpdateRequest } from '../../shared/roleProtocol';
import { Analyzer } from './analysis/analyzer';
import { WorkspaceChecker } from './analysis/checker';
import { HeadBaseline } from './analysis/headBaseline';
import { HeadDiff } from './analysis/headDiff';
import { ModuleCallers } from './analysis/moduleCallers';
import { ProfileCache } from './analysis/profiles';
import { SourceStore } from './analysis/sourceStore';
import { WorkspaceFolders } from './analysis/workspaceFolders';
import { createEngine } from './engine/createEngine';
import { createCodeActionHandler } from './handlers/codeActions';
import { createCodeLensHandler } from './handlers/codeLens';
import { createCompletionHandler } from './handlers/completion';
import { createDiagnosticsSink, registerDiagnostics } from './handlers/diagnostics';
import { updateDocument } from './handlers/documentUpdate';
import { createDiffHoverHandler, createDiffLensHandler, joinHovers } from './handlers/diffLens';
import { createGuaranteesHandler } from './handlers/guarantees';
import { createHoverHandler } from './handlers/hover';
import { createPermissionChangesHandler } from './handlers/permissionChanges';
import { createRoleAuditHandler } from './handlers/roleAudit';
import { createExistingRoleHandler } from './handlers/existingRole';
import { createRoleUpdateHandler } from './handlers/roleUpdate';
import { SettingsStore } from './handlers/settings';
import { createServerTransport, type ServerTransport } from './handlers/transport';
import { VERSION } from './version';

/** Wires one server onto the transport's connection and starts listening. */
export function startServer({ connection, shutdownRequested, inbox }: ServerTransport): void {
  const log = (message: string) => connection.console.error(message);
  const documents = new TextDocuments({ create: TextDocument.create, update: updateDocument });
  const engine = createEngine();
  const settings = new SettingsStore(connection);
  const folders = new WorkspaceFolders();
  const store = new SourceStore(documents, log, (dir) => folders.folderOf(dir) ?? dir);
  const profiles = new ProfileCache((path) => folders.folderOf(path));
  const sink = createDiagnosticsSink(connection, documents);
  const analyzer = new Analyzer(engine, store, profiles, sink);
  const baseline = new HeadBaseline((files, profile) => engine.check(files, profile), sink);
  const callers = new ModuleCallers((path) => documents.get(store.uriFor(path))?.getText());
  const checker = new WorkspaceChecker({
    store,
    analyzer,
    callers,
    baseline,
    profiles,
    sink,
    settings: (uri) => settings.get(uri).then((s) => s.guard),
    editsPending: inbox && ((uri, version) => inbox.hasPending(uri, version)),
  });
  const analysisOf = (uri: string) => checker.analysisOf(uri);
  const headDiff = new HeadDiff((files, profile) => engine.check(files, profile), engine.catalog, sink);
  let capabilities: InitializeParams['capabilities'] = {};

  connection.onInitialize((params): InitializeResult => {
    capabilities = params.capabilities;
    settings.configure(params.capabilities);
    folders.set(params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        hoverProvider: true,
        codeLensProvider: { resolveProvider: false },
        completionProvider: { triggerCharacters: [':', '"'] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'pennsieve-guard', version: VERSION },
    };
  });
  connection.onInitialized(() => {
    if (capabilities.workspace?.didChangeConfiguration?.dynamicRegistration) {
      void connection.client.register(DidChangeConfigurationNotification.type, undefined);
    }
    if (capabilities.workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((e) =>
        folders.update(
          e.added.map((f) => f.uri),
          e.removed.map((f) => f.uri),
        ),
      );
    }
    connection.console.info(`pennsieve-guard ${VERSION} language server ready`);
  });

  // The diff lenses follow pennsieve.guard.wideningChangesOnly: the client asks for them again.
  registerDiagnostics(connection, documents, checker, settings, () => {
    if (capabilities.workspace?.codeLens?.refreshSupport) void connection.sendRequest(CodeLensRefreshRequest.type);
  });
  connection.onCodeAction(
    createCodeActionHandler({
      analysisOf,
      catalog: engine.catalog,
      versionOf: (uri) => documents.get(uri)?.version ?? null,
      documentChanges: () => !!capabilities.workspace?.workspaceEdit?.documentChanges,
      log,
    }),
  );
  const hover = createHoverHandler({ analysisOf, catalog: engine.catalog, log });
  const wideningOnly = (uri: string) => settings.get(uri).then((s) => s.guard.wideningChangesOnly);
  const diffHover = createDiffHoverHandler({ analysisOf, headDiff, log, wideningOnly });
  connection.onHover(async (params) => joinHovers(await Promise.all([hover(params), diffHover(params)])));
  const lenses = [
    createCodeLensHandler({ analysisOf, log }),
    createDiffLensHandler({ analysisOf, headDiff, log, wideningOnly }),
  ];
  connection.onCodeLens(async (params) => (await Promise.all(lenses.map((h) => h(params)))).flat());
  connection.onRequest(GuaranteesRequest.type, createGuaranteesHandler({ analysisOf, log }));
  connection.onRequest(
    PermissionChangesRequest.type,
    createPermissionChangesHandler({
      folders: () => folders.all(),
      openUris: () => store.openUris(),
      unitOf: (uri) => store.unitOf(uri),
      uriFor: (path) => store.uriFor(path),
      analysisOf,
      headDiff,
      wideningOnly,
      log,
    }),
  );
  connection.onCompletion(
    createCompletionHandler({ document: (uri) => documents.get(uri), catalog: engine.catalog, log }),
  );
  connection.onRequest(AuditRoleRequest.type, createRoleAuditHandler({ connection, engine, profiles, settings }));
  connection.onRequest(
    CheckExistingRoleRequest.type,
    createExistingRoleHandler({ connection, engine, profiles, settings }),
  );
  connection.onRequest(RoleUpdateRequest.type, createRoleUpdateHandler({ connection, engine, profiles, settings }));
  connection.onRequest(RecheckRequest.type, () => {
    store.clear();
    profiles.clear();
    baseline.clear();
    headDiff.clear();
    analyzer.clear();
    checker.recheckAll();
  });
  connection.onShutdown(() => {
    shutdownRequested();
    checker.dispose();
  });

  // A bug in one check must not take the server down; it is logged with its stack.
  process.on('uncaughtException', (err) => log(`Uncaught exception: ${err.stack ?? err.message}`));
  process.on('unhandledRejection', (reason) =>
    log(`Unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`),
  );

  documents.listen(connection);
  connection.listen();
}

/** For the package's `pennsieve-guard-lsp` launcher (server/bin/), which requires this bundle. */
export { createServerTransport };

if (require.main === module) startServer(createServerTransport());
