// Who the user's credentials are (STS GetCallerIdentity), and verifying the cross-account role
// by assuming it with the external ID. Assumed credentials stay in memory and are dropped.

import { AssumeRoleCommand, GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';

export interface CallerIdentity {
  readonly account: string;
  readonly arn: string;
  readonly userId: string;
}

export interface RoleVerification {
  /** Who GetCallerIdentity says we became with the assumed credentials. */
  readonly identity: CallerIdentity;
  readonly expiresAt?: Date;
}

export async function fetchCallerIdentity(sts: STSClient): Promise<CallerIdentity> {
  const res = await sts.send(new GetCallerIdentityCommand({}));
  return { account: res.Account ?? '', arn: res.Arn ?? '', userId: res.UserId ?? '' };
}

export function roleArnOf(accountId: string, roleName: string, partition = 'aws'): string {
  return `arn:${partition}:iam::${accountId}:role/${roleName}`;
}

/**
 * AssumeRole with the external ID, then GetCallerIdentity with the temporary credentials.
 * `stsWith` builds an STS client for given credentials (same region and endpoint).
 */
export async function verifyCrossAccountRole(
  sts: STSClient,
  stsWith: (credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) => STSClient,
  roleArn: string,
  externalId: string | undefined,
): Promise<RoleVerification> {
  const res = await sts.send(
    new AssumeRoleCommand({
      RoleArn: roleArn,
      RoleSessionName: `pennsieve-vscode-verify-${Date.now()}`,
      ExternalId: externalId || undefined,
      DurationSeconds: 900,
    }),
  );
  const c = res.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error('AssumeRole returned no credentials');
  const assumed = stsWith({
    accessKeyId: c.AccessKeyId,
    secretAccessKey: c.SecretAccessKey,
    sessionToken: c.SessionToken,
  });
  try {
    return { identity: await fetchCallerIdentity(assumed), expiresAt: c.Expiration };
  } finally {
    assumed.destroy();
  }
}
