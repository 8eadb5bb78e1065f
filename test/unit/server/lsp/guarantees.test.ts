// Guarantees where people look in the editor: the CodeLens above each role, the role hover, the
// pennsieve/guarantees request and relatedInformation on a counterexample's diagnostic.

import { strict as assert } from 'node:assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { UnitAnalysis } from '../../../../server/src/analysis/analyzer';
import { loadProfile } from '../../../../server/src/engine/loadProfile';
import { createCodeLensHandler } from '../../../../server/src/handlers/codeLens';
import { toDiagnostic } from '../../../../server/src/handlers/diagnostics';
import { createGuaranteesHandler } from '../../../../server/src/handlers/guarantees';
import { hoverFor } from '../../../../server/src/handlers/hover';
import type { SourceFile } from '../../../../server/src/model/source';
import { engine } from './helpers/harness';

const profile = loadProfile('pennsieve', __dirname);

const MAIN = `resource "aws_iam_role" "cross_account" {
  name               = "Pennsieve-Compute-dev-1a2b3c4d"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::740463337177:root" }, Action = "sts:AssumeRole",
      Condition = { StringEquals = { "sts:ExternalId" = "x-1" } } }]
  })
}

resource "aws_iam_role_policy" "cross_account" {
  role = aws_iam_role.cross_account.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["iam:CreateRole"], Resource = "*" },
    ]
  })
}
`;

function analysisOf(files: readonly SourceFile[]): UnitAnalysis {
  const result = engine.check(files, profile);
  const texts = new Map(files.map((f) => [f.id, f.text]));
  return {
    key: 'test',
    files,
    signature: 'test',
    profile,
    result,
    checkMs: 0,
    text: (id) => texts.get(id),
    findingsIn: (id) => result.findings.filter((f) => f.loc.file === id),
  };
}

const URI = 'file:///ws/node/main.tf';
const analysis = analysisOf([{ id: URI, path: '/ws/node/main.tf', text: MAIN }]);
const deps = { analysisOf: async () => analysis, log: (m: string) => assert.fail(m) };

describe('guarantees in the editor', () => {
  it('a CodeLens above the role lists each guarantee: ✓ proved, ✗ counterexample, with reasons in the tooltip', async () => {
    const lenses = await createCodeLensHandler(deps)({ textDocument: { uri: URI } });
    assert.equal(lenses.length, 1);
    assert.equal(lenses[0].range.start.line, 0);
    const cmd = lenses[0].command!;
    assert.match(cmd.title, /^Guarantees: ✓ \d+ proved · ✗ PG301/);
    assert.match(cmd.title, /✗ PG303/);
    assert.match(
      (cmd as { tooltip?: string }).tooltip ?? '',
      /✗ PG301 Cross-account role can create unbounded roles — counterexample: .*iam:CreateRole/,
    );
    assert.match((cmd as { tooltip?: string }).tooltip ?? '', /✓ PG101 Trust policy open to any principal — proved/);
  });

  it('pennsieve/guarantees answers the table with the counterexample in LSP coordinates', async () => {
    const r = await createGuaranteesHandler(deps)({ textDocument: { uri: URI } });
    assert.equal(r.profile, 'builtin:pennsieve');
    assert.deepEqual(
      r.subjects.map((s) => [s.subject, s.kind]),
      [['aws_iam_role.cross_account', 'crossAccount']],
    );
    const pg301 = r.subjects[0].guarantees.find((g) => g.ruleId === 'PG301')!;
    assert.equal(pg301.verdict, 'counterexample');
    assert.equal(pg301.counterexample?.action, 'iam:CreateRole');
    assert.equal(pg301.counterexample?.context['iam:PermissionsBoundary'], null);
    assert.equal(pg301.counterexample?.allowedBy?.range.start.line, 14);
    assert.equal(r.subjects[0].guarantees.find((g) => g.ruleId === 'PG102')?.verdict, 'proved');
    const none = await createGuaranteesHandler({ analysisOf: async () => undefined, log: deps.log })({
      textDocument: { uri: URI },
    });
    assert.deepEqual(none.subjects, []);
  });

  it('the role hover shows the verdicts', () => {
    const h = hoverFor(analysis, { textDocument: { uri: URI }, position: { line: 0, character: 12 } }, engine.catalog);
    const md = (h?.contents as { value: string }).value;
    assert.match(md, /\*\*Guarantees\*\*/);
    assert.match(md, /✗ `PG301` Cross-account role can create unbounded roles — counterexample: /);
  });

  it('a counterexample diagnostic carries relatedInformation: the allowing statement', () => {
    const f = analysis.result.findings.find((x) => x.ruleId === 'PG301')!;
    const d = toDiagnostic({ finding: f, isNew: false }, TextDocument.create(URI, 'terraform', 1, MAIN));
    assert.equal(d.relatedInformation?.[0].location.uri, URI);
    assert.equal(d.relatedInformation?.[0].location.range.start.line, 14);
    assert.match(d.relatedInformation?.[0].message ?? '', /allows iam:CreateRole/);
  });
});
