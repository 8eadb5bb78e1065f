// Edits sent all at once (issue #9): the server applies the queued edits, checks the final text,
// publishes versions in order only, and what it publishes last equals a fresh check of the final
// text (the same text opened as another file).

import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol/node';
import { LspClient } from '../../scripts/harness/lspClient';

const POLICY = `resource "aws_iam_policy" "p" {
  name = "p"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["s3:GetObject"], Resource = "*" }]
  })
}
`;

/** 400 edits: characters typed into the action (making it unknown), some deleted, lines added above. */
function burst(text: string): { changes: TextDocumentContentChangeEvent[]; final: string } {
  let doc = TextDocument.create('file:///x.tf', 'terraform', 1, text);
  const changes: TextDocumentContentChangeEvent[] = [];
  const apply = (change: TextDocumentContentChangeEvent) => {
    changes.push(change);
    doc = TextDocument.update(doc, [change], doc.version + 1);
  };
  const top = { line: 0, character: 0 };
  let typed = text.indexOf('GetObject') + 'GetObject'.length;
  for (let i = 0; i < 400; i++) {
    const at = doc.positionAt(typed);
    if (i % 40 === 39) {
      apply({ range: { start: top, end: top }, text: '\n' });
      typed++;
    } else if (i % 5 === 4) {
      apply({ range: { start: doc.positionAt(typed - 1), end: at }, text: '' });
      typed--;
    } else {
      apply({ range: { start: at, end: at }, text: 'z' });
      typed++;
    }
  }
  return { changes, final: doc.getText() };
}

/** What a diagnostic says, without the version it was computed for. */
function shape(d: Diagnostic): unknown {
  return { code: d.code, range: d.range, severity: d.severity, message: d.message };
}

describe('edit storm over LSP (all edits at once)', function () {
  let client: LspClient | undefined;
  let work: string;

  beforeEach(() => (work = mkdtempSync(join(tmpdir(), 'pg-storm-'))));
  afterEach(async () => {
    if (client && !client.hasExited) await client.stop();
    client = undefined;
    rmSync(work, { recursive: true, force: true });
  });

  it('publishes the final version last, equal to a fresh check of the final text', async () => {
    for (const d of ['a', 'b']) mkdirSync(join(work, d));
    const a = pathToFileURL(join(work, 'a', 'main.tf')).href;
    const b = pathToFileURL(join(work, 'b', 'main.tf')).href;
    const c = (client = LspClient.start());
    await c.initialize(pathToFileURL(work).href);
    const opened = c.waitForDiagnostics(a, () => true, 30000);
    await c.open(a, 'terraform', POLICY);
    await opened;
    const versions: number[] = [];
    c.onPublish = (p) => void (p.uri === a && versions.push(p.version ?? -1));
    const { changes, final } = burst(POLICY);
    const lastVersion = changes.length + 1;
    const settled = c.waitForDiagnostics(a, (p) => p.version === lastVersion, 30000);
    await Promise.all(changes.map((change) => c.change(a, [change])));
    const storm = await settled;
    // Nothing after the final version; versions only grow.
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(versions.at(-1), lastVersion, `publishes: ${versions.join(',')}`);
    assert.deepEqual(
      versions,
      [...versions].sort((x, y) => x - y),
    );
    const fresh = c.waitForDiagnostics(b, () => true, 30000);
    await c.open(b, 'terraform', final);
    const expected = await fresh;
    assert.ok(
      expected.diagnostics.some((d) => d.code === 'PG802'),
      'the typed action is unknown: the check saw the final text',
    );
    assert.deepEqual(storm.diagnostics.map(shape), expected.diagnostics.map(shape));
  });
});
