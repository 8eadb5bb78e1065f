// Every command of the README's quick start, exactly as written, on a fresh clone after `npm ci`
// (issue #14, item 7). The clone is of HEAD, so only committed files count, as for a newcomer.
// Covered here: the three `npx pennsieve-guard` lines, `npm run build` + `node dist/cli.js check`
// (the README's note), and `npx pennsieve-guard-lsp --stdio` (docs/language-server.md).
// Covered elsewhere: `npm ci && npm start` by test/e2e/demo, `npm ci && npm test` by CI (.ci/run).

import assert from 'node:assert/strict';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { delimiter, join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from '../../scripts/harness/lspClient';
import { scaled } from '../../scripts/harness/wait';
import { cloneHead, mustRun, runIn, writeFileIn, type FreshClone, type Outcome } from './freshClone';
import { quickStartCommands } from './readme';

/** Where each quick-start command is tested; a new README command fails until it is listed. */
const COVERAGE: Readonly<Record<string, string>> = {
  'npm ci && npm start': 'test/e2e/demo/demo.test.ts',
  'npm ci && npm test': '.ci/run (CI runs exactly this on a fresh clone)',
  'npx pennsieve-guard check path/to/infra': 'here',
  'npx pennsieve-guard check . --format sarif > guard.sarif': 'here',
  'npx pennsieve-guard check . --baseline origin/main': 'here',
  'npx pennsieve-guard prove path/to/infra': 'here',
};

/** A module with one deliberate violation, at the README's placeholder path. */
const INFRA_FILE = 'path/to/infra/main.tf';
const INFRA = `# A role with no permissions boundary: pennsieve-guard reports PG201 on it.
resource "aws_iam_role" "worker" {
  name = "pennsieve-worker"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "ecs-tasks.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}
`;
/** What the checker reports on INFRA: "line:column severity rule". */
const INFRA_FINDINGS = ['2:1 error PG201', '2:1 warning PG701'];

/**
 * The environment of a newcomer's shell: no node_modules/.bin of this checkout on PATH (npm
 * put it there for mocha), and npx never fetches a missing package from the registry.
 */
function newcomerEnv(): NodeJS.ProcessEnv {
  const path = (process.env.PATH ?? '').split(delimiter).filter((p) => !p.includes(`node_modules${sep}.bin`));
  return { ...process.env, PATH: path.join(delimiter), npm_config_yes: 'false', NO_COLOR: '1' };
}

/** Runs one README line as written, in bash, in the clone. */
function runLine(clone: FreshClone, line: string): Promise<Outcome> {
  return runIn(clone.dir, 'bash', ['-c', line], scaled(180_000), newcomerEnv());
}

/** The findings of eslint-style text output, per file: "line:column severity rule". */
function textFindings(text: string): Map<string, string[]> {
  const files = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of text.split('\n')) {
    const finding = /^\s+(\d+:\d+)\s+(error|warning|info)\s+.*\s(PG\d{3})$/.exec(line);
    if (finding && current) current.push(`${finding[1]} ${finding[2]} ${finding[3]}`);
    else if (/^\S/.test(line) && !line.startsWith('✖')) files.set(line.trim(), (current = []));
  }
  return files;
}

