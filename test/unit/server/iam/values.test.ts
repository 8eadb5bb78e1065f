// Small parsers behind the operators: IP ranges, numbers, dates, policy variables, operator names.

import { strict as assert } from 'node:assert';
import { editDistance } from '../../../../server/src/catalog/nearestAction';
import { parseOperator, unknownConditionOperators } from '../../../../server/src/iam/conditionOperators';
import { formatIp, parseIp, parseIpRange } from '../../../../server/src/iam/ipAddress';
import { parseDate, parseNumber } from '../../../../server/src/iam/conditionValue';
import { toPieces } from '../../../../server/src/iam/variables';
import { known } from '../../../../server/src/model/pstr';
import { policyDoc } from './helpers/policyJson';

describe('IP ranges', () => {
  it('parses IPv4, IPv6 and CIDR blocks', () => {
    assert.deepEqual(parseIpRange('10.0.0.0/8'), { v6: false, first: 0x0a000000n, last: 0x0affffffn });
    assert.deepEqual(parseIpRange('10.1.2.3/8'), { v6: false, first: 0x0a000000n, last: 0x0affffffn });
    assert.equal(parseIp('2001:db8::1')?.first, 0x20010db8000000000000000000000001n);
    assert.equal(parseIp('::ffff:10.0.0.1')?.first, 0xffff0a000001n);
    assert.equal(parseIp('::')?.first, 0n);
    for (const bad of ['10.0.0', '10.0.0.256', '1::2::3', '10.0.0.0/33', 'x', '2001:db8::g', '1:2:3:4:5:6:7'])
      assert.equal(parseIpRange(bad), undefined, bad);
    assert.equal(parseIp('10.0.0.0/8'), undefined);
    assert.equal(formatIp(0x0a000001n, false), '10.0.0.1');
    assert.equal(formatIp(1n, true), '0:0:0:0:0:0:0:1');
  });
});

describe('numbers, dates, operators', () => {
  it('parses IAM numbers and dates', () => {
    assert.equal(parseNumber('5'), 5);
    assert.equal(parseNumber('-1.5'), -1.5);
    assert.equal(parseNumber('1e3'), undefined);
    assert.equal(parseDate('1577836800'), Date.parse('2020-01-01T00:00:00Z'));
    assert.equal(parseDate('2020-01-01'), Date.parse('2020-01-01'));
    assert.equal(parseDate('Jan 1 2020'), undefined);
  });

  it('reads a date-time without an offset as UTC, whatever the host time zone (AWS: dates are UTC unless an offset is given)', () => {
    const saved = process.env.TZ;
    try {
      for (const tz of ['America/New_York', 'Asia/Tokyo', 'UTC']) {
        process.env.TZ = tz;
        assert.equal(parseDate('2030-01-01T00:00:00'), Date.UTC(2030, 0, 1), tz);
        assert.equal(parseDate('2030-01-01T05:00:00+05:00'), Date.UTC(2030, 0, 1), tz);
        assert.equal(parseDate('2030-01-01T00:00:00.000Z'), Date.UTC(2030, 0, 1), tz);
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('parses operator names', () => {
    assert.deepEqual(parseOperator('ForAllValues:StringNotLikeIfExists'), {
      base: 'StringNotLike',
      kind: 'string',
      comparison: 'like',
      negated: true,
      set: 'ForAllValues',
      ifExists: true,
    });
    assert.equal(parseOperator('ArnEquals')?.comparison, 'like');
    assert.equal(parseOperator('StringEqualz'), undefined);
    assert.equal(parseOperator('NullIfExists'), undefined);
    assert.equal(parseOperator('ForAnyValue:Null'), undefined);
    const doc = policyDoc({
      Statement: {
        Effect: 'Allow',
        Action: '*',
        Resource: '*',
        Condition: { StringEquals: { a: 'b' }, Bogus: { c: 'd' } },
      },
    });
    assert.deepEqual(
      unknownConditionOperators(doc).map((c) => c.operator),
      ['Bogus'],
    );
  });

  it('splits policy variables, defaults and escapes', () => {
    assert.deepEqual(toPieces(known("a/${aws:username}/${*}${ aws:PrincipalTag/x , 'it''s' }"), true), [
      { k: 'text', s: 'a/' },
      { k: 'var', key: 'aws:username', def: undefined, raw: '${aws:username}' },
      { k: 'text', s: '/' },
      { k: 'text', s: '*', literal: true },
      { k: 'var', key: 'aws:PrincipalTag/x', def: "it's", raw: "${ aws:PrincipalTag/x , 'it''s' }" },
    ]);
    assert.deepEqual(toPieces(known('${aws:username}'), false), [{ k: 'text', s: '${aws:username}' }]);
  });

  it('edit distance counts a transposition once', () => {
    assert.equal(editDistance('GetObjcet', 'getobject'), 1);
    assert.equal(editDistance('CreatRole', 'CreateRole'), 1);
    assert.equal(editDistance('abc', 'xyz'), 3);
    assert.equal(editDistance('abcdefgh', 'zzzzzzzz', 2), 3);
  });
});
