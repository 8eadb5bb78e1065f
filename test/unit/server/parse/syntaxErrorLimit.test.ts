// A document with more syntax errors than LIMITS.syntaxErrors reports the first ones, then one
// PG801 for the limit; past LIMITS.syntaxErrorsRead what the parser recovered is not read. Found
// by fuzzing: 170,000 quote characters made 170,000 findings and four seconds of CPU.

import assert from 'node:assert/strict';
import { jsonToVal } from '../../../../server/src/parse/json';
import { yamlToVal } from '../../../../server/src/parse/cloudFormation/yamlToVal';
import { LIMITS } from '../../../../server/src/parse/limits';

describe('syntax error limit', () => {
  it('JSON: reports the first errors and the limit, and builds no value when the errors run to thousands', () => {
    const r = jsonToVal(`{"Statement": [${'"" '.repeat(5000)}]}`, 'p.json');
    assert.equal(r.problems.length, LIMITS.syntaxErrors + 1);
    assert.match(r.problems.at(-1)!.message, /beyond the checker's limits: more than 100 syntax errors/);
    assert.equal(r.value, undefined);
  });

  it('JSON: past 100 errors but not thousands, the first 100 and the limit are reported and the value is read', () => {
    const r = jsonToVal(`{"Statement": [${'"" '.repeat(300)}]}`, 'p.json');
    assert.equal(r.problems.length, LIMITS.syntaxErrors + 1);
    assert.ok(r.value);
  });

  it('JSON: a document with a few errors is still read', () => {
    const r = jsonToVal('{"Version": "2012-10-17" "Statement": []}', 'p.json');
    assert.equal(r.problems.length, 1);
    assert.ok(r.value);
  });

  it('YAML: reports the first errors and the limit', () => {
    const text = `Resources:\n${Array.from({ length: 3000 }, (_, i) => `  - a${i}: [\n`).join('')}`;
    const r = yamlToVal(text, 't.yaml');
    assert.ok(r.problems.length <= LIMITS.syntaxErrors + 2, String(r.problems.length));
    assert.ok(r.problems.some((p) => /more than 100 syntax errors/.test(p.message)));
  });
});
