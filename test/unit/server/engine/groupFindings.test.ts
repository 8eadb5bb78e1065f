// The grouping step: one finding per rule and token, no info inside a PG801, PG102 not repeated
// where PG101 fires, every subject of a merged finding kept for the verdict tables.

import { strict as assert } from 'node:assert';
import type { Finding } from '../../../../server/src/core/finding';
import { groupFindings } from '../../../../server/src/engine/groupFindings';
import type { Loc } from '../../../../server/src/model/loc';

const at = (start: number, end: number, file = 'a.tf'): Loc => ({ file, start, end });
const f = (ruleId: Finding['ruleId'], loc: Loc, message: string, extra: Partial<Finding> = {}): Finding => ({
  ruleId,
  severity: 'error',
  message,
  loc,
  ...extra,
});

describe('groupFindings', () => {
  it('merges one rule on one token into one finding listing every message and subject', () => {
    const out = groupFindings([
      f('PG402', at(1, 5), 'role a: sqs', { subject: 'a' }),
      f('PG402', at(1, 5), 'role b: sqs', { subject: 'b', related: [{ loc: at(9, 10), message: 'x' }] }),
      f('PG503', at(1, 5), 'pass role'),
    ]);
    assert.deepEqual(
      out.map((x) => x.ruleId),
      ['PG402', 'PG503'],
    );
    assert.equal(out[0].message, 'role a: sqs (also here: role b: sqs)');
    assert.equal(out[0].subject, 'a');
    assert.deepEqual(out[0].alsoSubjects, ['b']);
    assert.deepEqual(out[0].related, [{ loc: at(9, 10), message: 'x' }]);
  });

  it('keeps the most severe finding of a group', () => {
    const out = groupFindings([f('PG105', at(1, 5), 'unknown', { severity: 'info' }), f('PG105', at(1, 5), 'decided')]);
    assert.equal(out.length, 1);
    assert.equal(out[0].severity, 'error');
    assert.match(out[0].message, /^decided/);
  });

  it('drops an info finding inside a PG801 span, keeps one outside and every error', () => {
    const out = groupFindings([
      f('PG801', at(0, 100), 'bad'),
      f('PG402', at(10, 20), 'cannot check', { severity: 'info' }),
      f('PG402', at(10, 20, 'b.tf'), 'cannot check elsewhere', { severity: 'info' }),
      f('PG802', at(30, 40), 'typo'),
    ]);
    assert.deepEqual(
      out.map((x) => `${x.ruleId}:${x.loc.file}`),
      ['PG801:a.tf', 'PG402:b.tf', 'PG802:a.tf'],
    );
  });

  it('drops PG102 on a token or statement where PG101 fires', () => {
    const stmt = at(0, 50);
    const ce = { principal: 'p', action: 'sts:AssumeRole', resource: 'r', context: {}, allowedBy: stmt, denies: [] };
    const out = groupFindings([
      f('PG101', at(5, 8), 'anyone', { counterexample: ce }),
      f('PG102', at(5, 8), 'no external id'),
      f('PG102', at(12, 14), 'no external id, other entry', { counterexample: ce }),
      f('PG102', at(60, 70), 'another statement'),
    ]);
    assert.deepEqual(
      out.map((x) => `${x.ruleId}:${x.loc.start}`),
      ['PG101:5', 'PG102:60'],
    );
  });

  it('returns unmerged findings as the same objects', () => {
    const one = f('PG801', at(0, 1), 'bad');
    assert.equal(groupFindings([one])[0], one);
  });
});
