// Pulumi programs as you type, through the real server process: the article's CI role gets PG105
// on the ForAllValues key as it is typed, its quick fix gives valid TypeScript, a statement being
// typed (not parsing yet) is PG801 while the rest stays checked, ordinary TypeScript stays silent,
// and Pulumi YAML is checked too.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '@babel/parser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionRequest,
  type CodeAction,
  type Diagnostic,
  type TextDocumentEdit,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { TempWorkspace } from '../unit/server/lsp/helpers/workspace';
import { LspClient } from '../../scripts/harness/lspClient';
import { repoRoot as REPO_ROOT } from '../../scripts/harness/paths';

const ARTICLE = readFileSync(join(REPO_ROOT, 'test/fixtures/lint/pulumi-pg105-fire-article-ci-role/index.ts'), 'utf8');
const TYPED_BEFORE = ARTICLE.replace('"ForAllValues:StringEquals"', '"StringEquals"');
const PULUMI_YAML = readFileSync(
  join(REPO_ROOT, 'test/fixtures/lint/pulumiyaml-pg201-clean-boundary-interpolation/Pulumi.yaml'),
  'utf8',
);

function codes(ds: readonly Diagnostic[]): string[] {
  return ds.map((d) => String(d.code)).sort();
}

describe('Pulumi programs over LSP', function () {
  let ws: TempWorkspace;
  let client: LspClient;
  let doc: TextDocument;
  const rel = 'infra/index.ts';

  before(async () => {
    // The fixtures' profile: pennsieve without required tags.
    ws = new TempWorkspace({
      '.pennsieve-guard.yaml': 'extends: pennsieve\nrequiredTags: []\n',
      [rel]: TYPED_BEFORE,
      'infra/Pulumi.yaml': 'name: infra\nruntime: nodejs\n',
      'app/util.ts': 'export const trust = { Principal: { AWS: "*" } };\n',
      'yaml/Pulumi.yaml': PULUMI_YAML,
    });
    client = LspClient.start();
    await client.initialize(ws.uri(''));
  });

  after(async () => {
    assert.equal(await client.stop(), 0, `clean exit; stderr: ${client.stderr.join('')}`);
    ws.dispose();
  });

  /** Sends one edit and waits for the diagnostics of the new version. */
  async function edit(uri: string, at: number, end: number, text: string): Promise<Diagnostic[]> {
    const change = { range: { start: doc.positionAt(at), end: doc.positionAt(end) }, text };
    doc = TextDocument.update(doc, [change], doc.version + 1);
    const next = client.waitForDiagnostics(uri, (p) => p.version === doc.version);
    await client.change(uri, [change]);
    return (await next).diagnostics;
  }

  it('shows PG105 on the ForAllValues key as it is typed, at its exact range', async () => {
    const uri = ws.uri(rel);
    doc = TextDocument.create(uri, 'typescript', 1, TYPED_BEFORE);
    const opened = client.waitForDiagnostics(uri, (p) => p.version === 1);
    await client.open(uri, 'typescript', TYPED_BEFORE);
    assert.deepEqual(codes((await opened).diagnostics), ['PG302', 'PG303'], 'only the missing denies before the edit');
    const at = TYPED_BEFORE.indexOf('"StringEquals"') + 1;
    let diags: Diagnostic[] = [];
    for (const [i, ch] of [...'ForAllValues:'].entries()) diags = await edit(uri, at + i, at + i, ch);
    assert.equal(doc.getText(), ARTICLE);
    const pg105 = diags.filter((d) => d.code === 'PG105');
    // One finding on the token for both keys under it (#11: a rule fires at most once per token).
    assert.equal(pg105.length, 1, codes(diags).join(' '));
    for (const d of pg105) {
      assert.deepEqual(d.range.start, { line: 18, character: 16 });
      assert.equal(doc.getText(d.range), '"ForAllValues:StringEquals"');
    }
    assert.ok(
      diags.some((d) => d.code === 'PG102'),
      'the external ID no longer counts',
    );
  });

  it('offers the quick fix, and the fixed program parses as TypeScript without PG105', async () => {
    const uri = ws.uri(rel);
    const current = client.waitForDiagnostics(uri, (p) => p.version === doc.version, 10000, true);
    const target = (await current).diagnostics.find((d) => d.code === 'PG105')!;
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: target.range,
      context: { diagnostics: [target] },
    })) as CodeAction[];
    const fix = actions.find((a) => a.title === 'Use StringEquals (the key is single-valued)');
    assert.ok(fix, actions.map((a) => a.title).join(', '));
    const edits = (fix.edit!.documentChanges as TextDocumentEdit[])[0].edits as TextEdit[];
    const fixed = TextDocument.applyEdits(doc, edits);
    assert.doesNotThrow(() => parse(fixed, { sourceType: 'module', plugins: ['typescript'] }));
    doc = TextDocument.update(
      doc,
      edits.map((e) => ({ range: e.range, text: e.newText })),
      doc.version + 1,
    );
    const next = client.waitForDiagnostics(uri, (p) => p.version === doc.version);
    await client.change(
      uri,
      edits.map((e) => ({ range: e.range, text: e.newText })),
    );
    assert.deepEqual(codes((await next).diagnostics), ['PG302', 'PG303']);
  });

  it('reports a statement that does not parse yet (PG801) and keeps checking the others', async () => {
    const uri = ws.uri(rel);
    const text = doc.getText();
    const at = text.indexOf('maxSessionDuration: 3600') + 'maxSessionDuration: '.length;
    let diags = await edit(uri, at, at + 4, '43200');
    assert.ok(
      diags.some((d) => d.code === 'PG104'),
      codes(diags).join(' '),
    );
    const appended = doc.getText().length;
    diags = await edit(uri, appended, appended, '\nnew aws.iam.Role("typing", {\n    name: "pennsieve-');
    assert.ok(
      diags.some((d) => d.code === 'PG801'),
      `PG801 while typing: ${codes(diags).join(' ')}`,
    );
    assert.ok(
      diags.some((d) => d.code === 'PG104'),
      'the role above is still checked',
    );
    const end = doc.getText().length;
    diags = await edit(uri, end, end, 'typing",\n});\n');
    assert.ok(!diags.some((d) => d.code === 'PG801'), codes(diags).join(' '));
  });

  it('publishes nothing for a TypeScript file that is not a Pulumi program', async () => {
    const uri = ws.uri('app/util.ts');
    const published = client.waitForDiagnostics(uri);
    await client.open(uri, 'typescript', 'export const trust = { Principal: { AWS: "*" } };\n');
    assert.deepEqual((await published).diagnostics, []);
  });

  it('checks Pulumi YAML as it is typed', async () => {
    const uri = ws.uri('yaml/Pulumi.yaml');
    doc = TextDocument.create(uri, 'yaml', 1, PULUMI_YAML);
    const opened = client.waitForDiagnostics(uri, (p) => p.version === 1);
    await client.open(uri, 'yaml', PULUMI_YAML);
    assert.deepEqual((await opened).diagnostics, []);
    const at = PULUMI_YAML.indexOf('Service: ecs-tasks.amazonaws.com');
    const diags = await edit(uri, at, at + 'Service: ecs-tasks.amazonaws.com'.length, 'AWS: "*"');
    const star = diags.find((d) => d.code === 'PG101');
    assert.ok(star, codes(diags).join(' '));
    assert.equal(doc.getText(star.range), '"*"');
  });
});
