// Terraform modules through the real server process: a root module's diagnostics follow its
// module calls, and editing the called module (an unsaved buffer) re-checks the caller.

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

const CHILD = (resource: string) => `variable "name" {
  type = string
}

variable "passable_roles" {
  type = list(string)
}

resource "aws_iam_role" "deployer" {
  name                 = var.name
  permissions_boundary = "arn:aws:iam::123456789012:policy/pennsieve-boundary-compute"
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

describe('Terraform modules over LSP', function () {
  this.timeout(30_000);
  let ws: TempWorkspace;
  let client: LspClient;

  before(async () => {
    ws = new TempWorkspace({
      '.pennsieve-guard.yaml': 'extends: pennsieve\nrequiredTags: []\n',
      'main.tf': ROOT,
      'modules/deployer/main.tf': CHILD(FIXED),
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
});