describe('README quick start, on a fresh clone after npm ci', function () {
  let clone: FreshClone;

  before(async function () {
    this.timeout(scaled(1_200_000));
    clone = await cloneHead();
    console.log(
      `      cloned ${clone.commit.slice(0, 12)} into ${clone.dir}${clone.madeOriginMain ? ' (no origin/main: made it HEAD)' : ''}`,
    );
    const started = Date.now();
    await mustRun(clone.dir, 'npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund'], scaled(1_100_000));
    console.log(`      npm ci took ${((Date.now() - started) / 1000).toFixed(0)} s`);
    writeFileIn(clone.dir, INFRA_FILE, INFRA);
  });

  after(() => clone?.remove());

  it('lists only commands that a test covers', function () {
    const commands = quickStartCommands().map((c) => c.command);
    assert.deepEqual(
      commands.filter((c) => !(c in COVERAGE)),
      [],
      'a README command no test runs',
    );
    assert.deepEqual(
      Object.keys(COVERAGE).filter((c) => !commands.includes(c)),
      [],
      'COVERAGE names a command the README dropped',
    );
  });

  it('npm ci links both bins of the pennsieve-guard package and builds it', function () {
    for (const bin of ['pennsieve-guard', 'pennsieve-guard-lsp']) {
      const link = join(clone.dir, 'node_modules', '.bin', bin);
      assert.ok(existsSync(link), `node_modules/.bin/${bin} is missing after npm ci`);
      assert.equal(realpathSync(link), join(realpathSync(clone.dir), 'server', 'bin', `${bin}.js`));
    }
    for (const bundle of ['cli.js', 'server.js'])
      assert.ok(existsSync(join(clone.dir, 'server', 'dist', bundle)), `server/dist/${bundle} was not built`);
  });

  it('npx pennsieve-guard check path/to/infra: the violation, as eslint-style text', async function () {
    this.timeout(scaled(180_000));
    const line = quickStartCommands().find((c) => c.command === 'npx pennsieve-guard check path/to/infra')!.line;
    const out = await runLine(clone, line);
    assert.equal(out.code, 1, out.stdout + out.stderr);
    assert.deepEqual([...textFindings(out.stdout)], [[INFRA_FILE, INFRA_FINDINGS]]);
  });

  it('npx pennsieve-guard prove path/to/infra: the role with its one counterexample (PG201), the rest proved', async function () {
    this.timeout(scaled(180_000));
    const line = quickStartCommands().find((c) => c.command === 'npx pennsieve-guard prove path/to/infra')!.line;
    const out = await runLine(clone, line);
    assert.equal(out.code, 1, out.stdout + out.stderr);
    assert.match(out.stdout, /aws_iam_role\.worker \(child role, path\/to\/infra\/main\.tf:2\)/);
    assert.match(out.stdout, /✗ PG201 +Role without the permissions boundary: counterexample/);
    assert.match(out.stdout, /1 role and policies: \d+ proved, 1 counterexample, 0 unknown/);
  });

  it('npx pennsieve-guard check . --format sarif > guard.sarif: SARIF 2.1.0 of the whole clone', async function () {
    this.timeout(scaled(300_000));
    const line = quickStartCommands().find((c) => c.command.endsWith('> guard.sarif'))!.line;
    const out = await runLine(clone, line);
    // The clone holds the rule fixtures, which break rules on purpose: exit 1.
    assert.equal(out.code, 1, out.stderr);
    const sarif = JSON.parse(readFileSync(join(clone.dir, 'guard.sarif'), 'utf8')) as SarifLog;
    assert.equal(sarif.version, '2.1.0');
    const ours = sarif.runs[0]!.results.filter(
      (r) => r.locations[0]?.physicalLocation.artifactLocation.uri === INFRA_FILE,
    );
    assert.deepEqual(ours.map((r) => `${r.locations[0]!.physicalLocation.region.startLine} ${r.ruleId}`).sort(), [
      '2 PG201',
      '2 PG701',
    ]);
  });

  it('npx pennsieve-guard check . --baseline origin/main: only what differs from origin/main', async function () {
    this.timeout(scaled(300_000));
    const line = quickStartCommands().find((c) => c.command.includes('--baseline'))!.line;
    const out = await runLine(clone, line);
    const findings = textFindings(out.stdout);
    assert.deepEqual(findings.get(INFRA_FILE), INFRA_FINDINGS, out.stdout + out.stderr);
    const changed = await mustRun(clone.dir, 'git', ['diff', '--name-only', 'origin/main']);
    const unchanged = [...findings.keys()].filter((f) => f !== INFRA_FILE && !changed.split('\n').includes(f));
    assert.deepEqual(unchanged, [], 'findings in files that are the same at origin/main');
    assert.equal(out.code, 1);
  });

  it("npm run build, then node dist/cli.js check (the README's note for this repository)", async function () {
    this.timeout(scaled(300_000));
    await mustRun(clone.dir, 'npm', ['run', 'build'], scaled(240_000));
    const out = await runIn(
      clone.dir,
      'node',
      ['dist/cli.js', 'check', 'path/to/infra'],
      scaled(60_000),
      newcomerEnv(),
    );
    assert.equal(out.code, 1, out.stdout + out.stderr);
    assert.deepEqual([...textFindings(out.stdout)], [[INFRA_FILE, INFRA_FINDINGS]]);
  });

  it('npx pennsieve-guard-lsp --stdio (docs/language-server.md) answers LSP and publishes the violation', async function () {
    this.timeout(scaled(120_000));
    const client = LspClient.start(
      { command: 'npx', args: ['pennsieve-guard-lsp', '--stdio'], env: newcomerEnv() },
      clone.dir,
    );
    try {
      await client.initialize(pathToFileURL(clone.dir).href, scaled(60_000));
      const uri = pathToFileURL(join(clone.dir, INFRA_FILE)).href;
      await client.open(uri, 'terraform', INFRA);
      const published = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0, scaled(60_000));
      assert.deepEqual(published.diagnostics.map((d) => `${d.range.start.line + 1} ${String(d.code)}`).sort(), [
        '2 PG201',
        '2 PG701',
      ]);
    } finally {
      await client.stop();
    }
  });
});

/** The part of a SARIF log this test reads. */
interface SarifLog {
  readonly version: string;
  readonly runs: readonly {
    results: readonly {
      ruleId: string;
      locations: readonly { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
    }[];
  }[];
}
