// Workspace events over LSP: pulled settings and their change notification, watched files for
// closed module siblings, and the pennsieve/recheck request.

import { strict as assert } from 'node:assert';
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
} from 'vscode-languageserver-protocol/node';
import { RecheckRequest } from '../../shared/protocol';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { TF_BOUNDARY_POLICY, TF_BOUNDED_ROLE } from '../unit/server/lsp/helpers/fixtures';
import { TempWorkspace } from '../unit/server/lsp/helpers/workspace';
import { LspClient } from '../../scripts/harness/lspClient';

describe('language server workspace events', () => {
  let ws: TempWorkspace;
  let client: LspClient;
  let role: string;
  let policy: string;

  before(async () => {
    ws = new TempWorkspace({
      'mod/main.tf': TF_BOUNDED_ROLE.replace('3600', '43200'),
      'mod/boundary.tf': TF_BOUNDARY_POLICY,
    });
    role = ws.uri('mod/main.tf');
    policy = ws.uri('mod/boundary.tf');
    client = LspClient.start();
    await client.initialize(ws.uri(''));
    const first = client.waitForDiagnostics(role, (p) => p.diagnostics.some((d) => d.code === 'PG104'));
    await client.open(policy, 'terraform', TF_BOUNDARY_POLICY);
    await first;
  });

  after(async () => {
    assert.equal(await client.stop(), 0);
    ws.dispose();
  });

  it('pulls settings again after didChangeConfiguration (newFindingsOnly outside git: nothing is new)', async () => {
    client.settings = { ...DEFAULT_SETTINGS, guard: { ...DEFAULT_SETTINGS.guard, newFindingsOnly: true } };
    const empty = client.waitForDiagnostics(role, (p) => p.diagnostics.length === 0);
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    await empty;
    client.settings = DEFAULT_SETTINGS;
    const back = client.waitForDiagnostics(role, (p) => p.diagnostics.some((d) => d.code === 'PG104'));
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    await back;
  });

  it('uses the profile setting (a built-in by name)', async () => {
    client.settings = { ...DEFAULT_SETTINGS, guard: { ...DEFAULT_SETTINGS.guard, profile: 'lakesail' } };
    const status = client.waitForStatus((s) => s.profile === 'builtin:lakesail');
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    await status;
    client.settings = { ...DEFAULT_SETTINGS, guard: { ...DEFAULT_SETTINGS.guard, profile: 'no-such-profile.yaml' } };
    const fallback = client.waitForStatus(
      (s) => s.profile === 'builtin:pennsieve' && /Cannot load the profile/.test(s.message ?? ''),
    );
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    await fallback;
    client.settings = DEFAULT_SETTINGS;
  });

  it('re-reads a closed sibling when the client reports it changed on disk', async () => {
    ws.write('mod/main.tf', TF_BOUNDED_ROLE);
    const fixed = client.waitForDiagnostics(role, (p) => !p.diagnostics.some((d) => d.code === 'PG104'));
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: role, type: FileChangeType.Changed }],
    });
    await fixed;
  });

  it('checks every open unit again on pennsieve/recheck', async () => {
    const status = client.waitForStatus((s) => s.uris.includes(policy));
    await client.connection.sendRequest(RecheckRequest.type);
    await status;
  });
});
