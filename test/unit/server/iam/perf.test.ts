// A guard against slow hot paths: one evaluation of a 10-statement policy after warm-up.
// The target is < 50 µs; the bound here is loose so a busy CI machine does not flake.

import { strict as assert } from 'node:assert';
import { measureEvaluation, tenStatements } from './helpers/perfFixture';

describe('evaluation speed', () => {
  it('evaluates a 10-statement policy in well under a millisecond after warm-up', () => {
    assert.equal(tenStatements.statements.length, 10);
    measureEvaluation(2000);
    const us = measureEvaluation(20000);
    assert.ok(us < 250, `${us.toFixed(1)} µs per evaluation`);
  });
});
