import assert from 'node:assert/strict';
import { checkExternalId, checkPlatformPrincipal, platformPrincipals } from '../../../../server/src/audit/existingRole';
import { resourceDelta } from '../../../../server/src/audit/resourceDelta';
import { EXTERNAL_ID_TOKENS } from '../../../../shared/roleProtocol';

const policy = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });
const PLATFORM = 'arn:aws:iam::740463337177:root';
const allow = (aws: string | string[], externalId?: string | string[]) => ({
  Sid: 'Platform',
  Effect: 'Allow',
  Principal: { AWS: aws },
  Action: 'sts:AssumeRole',
  ...(externalId === undefined ? {} : { Condition: { StringEquals: { 'sts:ExternalId': externalId } } }),
});
const template = { trustPolicyDocument: policy(allow(PLATFORM, 'x')) };

describe('server audit/existingRole', () => {
  it('takes the platform principals from the template trust, an account id as its root', () => {
    assert.deepEqual(platformPrincipals({ trustPolicyDocument: policy(allow(['740463337177', '*'])) }), [PLATFORM]);
  });

  it('accepts a trust naming the platform principal, refuses one that does not', () => {
    assert.equal(checkPlatformPrincipal({ trustPolicyDocument: policy(allow(PLATFORM)) }, template).ok, true);
    const other = checkPlatformPrincipal(
      { trustPolicyDocument: policy(allow('arn:aws:iam::222222222222:root')) },
      template,
    );
    assert.equal(other.ok, false);
    assert.match(
      other.detail,
      /does not name the platform's principal \(arn:aws:iam::740463337177:root\); it names arn:aws:iam::222222222222:root/,
    );
  });

  it('accepts only the entered external ID, on every statement letting the platform in', () => {
    const ok = checkExternalId({ trustPolicyDocument: policy(allow(PLATFORM, EXTERNAL_ID_TOKENS.matches)) }, template);
    assert.deepEqual(ok.ok, true);
    const second = policy(allow(PLATFORM, EXTERNAL_ID_TOKENS.matches), {
      ...allow(PLATFORM, [EXTERNAL_ID_TOKENS.matches, EXTERNAL_ID_TOKENS.other]),
      Sid: 'Extra',
    });
    assert.deepEqual(checkExternalId({ trustPolicyDocument: second }, template), {
      ok: false,
      detail: 'A trust statement (statement Extra) accepts an external ID other than the one you entered',
    });
    assert.deepEqual(checkExternalId({ trustPolicyDocument: policy(allow(PLATFORM)) }, template), {
      ok: false,
      detail: 'A trust statement (statement Platform) lets the platform in without StringEquals on sts:ExternalId',
    });
    assert.equal(
      checkExternalId({ trustPolicyDocument: policy(allow('*', EXTERNAL_ID_TOKENS.other)) }, template).ok,
      false,
      'a wildcard principal lets the platform in too',
    );
  });

  it('lists per service the resources an update adds and removes', () => {
    const live = {
      policyDocument: policy(
        { Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::old/*'] },
        { Effect: 'Allow', Action: 'ec2:*', Resource: '*' },
      ),
    };
    const next = {
      policyDocument: policy(
        { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: ['arn:aws:s3:::pennsieve-*/*'] },
        { Effect: 'Allow', Action: 'ec2:*', Resource: '*' },
      ),
    };
    assert.deepEqual(resourceDelta(live, next), [
      { service: 's3', resourcesAdded: ['arn:aws:s3:::pennsieve-*/*'], resourcesRemoved: ['arn:aws:s3:::old/*'] },
    ]);
  });
});
