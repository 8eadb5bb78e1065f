// `pennsieve-guard diff` on a real git repository: commit, edit the working copy, diff against
// HEAD (and against an older ref), in every format, with the exit codes (0 nothing widens,
// 1 widens, 3 undecided, 2 usage), once as the bundled CLI process.

import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, realpathSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { runCli } from '../../../../server/src/cli';

const ROLE = (actions: string, resource = '"arn:aws:s3:::pennsieve-*/*"') => `resource "aws_iam_role" "worker" {
  name = "pennsieve-worker"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ecs-tasks.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy" "worker" {
  role = aws_iam_role.worker.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ${actions}, Resource = ${resource} }]
  })
}
`;

const POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-1:000000000000:pennsieve-jobs' },
  ],
});

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

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

describe('CLI: diff against a git ref', function () {
  this.timeout(60_000);
  let dir: string;
  const write = (rel: string, text: string) => writeFileSync(join(dir, rel), text);

  beforeEach(() => {
    dir = realpathSync(mkdtempSync(join(tmpdir(), 'pg-diff-')));
    git(dir, 'init', '-q');
    git(dir, 'config', 'user.email', 'test@example.com');
    git(dir, 'config', 'user.name', 'test');
    mkdirSync(join(dir, 'infra'));
    write('infra/main.tf', ROLE('["s3:GetObject"]'));
    write('infra/queue.json', POLICY);
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'base');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('an unchanged tree: exit 0, no changes', () => {
    const r = run(['diff', 'infra'], dir);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, 'No permission changes against HEAD.\n');
  });

  it('a widened action: exit 1; JSON names the action, the resource, the causing line and an example', () => {
    write('infra/main.tf', ROLE('["s3:GetObject", "s3:PutObject"]'));
    const r = run(['diff', 'infra', '--baseline', 'HEAD', '--format', 'json'], dir);
    assert.equal(r.code, 1, r.err);
    const d = JSON.parse(r.out);
    assert.equal(d.widens, true);
    assert.equal(d.subjects.length, 1);
    const s = d.subjects[0];
    assert.deepEqual(
      [s.subject, s.status, s.at.file, s.at.line],
      ['aws_iam_role.worker', 'changed', 'infra/main.tf', 1],
    );
    assert.deepEqual(
      s.added.map((c: { label: string; resources: string[]; cause: { line: number; in: string } }) => [
        c.label,
        c.resources,
        c.cause.line,
        c.cause.in,
      ]),
      [['s3:PutObject', ['arn:aws:s3:::pennsieve-*/*'], 13, 'current']],
    );
    assert.equal(s.added[0].example.action, 's3:PutObject');
    assert.match(s.added[0].example.resource, /^arn:aws:s3:::pennsieve-/);
    assert.deepEqual(s.removed, []);
  });

  it('markdown and SARIF: a PR comment, and a result at the causing token', () => {
    write('infra/main.tf', ROLE('["s3:*"]'));
    const md = run(['diff', 'infra', '--format', 'markdown'], dir);
    assert.equal(md.code, 1);
    assert.match(md.out, /^### Permission changes against `HEAD`/);
    assert.match(
      md.out,
      /➕ `s3:\* except s3:GetObject` on `arn:aws:s3:::pennsieve-\*\/\*` — infra\/main\.tf:13<br>e\.g\. `s3:/,
    );
    const sarif = JSON.parse(run(['diff', 'infra', '--format', 'sarif'], dir).out);
    const res = sarif.runs[0].results;
    assert.equal(res.length, 1);
    assert.equal(res[0].ruleId, 'diff/widened');
    assert.deepEqual(res[0].locations[0].physicalLocation.artifactLocation.uri, 'infra/main.tf');
    assert.equal(res[0].locations[0].physicalLocation.region.startLine, 13);
    assert.equal(res[0].locations[0].physicalLocation.region.startColumn, 48);
  });

  it('narrowing only (a deleted policy file, a dropped action): exit 0, listed as removed', () => {
    unlinkSync(join(dir, 'infra/queue.json'));
    const r = run(['diff', 'infra', '--format', 'json'], dir);
    assert.equal(r.code, 0, r.err);
    const d = JSON.parse(r.out);
    assert.deepEqual(
      d.subjects.map((s: { subject: string; status: string }) => [s.subject, s.status]),
      [['queue.json', 'removed']],
    );
    assert.equal(d.subjects[0].removed[0].label, 'sqs:SendMessage');
    assert.equal(d.subjects[0].removed[0].cause.in, 'baseline');
  });

  it('a change behind an unknown value: exit 3 (never a silent pass), or 1 when a verdict gets worse', () => {
    write(
      'infra/main.tf',
      `variable "bucket" {\n  type = string\n}\n\n${ROLE('["s3:GetObject"]', '"${var.bucket}/*"')}`,
    );
    const r = run(['diff', 'infra'], dir);
    assert.equal(r.code, 1, r.out + r.err);
    assert.match(r.out, /\+\? s3:GetObject on \* — unknown: var\.bucket has no default/);
    assert.match(r.out, /! PG502 S3 access outside the platform buckets: proved → unknown/);
    const trustVar = (principals: string) =>
      `variable "account" {\n  type = string\n}\n\n${ROLE('["s3:GetObject"]').replace('Principal = { Service = "ecs-tasks.amazonaws.com" }', `Principal = { AWS = ${principals} }`)}`;
    write('infra/main.tf', trustVar('"arn:aws:iam::${var.account}:root"'));
    git(dir, 'commit', '-qam', 'trust a variable account');
    write('infra/main.tf', trustVar('["arn:aws:iam::${var.account}:root", "arn:aws:iam::111122223333:root"]'));
    const u = run(['diff', 'infra'], dir);
    assert.equal(u.code, 3, u.out + u.err);
    assert.match(
      u.out,
      /\+\? trust: arn:aws:iam::111122223333:root can sts:AssumeRole — unknown: var\.account has no default/,
    );
  });

  it('against an older ref; usage errors exit 2', () => {
    write('infra/main.tf', ROLE('["s3:GetObject", "s3:PutObject"]'));
    git(dir, 'commit', '-qam', 'widen');
    assert.equal(run(['diff', 'infra'], dir).code, 0);
    assert.equal(run(['diff', 'infra', '--baseline', 'HEAD~1'], dir).code, 1);
    assert.equal(run(['diff', 'infra', '--baseline', 'no-such-ref'], dir).code, 2);
    assert.equal(run(['diff', 'infra', '--format', 'xml'], dir).code, 2);
  });

  it('runs as the bundled CLI process', async () => {
    const root = join(__dirname, '../../../..');
    const out = join(dir, 'bin', 'cli.js');
    await esbuild.build({
      entryPoints: [join(root, 'server/src/cli.ts')],
      outfile: out,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      mainFields: ['module', 'main'],
      logLevel: 'silent',
    });
    cpSync(join(root, 'server/profiles'), join(dir, 'bin', 'profiles'), { recursive: true });
    const { buildCatalog } = (await import(join(root, 'scripts/build-catalog.mjs'))) as {
      buildCatalog(out: string): Promise<number>;
    };
    await buildCatalog(join(dir, 'bin', 'iam-data'));
    write('infra/main.tf', ROLE('["s3:GetObject", "s3:DeleteObject"]'));
    const p = spawnSync(process.execPath, [out, 'diff', 'infra', '--baseline', 'HEAD', '--format', 'json'], {
      cwd: dir,
      encoding: 'utf8',
    });
    assert.equal(p.status, 1, p.stderr);
    assert.equal(JSON.parse(p.stdout).subjects[0].added[0].label, 's3:DeleteObject');
  });
});
