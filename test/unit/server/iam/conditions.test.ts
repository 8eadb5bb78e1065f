// Every condition operator, table-driven: values, absent keys, IfExists, set operators, Null.

import { strict as assert } from 'node:assert';
import type { Tri } from '../../../../server/src/model/resources';
import { conditionHolds, decide, type Ctx } from './helpers/verdict';

type Row = readonly [operator: string, values: string | string[], request: Ctx[string] | undefined, expected: Tri];

const K = 'pg:key';
function run(title: string, rows: readonly Row[], key = K): void {
  describe(title, () => {
    for (const [op, values, value, expected] of rows) {
      const shown = value === undefined ? 'absent' : JSON.stringify(value);
      it(`${op} ${JSON.stringify(values)} with ${shown} → ${expected}`, () => {
        const context: Ctx = value === undefined ? {} : { [key]: value };
        assert.equal(conditionHolds(op, key, values, context), expected);
      });
    }
  });
}

run('String operators', [
  ['StringEquals', 'a', 'a', 'yes'],
  ['StringEquals', 'a', 'A', 'no'],
  ['StringEquals', 'a', undefined, 'no'],
  ['StringEquals', ['a', 'b'], 'b', 'yes'],
  ['StringEquals', '*', 'x', 'no'],
  ['StringEquals', '*', '*', 'yes'],
  ['StringNotEquals', 'a', 'b', 'yes'],
  ['StringNotEquals', 'a', 'a', 'no'],
  ['StringNotEquals', ['a', 'b'], 'b', 'no'],
  ['StringNotEquals', 'a', undefined, 'yes'],
  ['StringEqualsIgnoreCase', 'abc', 'ABC', 'yes'],
  ['StringEqualsIgnoreCase', 'abc', undefined, 'no'],
  ['StringNotEqualsIgnoreCase', 'abc', 'ABC', 'no'],
  ['StringNotEqualsIgnoreCase', 'abc', 'abd', 'yes'],
  ['StringNotEqualsIgnoreCase', 'abc', undefined, 'yes'],
  ['StringLike', 'a*', 'abc', 'yes'],
  ['StringLike', 'a?c', 'abc', 'yes'],
  ['StringLike', 'a*', 'ba', 'no'],
  ['StringLike', 'a*', undefined, 'no'],
  ['StringNotLike', 'a*', 'ba', 'yes'],
  ['StringNotLike', ['a*', 'b*'], 'ba', 'no'],
  ['StringNotLike', 'a*', undefined, 'yes'],
]);

run('Numeric operators', [
  ['NumericEquals', '5', '5', 'yes'],
  ['NumericEquals', '5', '5.0', 'yes'],
  ['NumericEquals', '5', '6', 'no'],
  ['NumericNotEquals', '5', '6', 'yes'],
  ['NumericNotEquals', '5', '5', 'no'],
  ['NumericNotEquals', '5', undefined, 'yes'],
  ['NumericNotEquals', 'x', '5', 'no'],
  ['NumericLessThan', '5', '4', 'yes'],
  ['NumericLessThan', '5', '5', 'no'],
  ['NumericLessThanEquals', '5', '5', 'yes'],
  ['NumericGreaterThan', '5', '6', 'yes'],
  ['NumericGreaterThan', '5', '5', 'no'],
  ['NumericGreaterThanEquals', '5', '5', 'yes'],
  ['NumericGreaterThanEquals', '5', '4.5', 'no'],
  ['NumericLessThan', '5', 'abc', 'no'],
  ['NumericLessThan', '5', undefined, 'no'],
]);

run('Date operators', [
  ['DateLessThan', '2020-01-01T00:00:00Z', '2019-12-31T23:59:59Z', 'yes'],
  ['DateLessThan', '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z', 'no'],
  ['DateLessThanEquals', '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z', 'yes'],
  ['DateGreaterThan', '1577836800', '2020-06-01T00:00:00Z', 'yes'],
  ['DateGreaterThanEquals', '2020-01-01', '2020-01-01T00:00:00Z', 'yes'],
  ['DateEquals', '2020-01-01T00:00:00Z', '1577836800', 'yes'],
  ['DateNotEquals', '2020-01-01T00:00:00Z', '2021-01-01T00:00:00Z', 'yes'],
  ['DateNotEquals', '2020-01-01T00:00:00Z', undefined, 'yes'],
  ['DateGreaterThan', '2020-01-01T00:00:00Z', 'yesterday', 'no'],
]);

