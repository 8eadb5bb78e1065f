// The Settings group's texts and input checks: amounts, caps, usage, secret key rules, row order.

import assert from 'node:assert/strict';
import {
  amountProblem,
  budgetText,
  capsText,
  parseAmount,
  secretKeyProblem,
  sortQuotas,
  usageText,
  usd,
} from '../../../../extension/src/views/settingsRows';

describe('settings rows', () => {
  it('shows dollars, budgets, caps and usage', () => {
    assert.equal(usd(25), '$25');
    assert.equal(usd(0.5), '$0.50');
    assert.equal(budgetText({ budgetUsd: 12.5, budgetPeriod: 'monthly' }), '$12.50 per month');
    assert.equal(budgetText({ budgetUsd: 3, budgetPeriod: 'daily' }), '$3 per day');
    assert.equal(capsText({ dailyCostUsd: 0.25 }), 'day $0.25 · month default · workflow default');
    const e = {
      userId: 'u',
      dailyCostUsd: 1,
      monthlyCostUsd: 10,
      perWorkflowUsd: 0.5,
      dailySource: 'user',
      monthlySource: 'node-default',
      perWorkflowSource: 'platform-safety',
      dailySpentUsd: 0.1,
      monthlySpentUsd: 4,
    };
    assert.equal(usageText(e), 'used $0.10 of $1 today, $4 of $10 this month');
  });

  it('checks amounts: non-negative numbers, empty only where allowed', () => {
    assert.equal(amountProblem('12.5', false), undefined);
    assert.equal(amountProblem('$3', false), undefined);
    assert.equal(amountProblem('', true), undefined);
    assert.equal(amountProblem('', false), 'Enter an amount in US dollars');
    assert.equal(amountProblem('-1', true), 'The amount cannot be negative');
    assert.equal(amountProblem('ten', true), 'Enter a number, e.g. 25 or 0.50');
    assert.equal(parseAmount(' $2.5 '), 2.5);
    assert.equal(parseAmount(''), undefined);
  });

  it('checks secret keys as the API does', () => {
    assert.equal(secretKeyProblem('API_TOKEN'), undefined);
    assert.equal(secretKeyProblem('_x1'), undefined);
    assert.equal(secretKeyProblem(''), 'Enter a name');
    assert.equal(secretKeyProblem('1X'), 'Letters, digits and _ only, not starting with a digit');
    assert.equal(secretKeyProblem('A-B'), 'Letters, digits and _ only, not starting with a digit');
    assert.equal(secretKeyProblem(`A${'x'.repeat(256)}`), 'At most 256 characters');
  });

  it('puts the default row first, then people by name', () => {
    const rows = [
      { computeNodeId: 'n', userId: 'N:user:b' },
      { computeNodeId: 'n', userId: '__default__' },
      { computeNodeId: 'n', userId: 'N:user:a' },
    ];
    const names: Record<string, string> = { 'N:user:a': 'Zoe', 'N:user:b': 'Adam' };
    assert.deepEqual(
      sortQuotas(rows, (id) => names[id] ?? id).map((r) => r.userId),
      ['__default__', 'N:user:b', 'N:user:a'],
    );
  });
});
