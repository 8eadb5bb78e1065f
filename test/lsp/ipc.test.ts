// The transport the VS Code client uses: node IPC (a forked process), diagnostics included.

import { strict as assert } from 'node:assert';
import { CFN_YAML } from '../unit/server/lsp/helpers/fixtures';
import { TempWorkspace } from '../unit/server/lsp/helpers/workspace';
import { LspClient } from '../../scripts/harness/lspClient';

describe('language server over node IPC', () => {
  it('initializes, publishes diagnostics for a CloudFormation template and exits cleanly', async () => {
    const ws = new TempWorkspace({ 'cfn/template.yaml': CFN_YAML });
    const client = LspClient.startIpc();
    try {
      await client.initialize(ws.uri(''));
      const uri = ws.uri('cfn/template.yaml');
      const diags = client.waitForDiagnostics(uri);
      await client.open(uri, 'yaml', CFN_YAML);
      const codes = new Set((await diags).diagnostics.map((d) => d.code));
      assert.ok(codes.has('PG104') && codes.has('PG802'), [...codes].join(' '));
      assert.equal(await client.stop(), 0);
    } finally {
      if (!client.hasExited) client.proc.kill('SIGKILL');
      ws.dispose();
    }
  });
});
