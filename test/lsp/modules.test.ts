// Terraform modules through the real server process: a root module's diagnostics follow its
// module calls, and editing the called module (an unsaved buffer) re-checks the caller. A
// module's own file, open alone, shows what its calls give it: a value passed by a call at the
// module's `var.<name>` with the call's argument as related information; a finding inside the
// module naming the calls that make it (the same finding through two calls: one diagnostic).

import { strict as assert } from 'node:assert';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { TempWorkspace } from '../unit/server/lsp/helpers/workspace';
import { LspClient } from '../../scripts/harness/lspClient';

const ROOT = `module "deployer" {
  source = "./modules/deployer"

  name           = "pennsieve-deployer"
  passable_roles = ["*"]
}

module "vpc" {
  source = "terraform-aws-modules/vpc/aws"
}
`;

const BOUNDARY = '"arn:aws:iam::123456789012:policy/pennsieve-boundary-compute"';

/** Two calls of one module: one passes "*" as the roles it may pass. */
const TWO_CALLS = `module "writer" {
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

const CHILD = (resource: string, boundary = BOUNDARY) => `variable "name" {
  type = string
}

variable "passable_roles" {
  type = list(string)
}

resource "aws_iam_role" "deployer" {
  name                 = var.name
  permissions_boundary = ${boundary}
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "codebuild.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy" "pass" {
  role = aws_iam_role.deployer.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "iam:PassRole", Resource = ${resource} }]
  })
}
`;

const FIXED = '"arn:aws:iam::123456789012:role/pennsieve-worker"';

function codes(ds: readonly Diagnostic[]): string[] {
  return ds.map((d) => `${String(d.code)}:${d.range.start.line + 1}`).sort();
}

/** `file:line message` of each related location (1-based lines, paths from the workspace root). */
function related(d: Diagnostic, root: string): string[] {
  return (d.relatedInformation ?? [])
    .map((r) => `${r.location.uri.slice(root.length)}:${r.location.range.start.line + 1} ${r.message}`)
    .sort();
}

describe('Terraform modules over LSP', function () {
  this.timeout(30_000);
  let ws: TempWorkspace;
  let client: LspClient;

  before(async () => {
    ws = new TempWorkspace({
      '.pennsieve-guard.yaml': 'extends: pennsieve\nrequiredTags: []\n',
      'main.tf': ROOT,
      'modules/deployer/main.tf': CHILD(FIXED),
      'calls/main.tf': TWO_CALLS,
      'calls/modules/role/main.tf': CHILD('var.passable_roles'),
    });
    client = LspClient.start();
    await client.initialize(ws.uri(''));
  });

  after(async () => {
    assert.equal(await client.stop(), 0, `clean exit; stderr: ${client.stderr.join('')}`);
    ws.dispose();
  });

  it('checks the root through its module calls and reports the module it cannot follow', async () => {
    const uri = ws.uri('main.tf');
    const opened = client.waitForDiagnostics(uri, (p) => p.version === 1);
    await client.open(uri, 'terraform', ROOT);
    assert.deepEqual(codes((await opened).diagnostics), ['PG801:9']);
  });

  it('re-checks the caller when the called module is edited: the argument "*" now reaches PassRole', async () => {
    const child = ws.uri('modules/deployer/main.tf');
    await client.open(child, 'terraform', CHILD(FIXED));
    const root = client.waitForDiagnostics(ws.uri('main.tf'), (p) => p.diagnostics.some((d) => d.code === 'PG503'));
    const text = CHILD(FIXED);
    const at = text.indexOf(FIXED);
    const lines = text.slice(0, at).split('\n');
    const start = { line: lines.length - 1, character: lines[lines.length - 1].length };
    await client.change(child, [
      {
        range: { start, end: { line: start.line, character: start.character + FIXED.length } },
        text: 'var.passable_roles',
      },
    ]);
    assert.deepEqual(codes((await root).diagnostics), ['PG503:5', 'PG801:9']);
  });

  it('shows the PassRole "*" one call passes at the module\'s var.passable_roles, the call as related', async () => {
    const child = ws.uri('calls/modules/role/main.tf');
    const got = client.waitForDiagnostics(child, (p) => p.version === 1);
    await client.open(child, 'terraform', CHILD('var.passable_roles'));
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
      'calls/main.tf:5 module.writer passes this value as "passable_roles"',
      'calls/modules/role/main.tf:22 This statement allows iam:PassRole',
    ]);
  });

  it('a finding inside the module made by both calls is one diagnostic naming both calls', async () => {
    const child = ws.uri('calls/modules/role/main.tf');
    const got = client.waitForDiagnostics(child, (p) => p.version === 2);
    await client.change(child, [{ text: CHILD('var.passable_roles', 'null') }]);
    const ds = (await got).diagnostics;
    assert.deepEqual(codes(ds), ['PG201:9', 'PG503:22']);
    const pg201 = ds.find((d) => d.code === 'PG201')!;
    assert.deepEqual(related(pg201, `${ws.uri('')}/`), [
      'calls/main.tf:1 module.writer calls this module here',
      'calls/main.tf:8 module.reader calls this module here',
    ]);
  });

  it('editing the caller re-checks the open module: the call no longer passes "*"', async () => {
    const root = ws.uri('calls/main.tf');
    const child = ws.uri('calls/modules/role/main.tf');
    await client.open(root, 'terraform', TWO_CALLS);
    const got = client.waitForDiagnostics(child, (p) => !p.diagnostics.some((d) => d.code === 'PG503'));
    await client.change(root, [
      { text: TWO_CALLS.replace('["*"]', '["arn:aws:iam::123456789012:role/pennsieve-worker"]') },
    ]);
    assert.deepEqual(codes((await got).diagnostics), ['PG201:9']);
  });
});
