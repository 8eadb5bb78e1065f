// The emulator-side trust check: what AWS would decide for AssumeRole against a trust policy.

import assert from 'node:assert/strict';
import { trustDenialReason } from '../../../backend/src/provisioner/trust';

const trust = (statement: Record<string, unknown>) => ({ Version: '2012-10-17', Statement: [statement] });
const allowRoot = { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'sts:AssumeRole' };

describe('trust check on an emulator', () => {
  it('admits the provisioner account with the matching external ID', () => {
    const doc = trust({ ...allowRoot, Condition: { StringEquals: { 'sts:ExternalId': 'abc' } } });
    assert.equal(trustDenialReason(doc, '123456789012', 'abc'), undefined);
    assert.equal(trustDenialReason(JSON.stringify(doc), '123456789012', 'abc'), undefined);
    assert.equal(
      trustDenialReason(encodeURIComponent(JSON.stringify(doc)), '123456789012', 'abc'),
      undefined,
      'IAM returns URL-encoded documents',
    );
  });

  it('refuses a wrong or missing external ID', () => {
    const doc = trust({ ...allowRoot, Condition: { StringEquals: { 'sts:ExternalId': 'abc' } } });
    assert.equal(trustDenialReason(doc, '123456789012', 'xyz'), 'the external ID does not match the trust policy');
    assert.equal(trustDenialReason(doc, '123456789012', ''), 'the external ID does not match the trust policy');
    assert.equal(
      trustDenialReason(
        trust({ ...allowRoot, Condition: { StringLike: { 'sts:ExternalId': 'ab*' } } }),
        '123456789012',
        'abz',
      ),
      undefined,
    );
  });

  it('refuses another account, a missing statement, a deny, and an unreadable document', () => {
    assert.match(trustDenialReason(trust(allowRoot), '999999999999', '') ?? '', /does not allow account 999999999999/);
    assert.match(
      trustDenialReason(trust({ ...allowRoot, Action: 'sts:TagSession' }), '123456789012', '') ?? '',
      /does not allow/,
    );
    const denied = { Version: '2012-10-17', Statement: [allowRoot, { ...allowRoot, Effect: 'Deny' }] };
    assert.match(trustDenialReason(denied, '123456789012', '') ?? '', /denies/);
    assert.equal(trustDenialReason('%%%not json', '123456789012', ''), 'the role has no readable trust policy');
    assert.equal(trustDenialReason(undefined, '123456789012', ''), 'the role has no readable trust policy');
  });

  it('accepts a bare account id, a wildcard principal and action wildcards, as AWS does', () => {
    assert.equal(
      trustDenialReason(
        trust({ ...allowRoot, Principal: { AWS: ['111111111111', '123456789012'] } }),
        '123456789012',
        '',
      ),
      undefined,
    );
    assert.equal(
      trustDenialReason(trust({ ...allowRoot, Principal: '*', Action: 'sts:*' }), '123456789012', ''),
      undefined,
    );
  });
});