run('Bool, Binary, Null', [
  ['Bool', 'true', 'true', 'yes'],
  ['Bool', 'true', 'TRUE', 'yes'],
  ['Bool', 'true', 'false', 'no'],
  ['Bool', 'true', undefined, 'no'],
  ['Bool', 'yes', 'true', 'no'],
  ['BoolIfExists', 'true', undefined, 'yes'],
  ['BinaryEquals', 'QmluYXJ5', 'QmluYXJ5', 'yes'],
  ['BinaryEquals', 'QmluYXJ5', 'cmluYXJ5', 'no'],
  ['Null', 'true', undefined, 'yes'],
  ['Null', 'true', 'x', 'no'],
  ['Null', 'false', 'x', 'yes'],
  ['Null', 'false', undefined, 'no'],
  ['Null', 'TRUE', undefined, 'yes'],
]);

run(
  'IpAddress / NotIpAddress',
  [
    ['IpAddress', '203.0.113.0/24', '203.0.113.5', 'yes'],
    ['IpAddress', '203.0.113.0/24', '198.51.100.1', 'no'],
    ['IpAddress', '10.0.0.1', '10.0.0.1', 'yes'],
    ['IpAddress', '2001:db8::/32', '2001:db8::1', 'yes'],
    ['IpAddress', '2001:db8::/32', '2001:db9::1', 'no'],
    ['IpAddress', '2001:db8::/32', '10.0.0.1', 'no'],
    ['IpAddress', '::ffff:0:0/96', '::ffff:10.0.0.1', 'yes'],
    ['IpAddress', '203.0.113.0/24', undefined, 'no'],
    ['IpAddress', '203.0.113.0/24', 'not-an-ip', 'no'],
    ['NotIpAddress', '10.0.0.0/8', '192.168.0.1', 'yes'],
    ['NotIpAddress', '10.0.0.0/8', '10.1.1.1', 'no'],
    ['NotIpAddress', '10.0.0.0/8', '2001:db8::1', 'yes'],
    ['NotIpAddress', '10.0.0.0/8', undefined, 'yes'],
  ],
  'aws:SourceIp',
);

run('ARN operators', [
  ['ArnEquals', 'arn:aws:iam::123456789012:role/x', 'arn:aws:iam::123456789012:role/x', 'yes'],
  ['ArnEquals', 'arn:aws:iam::*:role/x', 'arn:aws:iam::123456789012:role/x', 'yes'],
  ['ArnLike', 'arn:aws:iam::*:role/app-*', 'arn:aws:iam::123456789012:role/app-1', 'yes'],
  ['ArnLike', 'arn:aws:iam::*:role/app-*', 'arn:aws:iam::123456789012:role/web-1', 'no'],
  ['ArnLike', 'arn:aws:iam::*:role/app-*', 'not-an-arn', 'no'],
  ['ArnLike', 'arn:aws:iam::*:role/app-*', undefined, 'no'],
  ['ArnNotEquals', 'arn:aws:iam::123456789012:role/x', 'arn:aws:iam::123456789012:role/y', 'yes'],
  ['ArnNotLike', 'arn:aws:iam::*:policy/pennsieve-boundary-*', 'arn:aws:iam::1:policy/pennsieve-boundary-1', 'no'],
  ['ArnNotLike', 'arn:aws:iam::*:policy/pennsieve-boundary-*', undefined, 'yes'],
  ['ArnNotLike', 'arn:aws:iam::*:role/x', 'not-an-arn', 'no'],
]);

run('IfExists', [
  ['StringEqualsIfExists', 'a', undefined, 'yes'],
  ['StringEqualsIfExists', 'a', 'b', 'no'],
  ['StringEqualsIfExists', 'a', 'a', 'yes'],
  ['NumericLessThanIfExists', '5', undefined, 'yes'],
  ['ArnLikeIfExists', 'arn:aws:iam::*:role/*', undefined, 'yes'],
  ['StringNotLikeIfExists', 'a*', 'abc', 'no'],
]);

