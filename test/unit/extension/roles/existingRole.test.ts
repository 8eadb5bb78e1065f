import assert from 'node:assert/strict';
import { parseRoleArn, tokenizeExternalIds } from '../../../../extension/src/roles/existingRole';
import { EXTERNAL_ID_TOKENS } from '../../../../shared/roleProtocol';

describe('extension roles/existingRole', () => {
  it('parses role ARNs with and without a path', () => {
    assert.deepEqual(parseRoleArn(' arn:aws:iam::123456789012:role/Pennsieve-Compute-prod '), {
      partition: 'aws',
      accountId: '123456789012',
      path: '/',
      roleName: 'Pennsieve-Compute-prod',
    });
    assert.deepEqual(parseRoleArn('arn:aws-us-gov:iam::123456789012:role/team/LakeSail'), {
      partition: 'aws-us-gov',
      accountId: '123456789012',
      path: '/team/',
      roleName: 'LakeSail',
    });
  });

  it('says why a text is not a role ARN', () => {
    assert.match(parseRoleArn('') as string, /^Enter the ARN/);
    assert.equal(parseRoleArn('arn:aws:iam::123456789012:user/alice'), 'This is a user ARN: enter the ARN of the role');
    assert.equal(parseRoleArn('Pennsieve-Compute-prod'), 'A role ARN starts with arn:aws:iam::');
    assert.match(parseRoleArn('arn:aws:iam::1234:role/x') as string, /^Not a role ARN/);
  });

  it('replaces each external ID by a token, the entered one by "matches", without changing the input', () => {
    const trust = {
      Statement: [
        { Effect: 'Allow', Condition: { StringEquals: { 'sts:ExternalId': 'secret-1' } } },
        { Effect: 'Allow', Condition: { StringEquals: { 'STS:EXTERNALID': ['secret-1', 'other'] } } },
      ],
    };
    const out = tokenizeExternalIds(trust, 'secret-1');
    assert.deepEqual(out, {
      Statement: [
        { Effect: 'Allow', Condition: { StringEquals: { 'sts:ExternalId': EXTERNAL_ID_TOKENS.matches } } },
        {
          Effect: 'Allow',
          Condition: { StringEquals: { 'STS:EXTERNALID': [EXTERNAL_ID_TOKENS.matches, EXTERNAL_ID_TOKENS.other] } },
        },
      ],
    });
    assert.equal(JSON.stringify(out).includes('secret-1'), false);
    assert.equal(trust.Statement[0]!.Condition.StringEquals['sts:ExternalId'], 'secret-1');
  });
});
