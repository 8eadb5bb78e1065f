// A module folder is read whole or not at all: a file that cannot be read (too large, not a
// regular file) or too many files make the call "not followed" (PG801 info), never a check of
// the module without that file.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { moduleResolver } from '../../../../../server/src/parse/terraform/moduleSources';
import { LIMITS } from '../../../../../server/src/parse/limits';

const CALLER = 'module "role" {\n  source = "./modules/role"\n}\n';
const ROLE = 'resource "aws_iam_role" "this" {\n  name               = "app"\n  assume_role_policy = "{}"\n}\n';

describe('module sources', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'pg-modsrc-'));
    mkdirSync(join(root, 'modules', 'role'), { recursive: true });
    writeFileSync(join(root, 'main.tf'), CALLER);
    writeFileSync(join(root, 'modules', 'role', 'main.tf'), ROLE);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('reads every Terraform file of a local module', () => {
    const got = moduleResolver({ rootDir: root, roots: [root] })(root, './modules/role', 'role');
    assert.equal(got.kind, 'files');
    assert.deepEqual(got.kind === 'files' && got.files.map((f) => f.path), [join(root, 'modules', 'role', 'main.tf')]);
  });

  it('does not follow a module one of whose files is past the size limit, and says which', () => {
    writeFileSync(join(root, 'modules', 'role', 'big.tf'), `# ${'x'.repeat(LIMITS.fileChars + 10)}\n`);
    const got = moduleResolver({ rootDir: root, roots: [root] })(root, './modules/role', 'role');
    assert.equal(got.kind, 'unfollowed');
    assert.match(got.kind === 'unfollowed' ? got.reason : '', /its file big\.tf cannot be read \(it has \d+ bytes/);
  });

  it('does not follow a module with more Terraform files than the limit', () => {
    for (let i = 0; i < 201; i++) writeFileSync(join(root, 'modules', 'role', `f${i}.tf`), '');
    const got = moduleResolver({ rootDir: root, roots: [root] })(root, './modules/role', 'role');
    assert.deepEqual(got, { kind: 'unfollowed', reason: 'its folder has 202 Terraform files (limit 200)' });
  });

  it('in the CLI (which walks the folder itself), reports the unreadable file as PG801 and checks the rest', () => {
    writeFileSync(join(root, 'modules', 'role', 'big.tf'), `# ${'x'.repeat(LIMITS.fileChars + 10)}\n`);
    const cli = join(__dirname, '../../../../../dist/cli.js');
    let out: string;
    try {
      out = execFileSync(process.execPath, [cli, 'check', root, '--format', 'json'], { encoding: 'utf8' });
    } catch (err) {
      out = (err as { stdout: string }).stdout;
    }
    const findings = (JSON.parse(out) as { findings: { ruleId: string; file: string; line: number }[] }).findings;
    assert.ok(findings.some((f) => f.ruleId === 'PG801' && f.file.endsWith('modules/role/big.tf') && f.line === 1));
    assert.ok(findings.some((f) => f.ruleId === 'PG201' && f.file.endsWith('modules/role/main.tf') && f.line === 1));
  });
});