run(
  'ForAllValues / ForAnyValue',
  [
    ['ForAllValues:StringEquals', ['a', 'b'], ['a'], 'yes'],
    ['ForAllValues:StringEquals', ['a', 'b'], ['a', 'c'], 'no'],
    ['ForAllValues:StringEquals', ['a', 'b'], undefined, 'yes'],
    ['ForAllValues:StringEquals', ['a', 'b'], [], 'yes'],
    ['ForAllValues:StringLike', 'a*', ['ab', 'ac'], 'yes'],
    ['ForAllValues:StringNotEquals', 'a', ['b', 'c'], 'yes'],
    ['ForAllValues:StringNotEquals', 'a', ['a', 'b'], 'no'],
    ['ForAnyValue:StringEquals', 'a', ['a', 'z'], 'yes'],
    ['ForAnyValue:StringEquals', 'a', ['z'], 'no'],
    ['ForAnyValue:StringEquals', 'a', undefined, 'no'],
    ['ForAnyValue:StringEquals', 'a', [], 'no'],
    ['ForAnyValue:StringEquals', 'a', 'a', 'yes'],
    ['ForAnyValue:StringNotEquals', 'a', ['a', 'b'], 'yes'],
    // AWS documents ForAnyValue as false and IfExists as true on an absent key, not both together.
    ['ForAnyValue:StringEqualsIfExists', 'a', undefined, 'unknown'],
    ['forallvalues:stringequals', 'a', ['a'], 'yes'],
    // "Multivalued context keys require a condition set operator" (AWS IAM User Guide); what a
    // single-valued operator does with several values is not documented.
    ['StringEquals', 'a', ['a'], 'unknown'],
    ['StringNotEquals', 'a', ['b'], 'unknown'],
  ],
  'aws:TagKeys',
);

describe('condition structure', () => {
  it('key names are case-insensitive, values case-sensitive', () => {
    assert.equal(
      conditionHolds('StringEquals', 'AWS:requestedregion', 'us-east-1', { 'aws:RequestedRegion': 'us-east-1' }),
      'yes',
    );
    assert.equal(
      conditionHolds('StringEquals', 'aws:RequestedRegion', 'US-EAST-1', { 'aws:requestedregion': 'us-east-1' }),
      'no',
    );
  });

  it('keys and operators are AND-ed, values OR-ed', () => {
    const json = (region: string) => ({
      Statement: {
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: '*',
        Condition: {
          StringEquals: { 'aws:RequestedRegion': ['eu-west-1', region], 'pg:a': 'x' },
          Bool: { 'aws:SecureTransport': 'true' },
        },
      },
    });
    const context = { 'aws:RequestedRegion': 'us-east-1', 'pg:a': 'x', 'aws:SecureTransport': 'true' };
    assert.equal(decide(json('us-east-1'), { context }).outcome, 'Allowed');
    assert.equal(decide(json('us-west-2'), { context }).outcome, 'ImplicitlyDenied');
    assert.equal(
      decide(json('us-east-1'), { context: { ...context, 'aws:SecureTransport': 'false' } }).outcome,
      'ImplicitlyDenied',
    );
  });

  it('an unknown operator never matches, for Allow and for Deny, and is reported', () => {
    const d = decide(
      {
        Statement: [
          { Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { StringEqualz: { 'pg:a': 'x' } } },
          { Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { NullIfExists: { 'pg:a': 'true' } } },
        ],
      },
      { context: { 'pg:a': 'x' } },
    );
    assert.equal(d.outcome, 'ImplicitlyDenied');
    assert.deepEqual(
      d.problems.map((p) => p.message),
      [
        'Unknown condition operator (AWS rejects the policy): StringEqualz',
        'Unknown condition operator (AWS rejects the policy): NullIfExists',
      ],
    );
    const deny = decide({
      Statement: [
        { Effect: 'Allow', Action: '*', Resource: '*' },
        { Effect: 'Deny', Action: '*', Resource: '*', Condition: { Bogus: { 'pg:a': 'x' } } },
      ],
    });
    assert.equal(deny.outcome, 'Allowed');
    assert.equal(deny.problems.length, 1);
  });

  it('holes in condition values or context values make the condition unknown unless decided', () => {
    assert.equal(conditionHolds('StringEquals', K, '{{?var.x}}', { [K]: 'a' }), 'unknown');
    assert.equal(conditionHolds('StringEquals', K, ['{{?var.x}}', 'a'], { [K]: 'a' }), 'yes');
    assert.equal(
      conditionHolds('StringLike', K, 'arn:aws:iam::{{account}}:policy/*', {
        [K]: 'arn:aws:iam::000000000000:policy/p',
      }),
      'yes',
    );
    assert.equal(conditionHolds('StringLike', K, 'prefix-{{?x}}', { [K]: 'other' }), 'no');
    assert.equal(conditionHolds('NumericLessThan', K, '{{?var.max}}', { [K]: '3' }), 'unknown');
    const d = decide(
      {
        Statement: {
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource: '*',
          Condition: { StringEquals: { [K]: 'prefix-{{?var.suffix has no default}}' } },
        },
      },
      { context: { [K]: 'prefix-1' } },
    );
    assert.equal(d.outcome, 'Unknown');
    assert.equal(d.unknownReasons[0].reason, 'var.suffix has no default');
  });
});
