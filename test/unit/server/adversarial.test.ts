// The inputs that once crashed, hung, failed open or leaked (scripts/harness/adversarial.ts, the
// issue's list) and the minimized crashers the fuzz suite found (test/fixtures/adversarial/<case>/
// with expect.json): each is answered with JSON, exit 0 or 1, the findings it must have (PG801 for
// a limit reached), no rule failure, and within one second of CPU.

import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { ADVERSARIAL_CASES } from '../../../scripts/harness/adversarial';
import { runCli } from '../../../server/src/cli';

const FIXTURES = resolve(__dirname, '../../fixtures/adversarial');
const PROFILE = resolve(__dirname, '../../fixtures/lint/default-profile.yaml');
const CPU_LIMIT_MS = 1000;

interface Outcome {
  readonly code: number;
  readonly ruleIds: readonly string[];
  readonly cpuMs: number;
  readonly err: string;
}

/** Checks `dir` in-process, as `pennsieve-guard check DIR --format json`. */
function checkDir(dir: string): Outcome {
  let out = '';
  let err = '';
  const c0 = process.cpuUsage();
  const code = runCli(
    ['check', dir, '--format', 'json', '--profile', PROFILE],
    dir,
    (s) => (out += s),
    (s) => (err += s),
  );
  const c = process.cpuUsage(c0);
  const json = JSON.parse(out) as { findings: { ruleId: string }[] };
  return { code, ruleIds: [...new Set(json.findings.map((f) => f.ruleId))], cpuMs: (c.user + c.system) / 1000, err };
}

function assertAnswered(o: Outcome, mustFind: readonly string[]): void {
  assert.ok(o.code === 0 || o.code === 1, `exit ${o.code}: ${o.err.slice(0, 500)}`);
  assert.equal(o.err, '', 'no rule failed');
  for (const id of mustFind) assert.ok(o.ruleIds.includes(id), `${id} among ${o.ruleIds.join(' ')}`);
  assert.ok(o.cpuMs < CPU_LIMIT_MS, `${o.cpuMs.toFixed(0)} ms of CPU`);
}

describe('adversarial inputs (issue #9)', function () {
  this.timeout(60000);
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'pg-adv-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  for (const c of ADVERSARIAL_CASES) {
    it(`${c.name}: answered (${c.mustFind.join(', ')})`, () => {
      for (const [name, text] of Object.entries(c.files())) {
        mkdirSync(dirname(join(dir, name)), { recursive: true });
        writeFileSync(join(dir, name), text);
      }
      checkDir(dir); // the first check also loads the catalog's services
      const o = checkDir(dir);
      assertAnswered(o, c.mustFind);
      if (c.exactly) {
        assert.deepEqual([...o.ruleIds].sort(), c.exactly.ruleIds);
        assert.equal(o.code, c.exactly.exit);
      }
    });
  }

  const fixtures = existsSync(FIXTURES)
    ? readdirSync(FIXTURES).filter((n) => existsSync(join(FIXTURES, n, 'expect.json')))
    : [];
  for (const name of fixtures) {
    it(`fixture ${name}: answered as expect.json says`, () => {
      const expect = JSON.parse(readFileSync(join(FIXTURES, name, 'expect.json'), 'utf8')) as {
        exit: number;
        mustFind: string[];
      };
      const o = checkDir(join(FIXTURES, name));
      assertAnswered(o, expect.mustFind);
      assert.equal(o.code, expect.exit);
    });
  }
});
