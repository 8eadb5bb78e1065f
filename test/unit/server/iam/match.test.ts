// Glob matching with holes: values against patterns, pattern coverage and overlap, ARN segments.

import { strict as assert } from 'node:assert';
import {
  compilePattern,
  matchGlob,
  matchPattern,
  patternCovers,
  patternOverlaps,
} from '../../../../server/src/iam/match';
import { witnessArn, STAND_INS } from '../../../../server/src/iam/standIns';
import type { Tri } from '../../../../server/src/model/resources';
import { pstr } from './helpers/policyJson';

type Row = readonly [
  value: string,
  pattern: string,
  expected: Tri,
  opts?: { ignoreCase?: boolean; mode?: 'glob' | 'arn' | 'literal' },
];

describe('matchPattern (value against IAM pattern)', () => {
  const rows: Row[] = [
    ['arn:aws:s3:::bucket/key', 'arn:aws:s3:::bucket/*', 'yes'],
    ['arn:aws:s3:::bucket', 'arn:aws:s3:::bucket/*', 'no'],
    ['arn:aws:s3:::example1bucket/x', 'arn:aws:s3:::example?bucket/*', 'yes'],
    ['arn:aws:s3:::example12bucket/x', 'arn:aws:s3:::example?bucket/*', 'no'],
    ['arn:aws:s3:::b/1/2/test/3/o.jpg', 'arn:aws:s3:::b/*/test/*', 'yes'],
    ['arn:aws:s3:::b/1-test/o.jpg', 'arn:aws:s3:::b/*/test/*', 'no'],
    ['arn:aws:iam::123456789012:user/Bob', 'arn:aws:iam::123456789012:user/bob', 'no'],
    ['iam:CreateRole', 'IAM:create*', 'yes', { ignoreCase: true, mode: 'glob' }],
    ['a.b', 'a?b', 'yes', { mode: 'glob' }],
    ['a(b', 'a(b', 'yes', { mode: 'glob' }],
    ['anything', '*', 'yes'],
    ['', '*', 'yes'],
    ['ab*', 'ab*', 'yes', { mode: 'literal' }],
    ['abc', 'ab*', 'no', { mode: 'literal' }],
    // ARN segments: a * inside a segment stays in it; a * ending a segment may run past colons.
    ['arn:aws:ec2:us-east-1:123456789012:instance/i-1', 'arn:aws:ec2:us-*-1:*:instance/*', 'yes'],
    ['arn:aws:ec2:us:east-1:123456789012:instance/i-1', 'arn:aws:ec2:u*1:123456789012:instance/*', 'no'],
    ['arn:aws:iam::123456789012:role/x', 'arn:aws:iam::*', 'yes'],
    ['arn:aws:ssm:us-east-1:123456789012:parameter/a:b', 'arn:aws:ssm:*:*:parameter/a*', 'yes'],
  ];
  for (const [value, pattern, expected, opts] of rows) {
    it(`${value} ~ ${pattern} → ${expected}`, () => assert.equal(matchPattern(value, pattern, opts), expected));
  }

  it('binds symbol holes to the stand-ins on both sides', () => {
    assert.equal(
      matchPattern(pstr('arn:{{partition}}:iam::{{account}}:role/x'), 'arn:aws:iam::000000000000:role/*'),
      'yes',
    );
    assert.equal(matchPattern(pstr('arn:aws:iam::{{account}}:role/x'), pstr('arn:aws:iam::{{account}}:role/x')), 'yes');
    assert.equal(matchPattern('arn:aws:iam::111122223333:role/x', pstr('arn:aws:iam::{{account}}:role/x')), 'no');
    assert.equal(STAND_INS.account, '000000000000');
  });

  it('a value hole matches definitely when it falls inside a *', () => {
    const boundary = pstr('arn:aws:iam::{{account}}:policy/pennsieve-boundary-{{?node}}');
    assert.equal(matchPattern(boundary, 'arn:aws:iam::*:policy/pennsieve-boundary-*'), 'yes');
    assert.equal(matchPattern(boundary, 'arn:aws:iam::*:policy/pennsieve-boundary-abc'), 'unknown');
    assert.equal(matchPattern(boundary, 'arn:aws:iam::*:policy/other-*'), 'no');
    assert.equal(matchPattern(pstr('{{?whole}}'), 'arn:*'), 'unknown');
    assert.equal(matchPattern(pstr('x{{?h}}y'), 'x*y'), 'yes');
    assert.equal(matchPattern(pstr('x{{?h}}y'), 'x*z'), 'no');
    assert.equal(matchPattern(pstr('x{{?h}}y'), 'x?y'), 'unknown');
  });

  it('a pattern hole can only rule matches out', () => {
    assert.equal(matchPattern('arn:aws:s3:::data-1/k', pstr('arn:aws:s3:::{{?var.bucket}}/*')), 'unknown');
    assert.equal(matchPattern('arn:aws:sqs:us-east-1:1:q', pstr('arn:aws:s3:::{{?var.bucket}}/*')), 'no');
    assert.equal(matchPattern(pstr('arn:aws:s3:::{{?a}}/k'), pstr('arn:aws:s3:::{{?b}}/*')), 'unknown');
  });

  it('exposes the compiled matcher and exact text', () => {
    assert.equal(compilePattern('arn:aws:s3:::b').exact, 'arn:aws:s3:::b');
    assert.equal(compilePattern('s3:get*', { ignoreCase: true, mode: 'glob' }).matcher.test('S3:GetObject'), true);
    assert.equal(matchGlob('x', compilePattern(pstr('{{?h}}'))), 'unknown');
  });
});

