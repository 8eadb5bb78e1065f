// Fail closed: whatever throws inside the engine (a rule, a front end, the model builder) is
// reported as an error finding and counted as a failure, never turned into "no findings".

import { strict as assert } from 'node:assert';
import { checkFiles } from '../../../../server/src/engine/check';
import { nameMatcher } from '../../../../server/src/engine/createEngine';
import { loadProfile } from '../../../../server/src/engine/loadProfile';
import type { Rule } from '../../../../server/src/core/rule';
import type { SourceFile } from '../../../../server/src/model/source';
import { LIMITS } from '../../../../server/src/parse/limits';
import { evaluateTerraformModule } from '../../../../server/src/eval/terraform/evaluateTerraformModule';
import { RULES } from '../../../../server/src/rules/index';
import { catalog } from '../iam/helpers/catalog';

const profile = loadProfile('pennsieve', '/');
const POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
});
const files: SourceFile[] = [
  { id: '/w/b.json', path: '/w/b.json', text: POLICY },
  { id: '/w/a.json', path: '/w/a.json', text: POLICY },
];

function check(
  input: readonly SourceFile[],
  opts: { rules?: readonly Rule[]; evaluateTerraform?: Parameters<typeof checkFiles>[1]['evaluateTerraform'] } = {},
) {
  return checkFiles(input, {
    profile,
    catalog,
    matchName: nameMatcher(catalog.patterns),
    evaluateTerraform:
      opts.evaluateTerraform ?? ((dir, tf, o) => evaluateTerraformModule(dir, tf, { profileMode: o.profileMode })),
    rules: opts.rules,
  });
}

const throwing: Rule = {
  ...RULES.find((r) => r.id === 'PG304')!,
  check: () => {
    throw new TypeError('boom');
  },
};

describe('engine: fail closed', () => {
  it('replaces a throwing rule by an error finding naming it, at the first file, and keeps the other rules', () => {
    const r = check(files, { rules: [throwing, ...RULES.filter((x) => x.id === 'PG502')] });
    const failed = r.findings.filter((f) => f.ruleId === 'PG304');
    assert.equal(failed.length, 1);
    assert.equal(failed[0].severity, 'error');
    assert.match(failed[0].message, /^Rule PG304 .* failed .*: boom$/);
    assert.deepEqual(failed[0].loc, { file: '/w/a.json', start: 0, end: 0 });
    assert.deepEqual(
      r.failures.map((f) => [f.ruleId, f.where]),
      [['PG304', 'rule PG304']],
    );
    assert.equal(r.failures[0].finding, failed[0]);
    assert.ok(
      r.findings.some((f) => f.ruleId === 'PG502'),
      'the other rule still ran',
    );
  });

  it('reports a front end that throws as PG801 on that input and a failure; other files are still checked', () => {
    const tf: SourceFile = { id: '/w/m/main.tf', path: '/w/m/main.tf', text: 'locals {}\n' };
    const r = check([...files, tf], {
      evaluateTerraform: () => {
        throw new Error('front end bug');
      },
    });
    const pg801 = r.findings.filter((f) => f.ruleId === 'PG801');
    assert.equal(pg801.length, 1);
    assert.equal(pg801[0].loc.file, '/w/m/main.tf');
    assert.match(pg801[0].message, /the checker failed on this input .*: front end bug$/);
    assert.deepEqual(
      r.failures.map((f) => [f.ruleId, f.where]),
      [['PG801', '/w/m/main.tf']],
    );
    assert.ok(r.findings.some((f) => f.ruleId === 'PG502' && f.loc.file === '/w/a.json'));
  });

  it('reports a stack overflow in a front end as a limit (PG801), not as an internal error', () => {
    const tf: SourceFile = { id: '/w/m/main.tf', path: '/w/m/main.tf', text: 'locals {}\n' };
    const overflow = (): never => overflow();
    const r = check([tf], { evaluateTerraform: () => overflow() });
    assert.deepEqual(r.failures, []);
    assert.deepEqual(
      r.findings.map((f) => [f.ruleId, f.message]),
      [['PG801', "Not checked, beyond the checker's limits: the input is nested too deeply to read"]],
    );
  });

  it('reports a file past the size limit as PG801 at its start without parsing it', () => {
    const big = `locals {\n  x = "${'a'.repeat(LIMITS.fileChars)}"\n}\n`;
    const r = check([{ id: '/w/m/big.tf', path: '/w/m/big.tf', text: big }]);
    assert.deepEqual(
      r.findings.map((f) => [f.ruleId, f.loc.start]),
      [['PG801', 0]],
    );
    assert.match(r.findings[0].message, /the file has more than 524288 characters$/);
  });
});
