// AWS clients built from the user's settings: a named profile (SSO and role chains work through
// fromIni), the region, and an optional endpoint (the sandbox points it at moto).

import { IAMClient } from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';
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

/**
 * A credential provider for the settings; asks `mfaCode` when a role-chained profile needs MFA.
 * A chained profile (`source_profile` + `role_arn`, `external_id`, `mfa_serial`) assumes its role,
 * and an SSO profile gets its credentials, through the same endpoint and region as every other
 * call (the sandbox's moto), never a different one.
 */
export function credentialsFor(
  settings: AwsProfileSettings,
  mfaCode?: (serial: string) => Promise<string>,
): AwsCredentialIdentityProvider {
  const clientConfig = { region: settings.region, ...(settings.endpoint ? { endpoint: settings.endpoint } : {}) };
  if (!settings.profile) return fromNodeProviderChain({ mfaCodeProvider: mfaCode, clientConfig });
  return fromIni({ profile: settings.profile, mfaCodeProvider: mfaCode, ignoreCache: false, clientConfig });
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
