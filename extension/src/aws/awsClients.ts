// AWS clients built from the user's settings: a named profile (SSO and role chains work through
// fromIni), the region, and an optional endpoint (the sandbox points it at moto). Credentials stay
// in memory.

import { IAMClient } from '@aws-sdk/client-iam';
import {
  AssumeRoleCommand,
  AssumeRoleWithWebIdentityCommand,
  STSClient,
  type AssumeRoleCommandInput,
  type AssumeRoleWithWebIdentityCommandInput,
} from '@aws-sdk/client-sts';
import { fromIni, fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';

export interface AwsTarget {
  readonly region: string;
  /** Empty or undefined means real AWS. */
  readonly endpoint?: string;
  readonly credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
}

export interface AwsProfileSettings {
  /** "" means the default chain (environment, default profile, SSO cache, instance roles). */
  readonly profile: string;
  readonly region: string;
  readonly endpoint?: string;
}

type StsCredentials = { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string; Expiration?: Date };

function credentialsOf(c: StsCredentials | undefined, what: string): AwsCredentialIdentity {
  if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error(`STS returned no credentials for ${what}`);
  return {
    accessKeyId: c.AccessKeyId,
    secretAccessKey: c.SecretAccessKey,
    sessionToken: c.SessionToken,
    expiration: c.Expiration,
  };
}

/**
 * The STS calls a profile's role chain makes (AssumeRole, AssumeRoleWithWebIdentity), through the
 * settings' region and endpoint (the sandbox's moto), like every other call.
 */
function roleAssumersFor(settings: AwsProfileSettings) {
  const sts = (credentials?: AwsCredentialIdentity) =>
    new STSClient({ region: settings.region, endpoint: settings.endpoint || undefined, credentials, maxAttempts: 3 });
  return {
    roleAssumer: async (source: AwsCredentialIdentity, params: AssumeRoleCommandInput) => {
      const client = sts(source);
      try {
        return credentialsOf(
          (await client.send(new AssumeRoleCommand(params))).Credentials,
          params.RoleArn ?? 'the role',
        );
      } finally {
        client.destroy();
      }
    },
    roleAssumerWithWebIdentity: async (params: AssumeRoleWithWebIdentityCommandInput) => {
      const client = sts(); // AssumeRoleWithWebIdentity is not signed
      try {
        const res = await client.send(new AssumeRoleWithWebIdentityCommand(params));
        return credentialsOf(res.Credentials, params.RoleArn ?? 'the role');
      } finally {
        client.destroy();
      }
    },
  };
}

/**
 * A credential provider for the settings; asks `mfaCode` when a role-chained profile needs MFA.
 * A chained profile (`source_profile` + `role_arn`, `external_id`, `mfa_serial`) assumes its role
 * through the same endpoint and region as every other call (the sandbox's moto). An SSO profile
 * (`sso_session`, or `sso_start_url` + `sso_account_id` + `sso_role_name`) reads its token from
 * the AWS CLI's cache (`aws sso login`) and gets its credentials from the IAM Identity Center
 * portal of its own `sso_region`, at the endpoint the AWS configuration names for the `sso`
 * service (`AWS_ENDPOINT_URL_SSO`, a `services` section), else AWS's. Nothing is written to disk.
 */
export function credentialsFor(
  settings: AwsProfileSettings,
  mfaCode?: (serial: string) => Promise<string>,
): AwsCredentialIdentityProvider {
  const init = { mfaCodeProvider: mfaCode, ...roleAssumersFor(settings) };
  if (!settings.profile) return fromNodeProviderChain(init);
  return fromIni({ profile: settings.profile, ignoreCache: false, ...init });
}

export function targetFor(settings: AwsProfileSettings, credentials: AwsTarget['credentials']): AwsTarget {
  return { region: settings.region, endpoint: settings.endpoint || undefined, credentials };
}

export function createIamClient(t: AwsTarget): IAMClient {
  return new IAMClient({
    region: t.region,
    endpoint: t.endpoint || undefined,
    credentials: t.credentials,
    maxAttempts: 3,
  });
}

export function createStsClient(t: AwsTarget): STSClient {
  return new STSClient({
    region: t.region,
    endpoint: t.endpoint || undefined,
    credentials: t.credentials,
    maxAttempts: 3,
  });
}
