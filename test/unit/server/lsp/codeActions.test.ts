// Code actions over LSP types: fixes for the findings under the range, linked to the client's
// diagnostic, as versioned workspace edits that apply cleanly.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionKind,
  type CodeAction,
  type Diagnostic,
  type TextDocumentEdit,
  type TextEdit,
} from 'vscode-languageserver/node';
import { codeActionsFor } from '../../../../server/src/handlers/codeActions';
import { toDiagnostics } from '../../../../server/src/handlers/diagnostics';
import * as fx from './helpers/fixtures';
import { createHarness, engine, type Harness } from './helpers/harness';
import { TempWorkspace } from './helpers/workspace';

describe('code actions (handlers/codeActions)', () => {
  let ws: TempWorkspace;
  let h: Harness;

  beforeEach(() => {
    ws = new TempWorkspace({ 'tf/main.tf': fx.TF_MAIN, 'tf/variables.tf': '# inputs\n', 'cfn/t.yaml': fx.CFN_YAML });
    h = createHarness();
  });

  afterEach(() => {
    h.checker.dispose();
    ws.dispose();
  });

  async function actionsAt(rel: string, ruleId: string, only?: string[]) {
    const uri = ws.uri(rel);
    const doc = h.buffers.get(uri) ?? h.buffers.open(uri, readFileSync(ws.path(rel), 'utf8'));
    const analysis = (await h.checker.analysisOf(uri))!;
    const diagnostics = toDiagnostics({
      uri,
      version: doc.version,
      text: doc.getText(),
      findings: analysis.findingsIn(uri).map((f) => ({ finding: f, isNew: false })),
    });
    const diag = diagnostics.find((d) => d.code === ruleId)!;
    assert.ok(diag, `a ${ruleId} diagnostic`);
    const actions = codeActionsFor(
      analysis,
      { textDocument: { uri }, range: diag.range, context: { diagnostics: [diag], ...(only ? { only } : {}) } },
      { catalog: engine.catalog, versionOf: (u) => h.buffers.get(u)?.version ?? null, documentChanges: () => true },
    );
    return { actions, diag, doc };
  }

  function apply(action: CodeAction, uri: string, text: string): string {
    const change = (action.edit!.documentChanges as TextDocumentEdit[]).find((c) => c.textDocument.uri === uri);
    if (!change) return text;
    return TextDocument.applyEdits(TextDocument.create(uri, '', 0, text), change.edits as TextEdit[]);
  }

  it('offers the rule’s quick fix linked to the client diagnostic', async () => {
    const { actions, diag, doc } = await actionsAt('tf/main.tf', 'PG104');
    const fix = actions.find((a) => a.title.startsWith('Lower the maximum session duration'))!;
    assert.equal(fix.kind, CodeActionKind.QuickFix);
    assert.equal(fix.isPreferred, true);
    assert.deepEqual(fix.diagnostics, [diag]);
    const change = (fix.edit!.documentChanges as TextDocumentEdit[])[0];
    assert.deepEqual(change.textDocument, { uri: doc.uri, version: doc.version });
    assert.match(apply(fix, doc.uri, doc.getText()), /max_session_duration = 7200/);
  });

  it('edits a second, closed file to declare the variable (version null)', async () => {
    const { actions, doc } = await actionsAt('tf/main.tf', 'PG102');
    const fix = actions.find((a) => a.title.startsWith('Add an sts:ExternalId'))!;
    const changes = fix.edit!.documentChanges as TextDocumentEdit[];
    const vars = changes.find((c) => c.textDocument.uri === ws.uri('tf/variables.tf'))!;
    assert.equal(vars.textDocument.version, null);
    assert.match(apply(fix, vars.textDocument.uri, '# inputs\n'), /# inputs\n\nvariable "external_id" \{/);
    assert.match(apply(fix, doc.uri, doc.getText()), /"sts:ExternalId" = var\.external_id/);
  });

  it('adds a fix-all for the missing deny statements next to each deny finding', async () => {
    const { actions, doc } = await actionsAt('cfn/t.yaml', 'PG303');
    const all = actions.find((a) => a.title === 'Add all missing deny statements to the cross-account role')!;
    assert.ok(all, actions.map((a) => a.title).join(', '));
    assert.ok((all.diagnostics ?? []).length >= 3);
    const fixed = apply(all, doc.uri, doc.getText());
    const left = engine.check(
      [{ id: doc.uri, path: ws.path('cfn/t.yaml'), text: fixed }],
      (await h.checker.analysisOf(doc.uri))!.profile,
    );
    assert.deepEqual(
      left.findings.filter((f) => /^PG30[123]$/.test(f.ruleId)).map((f) => f.ruleId),
      [],
    );
  });

  it('returns nothing when the client asks for another kind, or where nothing is fixable', async () => {
    assert.deepEqual((await actionsAt('tf/main.tf', 'PG104', [CodeActionKind.Refactor])).actions, []);
    const uri = ws.uri('cfn/t.yaml');
    h.buffers.open(uri, fx.CFN_YAML);
    const analysis = (await h.checker.analysisOf(uri))!;
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } };
    assert.deepEqual(
      codeActionsFor(
        analysis,
        { textDocument: { uri }, range, context: { diagnostics: [] } },
        { catalog: engine.catalog, versionOf: () => 1, documentChanges: () => true },
      ),
      [],
    );
  });

  it('falls back to plain `changes` for clients without documentChanges', async () => {
    const uri = ws.uri('tf/main.tf');
    h.buffers.open(uri, fx.TF_MAIN);
    const analysis = (await h.checker.analysisOf(uri))!;
    const f = analysis.findingsIn(uri).find((x) => x.ruleId === 'PG802')!;
    const doc = TextDocument.create(uri, '', 0, fx.TF_MAIN);
    const range = { start: doc.positionAt(f.loc.start), end: doc.positionAt(f.loc.end) };
    const [action] = codeActionsFor(
      analysis,
      { textDocument: { uri }, range, context: { diagnostics: [] as Diagnostic[] } },
      { catalog: engine.catalog, versionOf: () => 1, documentChanges: () => false },
    );
    assert.ok(action.edit?.changes?.[uri]);
    assert.equal(action.diagnostics?.[0].code, 'PG802', 'a diagnostic is made when the client sent none');
  });
});
