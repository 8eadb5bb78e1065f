// A module's own file, open alone in the editor, shows what its calls give it (the real server
// process over LSP): a value passed by a call is reported at the module's `var.<name>` with the
// call's argument as related information; a finding inside the module names the calls that make
// it; the same finding through two calls is one diagnostic naming both.

import { strict as assert } from 'node:assert';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { TempWorkspace } from '../unit/server/lsp/helpers/workspace';
import { LspClient } from '../../scripts/harness/lspClient';

const BOUNDARY = '"arn:aws:iam::123456789012:policy/pennsieve-boundary-compute"';

const ROOT = `module "writer" {
  source = "./modules/role"

  name           = "pennsieve-writer"
  passable_roles = ["*"]
}

module "reader" {
  source = "./modules/role"

  name           = "pennsieve-reader"
  passable_roles = ["arn:aws:iam::123456789012:role/pennsieve-worker"]
}
`;

const CHILD = (boundary: string) => `variable "name" {
  type = string
}

variable "passable_roles" {
  type = list(string)
}

resource "aws_iam_role" "this" {
  name                 = var.name
  permissions_boundary = ${boundary}
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "codebuild.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy" "pass" {
  role = aws_iam_role.this.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "iam:PassRole", Resource = var.passable_roles }]
  })
}
`;

/** `RULE:line` (1-based) of each diagnostic, sorted. */
function codes(ds: readonly Diagnostic[]): string[] {
  return ds.map((d) => `${String(d.code)}:${d.range.start.line + 1}`).sort();
}

/** `file:line message` of each related location (1-based lines, paths from the workspace root). */
function related(d: Diagnostic, root: string): string[] {
  return (d.relatedInformation ?? [])
    .map((r) => `${r.location.uri.slice(root.length)}:${r.location.range.start.line + 1} ${r.message}`)
    .sort();
}

describe('findings through module calls, in the module file over LSP', function () {
  this.timeout(30_000);
  let ws: TempWorkspace;
  let client: LspClient;

  before(async () => {
    ws = new TempWorkspace({
      '.pennsieve-guard.yaml': 'extends: pennsieve\nrequiredTags: []\n',
      'main.tf': ROOT,
      'modules/role/main.tf': CHILD(BOUNDARY),
    });
    client = LspClient.start();
    await client.initialize(ws.uri(''));
  });

  after(async () => {
    assert.equal(await client.stop(), 0, `clean exit; stderr: ${client.stderr.join('')}`);
    ws.dispose();
  });

  it('shows the PassRole "*" one call passes at the module\'s var.passable_roles, the call as related', async () => {
    const child = ws.uri('modules/role/main.tf');
    const got = client.waitForDiagnostics(child, (p) => p.version === 1);
    await client.open(child, 'terraform', CHILD(BOUNDARY));
    const ds = (await got).diagnostics;
    assert.deepEqual(codes(ds), ['PG503:22']);
    const d = ds[0];
    assert.deepEqual(
      [d.range.start.character, d.range.end.character],
      [73, 91],
      'on var.passable_roles in the statement',
    );
    assert.match(String(d.message), /through module\.writer, argument "passable_roles"/);
    assert.deepEqual(related(d, `${ws.uri('')}/`), [
      'main.tf:5 module.writer passes this value as "passable_roles"',
      'modules/role/main.tf:22 This statement allows iam:PassRole',
    ]);
  });

  it('a finding inside the module made by both calls is one diagnostic naming both calls', async () => {
    const child = ws.uri('modules/role/main.tf');
    const got = client.waitForDiagnostics(child, (p) => p.version === 2);
    await client.change(child, [{ text: CHILD('null') }]);
    const ds = (await got).diagnostics;
    assert.deepEqual(codes(ds), ['PG201:9', 'PG503:22']);
    const pg201 = ds.find((d) => d.code === 'PG201')!;
    assert.deepEqual(related(pg201, `${ws.uri('')}/`), [
      'main.tf:1 module.writer calls this module here',
      'main.tf:8 module.reader calls this module here',
    ]);
  });

  it('editing the caller re-checks the open module: the call no longer passes "*"', async () => {
    const root = ws.uri('main.tf');
    const child = ws.uri('modules/role/main.tf');
    await client.open(root, 'terraform', ROOT);
    const got = client.waitForDiagnostics(child, (p) => !p.diagnostics.some((d) => d.code === 'PG503'));
    await client.change(root, [{ text: ROOT.replace('["*"]', '["arn:aws:iam::123456789012:role/pennsieve-worker"]') }]);
    assert.deepEqual(codes((await got).diagnostics), ['PG201:9']);
  });
});
