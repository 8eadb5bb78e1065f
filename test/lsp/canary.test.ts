// Nothing from outside the workspace reaches the language server's diagnostics, hovers or log:
// the real server runs with a canary in its environment, on a repository whose Terraform reads
// /proc/self/environ with file() and whose files link out of it (test/support/canaryRepo.ts).

import { strict as assert } from 'node:assert';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { HoverRequest, type Hover } from 'vscode-languageserver-protocol/node';
import { LspClient, sourceServer } from '../../scripts/harness/lspClient';
import { makeCanaryRepo, type CanaryRepo } from '../support/canaryRepo';

describe('language server: reads stay inside the workspace (canary)', function () {
  let c: CanaryRepo;
  let client: LspClient;

  before(async () => {
    c = makeCanaryRepo();
    client = LspClient.start({ ...sourceServer(), env: c.env });
    await client.initialize(pathToFileURL(c.repo).href);
  });

  after(async () => {
    await client.stop();
    rmSync(c.dir, { recursive: true, force: true });
  });

  it('publishes diagnostics and answers hovers without the canary; the refused reads are unknowns', async () => {
    const uri = pathToFileURL(join(c.repo, 'main.tf')).href;
    const published = client.waitForDiagnostics(uri, (p) => p.version === 1);
    await client.open(uri, 'terraform', readFileSync(join(c.repo, 'main.tf'), 'utf8'));
    const p = await published;
    const doc = TextDocument.create(uri, 'terraform', 1, c.mainTf);
    const hovers: (Hover | null)[] = [];
    for (const needle of ['"worker"', 'permissions_boundary', 'file("credentials")', 'policy.json']) {
      hovers.push(
        await client.connection.sendRequest(HoverRequest.type, {
          textDocument: { uri },
          position: doc.positionAt(c.mainTf.indexOf(needle) + 2),
        }),
      );
    }
    const said = JSON.stringify({
      diagnostics: [...client.diagnostics.values()],
      hovers,
      logs: client.logs,
      statuses: client.statuses,
      stderr: client.stderr,
    });
    assert.ok(!said.includes(c.canary), 'the canary leaked');
    assert.ok(
      p.diagnostics.some((d) =>
        /reads only regular files inside the checked folder, so \/proc\/self\/environ is not read/.test(
          JSON.stringify(d.message),
        ),
      ),
      JSON.stringify(p.diagnostics.map((d) => d.message)),
    );
    assert.ok(
      hovers.some((h) => h !== null),
      'a hover was answered',
    );
  });
});
