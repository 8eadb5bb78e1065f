import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeAwsError, isNoSuchEntity } from '../../../../extension/src/aws/awsErrors';
import { decodePolicyDocument } from '../../../../extension/src/aws/crossAccountRole';
import { listAwsProfiles, profileNamesOf } from '../../../../extension/src/aws/profiles';
import { externalIdOf, generateExternalId, withExternalId } from '../../../../extension/src/aws/trustPolicy';

const trust = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: { AWS: '123456789012' }, Action: 'sts:AssumeRole' },
    { Effect: 'Deny', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' },
  ],
};

describe('extension aws/trustPolicy', () => {
  it('adds the external ID to allow statements only, without touching the original', () => {
    const id = generateExternalId();
    assert.match(id, /^[0-9a-f]{32}$/);
    assert.notEqual(generateExternalId(), id);
    const out = withExternalId(trust, id);
    assert.deepEqual((out.Statement as object[])[0], {
      ...trust.Statement[0],
      Condition: { StringEquals: { 'sts:ExternalId': id } },
    });
    assert.equal((out.Statement as Record<string, unknown>[])[1]!.Condition, undefined);
    assert.equal((trust.Statement[0] as Record<string, unknown>).Condition, undefined);
    assert.equal(externalIdOf(out), id);
    assert.equal(externalIdOf(trust), undefined);
  });

  it('keeps existing conditions beside the external ID', () => {
    const withMfa = {
      Statement: {
        Effect: 'Allow',
        Action: ['sts:AssumeRole'],
        Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
      },
    };
    const out = withExternalId(withMfa, 'x'.repeat(20));
    assert.deepEqual((out.Statement as Record<string, unknown>).Condition, {
      Bool: { 'aws:MultiFactorAuthPresent': 'true' },
      StringEquals: { 'sts:ExternalId': 'x'.repeat(20) },
    });
  });
});

describe('extension aws/profiles', () => {
  it('reads profile names from config and credentials files', () => {
    const config =
      '[default]\nregion=us-east-1\n[profile dev]\nsso_session = corp\n[sso-session corp]\n[profile  chained ] # comment\nsource_profile=dev\n[services x]\n';
    assert.deepEqual(profileNamesOf(config, 'config'), ['default', 'dev', 'chained']);
    assert.deepEqual(profileNamesOf('[default]\n[ci]\n', 'credentials'), ['default', 'ci']);
  });

  it('merges both files, default first, and tolerates missing files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aws-'));
    writeFileSync(join(dir, 'config'), '[profile zed]\n[default]\n');
    writeFileSync(join(dir, 'credentials'), '[alpha]\n[default]\n');
    const env = {
      HOME: dir,
      AWS_CONFIG_FILE: join(dir, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
    };
    assert.deepEqual(await listAwsProfiles(env), ['default', 'alpha', 'zed']);
    assert.deepEqual(await listAwsProfiles({ HOME: join(dir, 'nowhere') }), []);
  });
});

describe('extension aws/awsErrors and documents', () => {
  it('describes credential, expiry and access problems in one sentence naming the profile', () => {
    assert.match(
      describeAwsError(
        Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }),
        'dev',
      ),
      /^No AWS credentials for profile "dev": /,
    );
    assert.match(
      describeAwsError(
        Object.assign(new Error('The security token included in the request is expired'), { name: 'ExpiredToken' }),
        '',
      ),
      /default AWS credentials are expired or invalid .*aws sso login/,
    );
    assert.match(
      describeAwsError(
        Object.assign(new Error('User: x is not authorized to perform: iam:CreateRole'), { name: 'AccessDenied' }),
        'dev',
      ),
      /^AWS denied the request for profile "dev": /,
    );
    assert.equal(
      describeAwsError(Object.assign(new Error('boom\nstack'), { name: 'Throttling' }), 'dev'),
      'AWS request failed (Throttling): boom',
    );
    // The SDK's own words for an expired or missing IAM Identity Center sign-in (sso_session and legacy profiles).
    for (const message of [
      "Value not present for 'clientId' in SSO Token. Cannot refresh. To refresh this SSO session run 'aws sso login' with the corresponding profile.",
      'The SSO session associated with this profile has expired. To refresh this SSO session run aws sso login with the corresponding profile.',
      "Token is expired. To refresh this SSO session run 'aws sso login' with the corresponding profile.",
    ]) {
      assert.match(
        describeAwsError(Object.assign(new Error(message), { name: 'CredentialsProviderError' }), 'corp-sso'),
        /^The IAM Identity Center \(SSO\) sign-in of profile "corp-sso" has expired or is missing: run "aws sso login --profile corp-sso", then try again/,
      );
    }
    assert.match(
      describeAwsError(
        Object.assign(new Error('Token is expired. run aws sso login'), { name: 'TokenProviderError' }),
        '',
      ),
      /run "aws sso login", then/,
    );
    assert.ok(isNoSuchEntity({ name: 'NoSuchEntityException' }));
  });

  it('decodes IAM’s URL-encoded policy documents and plain JSON alike', () => {
    const doc = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }],
    };
    assert.deepEqual(decodePolicyDocument(encodeURIComponent(JSON.stringify(doc))), doc);
    assert.deepEqual(decodePolicyDocument(JSON.stringify(doc)), doc);
    assert.deepEqual(decodePolicyDocument(undefined), {});
  });
});
