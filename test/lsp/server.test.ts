// The real server process over stdio: initialize, a Terraform module's diagnostics, edits,
// code actions, hovers, completion, the status notification, shutdown and exit.

import { strict as assert } from 'node:assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionRequest,
  CompletionRequest,
  DiagnosticSeverity,
  HoverRequest,
  type CodeAction,
  type Diagnostic,
  type TextDocumentEdit,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { DIAGNOSTIC_SOURCE } from '../../shared/protocol';
import { TF_BOUNDARY, TF_BOUNDARY_POLICY, TF_BOUNDED_ROLE, TF_MAIN } from '../unit/server/lsp/helpers/fixtures';
import { TempWorkspace } from '../unit/server/lsp/helpers/workspace';
import { LspClient } from '../../scripts/harness/lspClient';

describe('language server over stdio', function () {
  let ws: TempWorkspace;
  let client: LspClient;
  let main: string;
  let boundary: string;

  before(async () => {
    ws = new TempWorkspace({
      'mod/main.tf': TF_MAIN,
      'mod/boundary.tf': TF_BOUNDARY,
      'bounded/main.tf': TF_BOUNDED_ROLE,
      'bounded/boundary.tf': TF_BOUNDARY_POLICY,
    });
    main = ws.uri('mod/main.tf');
    boundary = ws.uri('mod/boundary.tf');
    client = LspClient.start();
    const init = await client.initialize(ws.uri(''));
    assert.deepEqual(init.capabilities.completionProvider?.triggerCharacters, [':', '"']);
    assert.equal(init.capabilities.hoverProvider, true);
    assert.equal(init.serverInfo?.name, 'pennsieve-guard');
  });

  after(async () => {
    const code = await client.stop();
    ws.dispose();
    assert.equal(code, 0, `clean exit after shutdown; stderr: ${client.stderr.join('')}`);
  });

  it('publishes diagnostics for the opened file and its module siblings', async () => {
    const sibling = client.waitForDiagnostics(boundary);
    const mainDiags = client.waitForDiagnostics(main, (p) => p.version === 1);
    await client.open(main, 'terraform', TF_MAIN);
    const p = await mainDiags;
    await sibling;
    const codes = new Set(p.diagnostics.map((d) => d.code));
    for (const code of ['PG102', 'PG104', 'PG105', 'PG201', 'PG301', 'PG302', 'PG303', 'PG802'])
      assert.ok(codes.has(code), `${code} in ${[...codes].join(' ')}`);
    assert.ok(
      p.diagnostics.every(
        (d) => d.source === DIAGNOSTIC_SOURCE && d.codeDescription?.href.includes(`/docs/rules/${d.code}.md`),
      ),
    );
    const typo = p.diagnostics.find((d) => d.code === 'PG802')!;
    assert.equal(lineText(TF_MAIN, typo).trim(), '"s3:GetObjcet"', 'the range is the misspelt action');
    assert.equal(typo.severity, DiagnosticSeverity.Error);
  });

  it('sends a pennsieve/status notification after each check', async () => {
    const s = await client.waitForStatus((x) => x.uris.includes(main), 10000, true);
    assert.equal(s.state, 'ok');
    assert.ok(s.counts.error > 0);
    assert.match(s.unit, /^tf:/);
  });

  it('updates diagnostics after an incremental edit', async () => {
    const doc = TextDocument.create(main, 'terraform', 1, TF_MAIN);
    const at = doc.positionAt(TF_MAIN.indexOf('43200'));
    const next = client.waitForDiagnostics(main, (p) => p.version === 2);
    await client.change(main, [
      { range: { start: at, end: { line: at.line, character: at.character + 5 } }, text: '3600' },
    ]);
    const p = await next;
    assert.ok(!p.diagnostics.some((d) => d.code === 'PG104'), 'PG104 gone after lowering the duration');
    assert.ok(p.diagnostics.some((d) => d.code === 'PG802'));
  });

  it('editing boundary.tf re-checks main.tf (closed, read from disk)', async () => {
    const roleFile = ws.uri('bounded/main.tf');
    const policyFile = ws.uri('bounded/boundary.tf');
    const first = client.waitForDiagnostics(roleFile);
    await client.open(policyFile, 'terraform', TF_BOUNDARY_POLICY);
    assert.ok(!(await first).diagnostics.some((d) => d.code === 'PG201'), 'the role carries the boundary');
    const broken = client.waitForDiagnostics(roleFile, (x) =>
      x.diagnostics.some((d) => d.code === 'PG201' && String(d.message).includes('not the pennsieve-boundary')),
    );
    const doc = TextDocument.create(policyFile, 'terraform', 1, TF_BOUNDARY_POLICY);
    const at = doc.positionAt(TF_BOUNDARY_POLICY.indexOf('pennsieve-boundary-'));
    await client.change(policyFile, [
      {
        range: { start: at, end: { line: at.line, character: at.character + 'pennsieve-boundary-'.length } },
        text: 'other-',
      },
    ]);
    const d = (await broken).diagnostics.find((x) => x.code === 'PG201')!;
    assert.equal(
      TF_BOUNDED_ROLE.split('\n')[d.range.start.line].trim(),
      'permissions_boundary = aws_iam_policy.boundary.arn',
    );
    await client.close(policyFile);
  });

  it('answers code actions with a fix that removes the finding', async () => {
    const current = client.diagnostics.get(main)!;
    const typo = current.diagnostics.find((d) => d.code === 'PG802')!;
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: main },
      range: typo.range,
      context: { diagnostics: [typo] },
    })) as CodeAction[];
    const fix = actions.find((a) => a.title === 'Replace with s3:GetObject')!;
    assert.ok(fix, actions.map((a) => a.title).join(', '));
    const edit = (fix.edit!.documentChanges as TextDocumentEdit[])[0];
    assert.equal(edit.textDocument.version, current.version);
    const gone = client.waitForDiagnostics(main, (p) => !p.diagnostics.some((d) => d.code === 'PG802'));
    await client.change(
      main,
      (edit.edits as TextEdit[]).map((e) => ({ range: e.range, text: e.newText })),
    );
    await gone;
  });

  it('answers hovers on actions and roles', async () => {
    const text = TF_MAIN;
    const doc = TextDocument.create(main, 'terraform', 1, text);
    const onAction = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: main },
      position: doc.positionAt(text.indexOf('iam:PassRole') + 3),
    });
    assert.match(markdownOf(onAction), /iam:PassRole/);
    const onRole = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: main },
      position: doc.positionAt(text.indexOf('"worker"') + 2),
    });
    assert.match(markdownOf(onRole), /Effective permissions/);
  });

  it('completes action names after a service prefix', async () => {
    const doc = TextDocument.create(main, 'terraform', 1, TF_MAIN);
    const pos = doc.positionAt(TF_MAIN.indexOf('"iam:CreateRole"') + 5);
    const list = await client.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri: main },
      position: pos,
      context: { triggerKind: 2, triggerCharacter: ':' },
    });
    const items = Array.isArray(list) ? list : list!.items;
    assert.ok(items.some((i) => i.label === 'iam:CreateRole'));
  });

  it('clears diagnostics when the module’s last buffer closes', async () => {
    const cleared = client.waitForDiagnostics(main, (p) => p.diagnostics.length === 0);
    await client.close(boundary);
    await client.close(main);
    await cleared;
  });
});

function lineText(text: string, d: Diagnostic): string {
  const lines = text.split('\n');
  return lines[d.range.start.line].slice(d.range.start.character, d.range.end.character);
}

function markdownOf(h: unknown): string {
  const c = (h as { contents?: { value?: string } } | null)?.contents;
  return c?.value ?? '';
}
