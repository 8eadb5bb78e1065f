// The string search's work bound: a glob of `*` and 30,000 literals has position sets as long as
// the string read, so determinizing it costs the square of the path. Found by the fuzz campaign
// (seed 3001, input 71064: a CloudFormation Resource of `*` and 32,262 `$` took 80 s of CPU).

import { strict as assert } from 'node:assert';
import { globFromTokens, type Token } from '../../../../server/src/iam/glob';
import { atom } from '../../../../server/src/iam/prove/formula';
import { dfaOf } from '../../../../server/src/iam/prove/globDfa';
import { DFA_WORK_BUDGET, solveString } from '../../../../server/src/iam/prove/strings';

describe('string search work budget', () => {
  it('answers "don\'t know" within its work budget for a glob of 30,000 literals after a star', () => {
    const tokens: Token[] = [
      { k: 'any', c: '' },
      ...Array.from({ length: 30000 }, (): Token => ({ k: 'lit', c: '$' })),
    ];
    const g = globFromTokens(tokens, false);
    assert.deepEqual(solveString([g], atom(0)), { sat: 'unknown' });
    const work = dfaOf(g).work;
    assert.ok(work > DFA_WORK_BUDGET && work < 2 * DFA_WORK_BUDGET, `work ${work}`);
  });

  it('still finds the witness of a long glob whose automaton stays small', () => {
    const tokens: Token[] = Array.from({ length: 3000 }, (): Token => ({ k: 'lit', c: 'a' }));
    const g = globFromTokens([...tokens, { k: 'any', c: '' }], false);
    const answer = solveString([g], atom(0));
    assert.equal(answer.sat, true);
  });
});
