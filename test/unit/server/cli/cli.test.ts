// The pennsieve-guard CLI contract: exit codes, the JSON shape, SARIF 2.1.0, --baseline against a
// real git repository, --profile, and bad input that never crashes.

import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as esbuild from 'esbuild';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../../server/src/cli';

const BOUNDED_ROLE = `resource "aws_iam_policy" "boundary" {
  name   = "pennsieve-boundary-n1"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["logs:PutLogEvents"], Resource = "*" }] })
}

resource "aws_iam_role" "worker" {
  name                 = "pennsieve-n1-worker"
  permissions_boundary = aws_iam_policy.boundary.arn
  assume_role_policy   = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "ecs-tasks.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}
`;

const UNBOUNDED_ROLE = `
resource "aws_iam_role" "rogue" {
  name               = "pennsieve-n1-rogue"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}
`;

const PROFILE_NO_TAGS = 'extends: pennsieve\nrequiredTags: []\n';

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

describe('pennsieve-guard CLI', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pg-cli-'));
    writeFileSync(join(dir, '.pennsieve-guard.yaml'), PROFILE_NO_TAGS);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 0 on a clean module and prints nothing', () => {
    mkdirSync(join(dir, 'node'));
    writeFileSync(join(dir, 'node', 'main.tf'), BOUNDED_ROLE);
    const r = run(['check'], dir);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, '');
  });

  it('exits 1 with an error finding and prints the JSON contract: 1-based positions, relative paths', () => {
    mkdirSync(join(dir, 'node'));
    writeFileSync(join(dir, 'node', 'main.tf'), BOUNDED_ROLE + UNBOUNDED_ROLE);
    const r = run(['check', '--format', 'json'], dir);
    assert.equal(r.code, 1, r.err);
    const json = JSON.parse(r.out);
    assert.deepEqual(Object.keys(json), ['findings']);
    assert.equal(json.findings.length, 1);
    const f = json.findings[0];
    assert.deepEqual(Object.keys(f), [
      'ruleId',
      'severity',
      'file',
      'line',
      'column',
      'endLine',
      'endColumn',
      'message',
      'new',
    ]);
    assert.deepEqual(
      { ruleId: f.ruleId, severity: f.severity, file: f.file, line: f.line, column: f.column, new: f.new },
      { ruleId: 'PG201', severity: 'error', file: 'node/main.tf', line: 12, column: 1, new: false },
    );
    assert.ok(f.endLine === 12 && f.endColumn > f.column);
  });

  it('prints eslint-style text with a summary', () => {
    writeFileSync(join(dir, 'main.tf'), BOUNDED_ROLE + UNBOUNDED_ROLE);
    const r = run(['check', '.'], dir);
    assert.equal(r.code, 1);
    assert.match(r.out, /^main\.tf$/m);
    assert.match(r.out, /^ {2}12:1 {2}error {2}Role has no permissions boundary.* {2}PG201$/m);
    assert.match(r.out, /✖ 1 problem \(1 error, 0 warnings, 0 undecided\)/);
  });

  it('prints SARIF 2.1.0 with every rule and 1-based regions', () => {
    writeFileSync(join(dir, 'main.tf'), BOUNDED_ROLE + UNBOUNDED_ROLE);
    const r = run(['check', '--format=sarif'], dir);
    assert.equal(r.code, 1);
    const sarif = JSON.parse(r.out);
    assert.equal(sarif.version, '2.1.0');
    assert.match(sarif.$schema, /sarif-2\.1\.0/);
    const run0 = sarif.runs[0];
    assert.equal(run0.tool.driver.name, 'pennsieve-guard');
    assert.equal(run0.tool.driver.rules.length, 29);
    assert.equal(run0.results.length, 1);
    const res = run0.results[0];
    assert.equal(res.ruleId, 'PG201');
    assert.equal(res.level, 'error');
    assert.equal(run0.tool.driver.rules[res.ruleIndex].id, 'PG201');
    assert.deepEqual(res.locations[0].physicalLocation.artifactLocation, { uri: 'main.tf', uriBaseId: '%SRCROOT%' });
    assert.equal(res.locations[0].physicalLocation.region.startLine, 12);
    assert.equal(res.locations[0].physicalLocation.region.startColumn, 1);
  });

  it('--baseline reports only findings new since the git ref, marked new', () => {
    const git = (...a: string[]) =>
      execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...a], { cwd: dir, stdio: 'pipe' });
    writeFileSync(join(dir, 'main.tf'), UNBOUNDED_ROLE);
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'old violation');
    writeFileSync(join(dir, 'main.tf'), '\n\n' + UNBOUNDED_ROLE + UNBOUNDED_ROLE.replace(/rogue/g, 'second'));
    const all = JSON.parse(run(['check', '--format', 'json'], dir).out).findings;
    assert.equal(all.length, 2);
    const r = run(['check', '--format', 'json', '--baseline', 'HEAD'], dir);
    assert.equal(r.code, 1, r.err);
    const fresh = JSON.parse(r.out).findings;
    assert.equal(fresh.length, 1, 'the moved old finding still matches the baseline');
    assert.equal(fresh[0].new, true);
    assert.match(fresh[0].message, /second/);
  });

  it('--profile picks a built-in profile', () => {
    writeFileSync(
      join(dir, 'policy.json'),
      JSON.stringify({
        roleName: 'LakeSail-Conn',
        maxSessionDuration: 7200,
        trustPolicyDocument: { Version: '2012-10-17', Statement: [] },
      }),
    );
    assert.equal(run(['check', '--format', 'json'], dir).code, 0, 'Pennsieve allows 7200 s');
    const r = run(['check', '--format', 'json', '--profile', 'lakesail'], dir);
    assert.equal(r.code, 1);
    assert.ok(JSON.parse(r.out).findings.some((f: { ruleId: string }) => f.ruleId === 'PG104'));
  });

  it('keeps checking the other files when one is malformed', () => {
    writeFileSync(join(dir, 'broken.tf'), 'resource "aws_iam_role" "x" {\n  name = \n');
    mkdirSync(join(dir, 'ok'));
    writeFileSync(join(dir, 'ok', 'main.tf'), UNBOUNDED_ROLE);
    writeFileSync(join(dir, 'bad.json'), '{"Version": "2012-10-17", "Statement": [');
    const r = run(['check', '--format', 'json'], dir);
    assert.equal(r.code, 1, r.err);
    const ids = JSON.parse(r.out).findings.map((f: { ruleId: string; file: string }) => `${f.ruleId} ${f.file}`);
    assert.ok(ids.includes('PG801 broken.tf'), ids.join(', '));
    assert.ok(ids.includes('PG801 bad.json'), ids.join(', '));
    assert.ok(ids.includes('PG201 ok/main.tf'), ids.join(', '));
  });

  for (const [args, why] of [
    [['check', '--format', 'xml'], /Unknown format/],
    [['check', '--frobnicate'], /Unknown option/],
    [['check', 'no-such-dir'], /No such file or folder/],
    [['check', '--profile', 'no-such-profile'], /Unknown profile/],
    [['lint'], /Unknown command/],
  ] as const) {
    it(`exits 2 with a clear message: ${args.join(' ')}`, () => {
      const r = run([...args], dir);
      assert.equal(r.code, 2);
      assert.match(r.err, why);
    });
  }

  it('exits 2 for an unknown git ref', () => {
    execFileSync('git', ['init', '-q'], { cwd: dir });
    const r = run(['check', '--baseline', 'no-such-ref'], dir);
    assert.equal(r.code, 2);
    assert.match(r.err, /Unknown git ref: no-such-ref/);
  });

  it('runs as a bundled process with the same exit codes (the package bin)', async function () {
    this.timeout(60_000);
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
    writeFileSync(join(dir, 'main.tf'), UNBOUNDED_ROLE);
    const p = spawnSync(process.execPath, [out, 'check', 'main.tf', '--format', 'json'], {
      cwd: dir,
      encoding: 'utf8',
    });
    assert.equal(p.status, 1, p.stderr);
    assert.equal(JSON.parse(p.stdout).findings[0].ruleId, 'PG201');
    const usage = spawnSync(process.execPath, [out, 'check', '--nope'], { cwd: dir, encoding: 'utf8' });
    assert.equal(usage.status, 2);
  });
});
