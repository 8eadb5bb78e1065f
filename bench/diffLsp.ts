// The permission diff after a one-line edit in the real language server, over LSP on stdio
// (the production bundle, a git repository holding the 2,000-line module): from sending the
// edit (didChange) to the answer that carries the diff — the CodeLens request (the edit is
// checked, then compared with HEAD, whose check is cached) and pennsieve/permissionChanges
// (the same, plus `git status` for the Permission Changes view).

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CodeLensRequest } from 'vscode-languageserver-protocol/node';
import { PermissionChangesRequest } from '../shared/diffProtocol';
import { LspClient } from '../scripts/harness/lspClient';
import { terraformModule } from './generate';
import { buildServer, commitAll } from './lsp';

interface LspDiffResult {
  /** Edit → CodeLens answer with the diff lens, ms. */
  readonly lens: number[];
  /** Edit → pennsieve/permissionChanges answer, ms. */
  readonly view: number[];
  /** Diff lenses in the last answer (1: the edited role). */
  readonly lenses: number;
  readonly loadAverage: number;
}

const WARM_UP = 10;

/** `edits` one-line edits (an action added to a list, alternating) measured each way. */
export async function runLspDiff(edits: number): Promise<LspDiffResult> {
  const work = mkdtempSync(join(tmpdir(), 'pg-bench-difflsp-'));
  let client: LspClient | undefined;
  try {
    const server = await buildServer(join(work, 'bin'));
    const dir = join(work, 'module');
    const text = terraformModule(2000);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'main.tf'), text);
    commitAll(work);
    const uri = pathToFileURL(join(dir, 'main.tf')).href;
    client = LspClient.start({ command: process.execPath, args: [server, '--stdio'] }, work);
    await client.initialize(pathToFileURL(work).href, 30000);
    const first = client.waitForDiagnostics(uri, () => true, 30000);
    await client.open(uri, 'terraform', text);
    await first;
    const key = '"logs:CreateLogStream", "logs:PutLogEvents"';
    const at = text.indexOf(key);
    const edited = (i: number) =>
      `${text.slice(0, at)}${key}, "logs:${i % 2 ? 'DescribeLogStreams' : 'GetLogEvents'}"${text.slice(at + key.length)}`;
    const c = client;
    const time = async (i: number, ask: () => Promise<unknown>) => {
      const t0 = performance.now();
      await c.change(uri, [{ text: edited(i) }]);
      await ask();
      return performance.now() - t0;
    };
    let lenses = 0;
    const lens: number[] = [];
    const view: number[] = [];
    for (let i = 0; i < edits + WARM_UP; i++) {
      const ms = await time(i, async () => {
        const got = await c.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } });
        lenses = (got ?? []).filter((l) => /^Since HEAD/.test(l.command?.title ?? '')).length;
      });
      if (i >= WARM_UP) lens.push(ms);
    }
    for (let i = 0; i < edits + WARM_UP; i++) {
      const ms = await time(i, () => c.connection.sendRequest(PermissionChangesRequest.type, {}));
      if (i >= WARM_UP) view.push(ms);
    }
    return { lens, view, lenses, loadAverage: loadavg()[0] };
  } finally {
    if (client) await client.stop();
    rmSync(work, { recursive: true, force: true });
  }
}