describe('patternCovers / patternOverlaps', () => {
  const covers: Row[] = [
    ['arn:aws:iam::*:policy/*', 'arn:aws:iam::*:policy/pennsieve-boundary-*', 'yes'],
    ['*', 'arn:aws:iam::*:policy/pennsieve-boundary-*', 'yes'],
    ['arn:aws:iam::*:policy/pennsieve-*', 'arn:aws:iam::*:policy/pennsieve-boundary-*', 'yes'],
    ['arn:aws:iam::*:policy/pennsieve-boundary-a*', 'arn:aws:iam::*:policy/pennsieve-boundary-*', 'no'],
    ['arn:aws:iam::*:role/*', 'arn:aws:iam::*:policy/pennsieve-boundary-*', 'no'],
    ['a*b*c', 'a*bc', 'yes'],
    ['a*bc', 'a*b*c', 'no'],
    ['a?c', 'abc', 'yes'],
    ['abc', 'a?c', 'no'],
  ];
  for (const [outer, inner, expected] of covers) {
    it(`${outer} covers ${inner} → ${expected}`, () => assert.equal(patternCovers(outer, inner), expected));
  }

  it('overlap is language intersection', () => {
    assert.equal(patternOverlaps('arn:aws:iam::*:role/app-*', 'arn:aws:iam::111122223333:role/*-prod'), 'yes');
    assert.equal(patternOverlaps('arn:aws:iam::*:role/app-*', 'arn:aws:iam::*:policy/*'), 'no');
    assert.equal(patternOverlaps('a*', '*b'), 'yes');
    assert.equal(patternOverlaps('a?', '?bc'), 'no');
    assert.equal(patternOverlaps(pstr('arn:aws:iam::*:role/{{?x}}'), 'arn:aws:iam::*:role/app'), 'unknown');
  });

  it('holes: a hole in the outer pattern prevents "yes" but not "no"', () => {
    assert.equal(
      patternCovers(pstr('arn:aws:iam::*:policy/{{?x}}'), 'arn:aws:iam::*:policy/pennsieve-boundary-*'),
      'unknown',
    );
    assert.equal(patternCovers(pstr('arn:aws:iam::*:role/{{?x}}'), 'arn:aws:iam::*:policy/pennsieve-boundary-*'), 'no');
    assert.equal(
      patternCovers('arn:aws:iam::*:policy/*', pstr('arn:aws:iam::*:policy/pennsieve-boundary-{{?x}}')),
      'yes',
    );
  });
});

describe('witnessArn', () => {
  it('fills iam-data ARN templates with the stand-ins', () => {
    assert.equal(
      witnessArn('arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}', { RoleNameWithPath: 'x' }),
      'arn:aws:iam::000000000000:role/x',
    );
    assert.equal(witnessArn('arn:${Partition}:s3:::${BucketName}/${ObjectName}'), 'arn:aws:s3:::pg-witness/pg-witness');
  });
});
