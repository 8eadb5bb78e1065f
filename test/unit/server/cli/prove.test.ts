// `pennsieve-guard prove`: the verdict table per role, its exit codes (0 proved, 1 counterexample,
// 3 unknown only, 2 usage), and the `counterexample` object of `check --format json` and SARIF.

import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../../server/src/cli';

const PROFILE = 'extends: pennsieve\nrequiredTags: []\n';

const trust = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::740463337177:root"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"e-1"}}}]}`;

function role(statements: string): string {
  return `resource "aws_iam_role" "cross_account" {
  name               = "Pennsieve-Compute-dev-1a2b3c4d"
  assume_role_policy = ${JSON.stringify(trust)}
}

resource "aws_iam_role_policy" "cross_account" {
  role   = aws_iam_role.cross_account.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [
${statements}
    ]
  })
}
`;
}

const DENIES = `      { Effect = "Deny", Action = ["iam:DeleteRolePermissionsBoundary"], Resource = "*" },
      { Effect = "Deny", Action = ["iam:PutRolePolicy", "iam:DeleteRolePolicy", "iam:AttachRolePolicy", "iam:DetachRolePolicy", "iam:UpdateAssumeRolePolicy", "iam:UpdateRole"], Resource = "arn:aws:iam::*:role/Pennsieve-Compute-*" },`;

function run(args: string[], cwd: string): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = runCli(
    args,
    cwd,
    (s) => (out += s),
    (s) => (err += s),
  );
  return { code, out, err };
}

describe('pennsieve-guard prove', function () {
  this.timeout(20000);
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pg-prove-'));
    writeFileSync(join(dir, '.pennsieve-guard.yaml'), PROFILE);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 0 when every guarantee is proved, and prints the table', () => {
    writeFileSync(
      join(dir, 'main.tf'),
      role(DENIES + '\n      { Effect = "Allow", Action = ["logs:PutLogEvents"], Resource = "*" },'),
    );
    const r = run(['prove'], dir);
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /aws_iam_role\.cross_account \(cross-account role, main\.tf:1\)/);
    assert.match(r.out, /✓ PG301 {2}Cross-account role can create unbounded roles: proved/);
    assert.match(r.out, /\d+ proved, 0 counterexamples, 0 unknown/);
  });

  it('exits 1 on a counterexample; JSON carries the request, the allowing statement and each failing deny', () => {
    const weakDeny =
      '      { Effect = "Deny", Action = "iam:CreateRole", Resource = "*", Condition = { StringNotLike = { "iam:PermissionsBoundary" = "arn:aws:iam::*:policy/pennsieve-*" } } },';
    writeFileSync(
      join(dir, 'main.tf'),
      role(`${DENIES}\n${weakDeny}\n      { Effect = "Allow", Action = ["iam:CreateRole"], Resource = "*" },`),
    );
    const r = run(['prove', '--format', 'json'], dir);
    assert.equal(r.code, 1, r.err);
    const subject = JSON.parse(r.out).subjects[0];
    const pg301 = subject.guarantees.find((g: { ruleId: string }) => g.ruleId === 'PG301');
    assert.equal(pg301.verdict, 'counterexample');
    const cx = pg301.counterexample;
    assert.equal(cx.action, 'iam:CreateRole');
    assert.match(cx.context['iam:PermissionsBoundary'], /^arn:aws:iam::(\d{12}|aws):policy\/pennsieve-/);
    assert.deepEqual(cx.allowedBy, { file: 'main.tf', line: 14 });
    assert.equal(cx.denies.length, 1);
    assert.equal(cx.denies[0].line, 13);
    assert.match(cx.denies[0].why, /StringNotLike iam:PermissionsBoundary is false/);

    const check = run(['check', '--format', 'json'], dir);
    const f = JSON.parse(check.out).findings.find((x: { ruleId: string }) => x.ruleId === 'PG301');
    assert.deepEqual(Object.keys(f.counterexample), [
      'principal',
      'action',
      'resource',
      'context',
      'allowedBy',
      'denies',
    ]);
    assert.equal(f.counterexample.principal, 'arn:aws:iam::000000000000:role/Pennsieve-Compute-dev-1a2b3c4d');
    assert.deepEqual(
      f.related.map((x: { line: number }) => x.line),
      [14, 13],
    );
    const sarif = JSON.parse(run(['check', '--format', 'sarif'], dir).out).runs[0].results.find(
      (x: { ruleId: string }) => x.ruleId === 'PG301',
    );
    assert.equal(sarif.properties.counterexample.action, 'iam:CreateRole');
    assert.equal(sarif.relatedLocations[0].physicalLocation.region.startLine, 14);
  });

  it('exits 3 when nothing is refuted but a value is unknown, naming it', () => {
    writeFileSync(
      join(dir, 'main.tf'),
      role(
        `${DENIES}\n      { Effect = "Allow", Action = ["iam:CreateRole"], Resource = "*", Condition = { StringEquals = { "iam:PermissionsBoundary" = var.boundary_arn } } },`,
      ),
    );
    writeFileSync(join(dir, 'variables.tf'), 'variable "boundary_arn" {}\n');
    const r = run(['prove'], dir);
    assert.equal(r.code, 3, r.out + r.err);
    assert.match(r.out, /\? PG301 {2}Cross-account role can create unbounded roles: unknown/);
    assert.match(r.out, /var\.boundary_arn/);
  });

  it('exits 2 on usage errors', () => {
    assert.equal(run(['prove', '--format', 'sarif'], dir).code, 2);
    assert.equal(run(['prove', '--baseline', 'HEAD'], dir).code, 2);
  });
});
