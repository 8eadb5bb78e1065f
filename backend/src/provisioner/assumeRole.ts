// Assumes a customer account's cross-account role through STS, as Pennsieve's provisioner does.
// The temporary credentials are returned to the caller and kept in memory only.

import { IAMClient, GetRoleCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentials, AwsTarget } from './terraform';
import { trustDenialReason } from './trust';

/** The role cannot be assumed: the node fails with this message. */
export class AssumeRoleError extends Error {
  override readonly name = 'AssumeRoleError';
}

export interface AssumeRoleConfig {
  readonly target: AwsTarget;
  /** The provisioner's own credentials; undefined = the default AWS credential chain. */
  readonly baseCredentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** Trusted by the role template; checked against the role's trust policy on an emulator. */
  readonly provisionerAccountId: string;
}

export interface AssumeRoleRequest {
  /** The customer's 12-digit AWS account id. */
  readonly accountId: string;
  readonly roleName: string;
  readonly externalId: string;
  /** The node identifier: the session is named `pennsieve-<identifier>`. */
  readonly identifier: string;
}

export const SESSION_SECONDS = 3600;

function errorText(err: unknown): string {
  const e = err as { name?: string; message?: string };
  return `${e.name ?? 'Error'}: ${e.message ?? String(err)}`;
}

/**
 * `sts:AssumeRole` with the account's external ID, session `pennsieve-<identifier>` and one-hour
 * credentials. An emulator (moto) does not evaluate trust policies, so there the role's trust policy
 * is read back and checked the way AWS would check it, and a missing role fails as it would on AWS.
 */
export async function assumeAccountRole(config: AssumeRoleConfig, req: AssumeRoleRequest): Promise<AwsCredentials> {
  if (!/^\d{12}$/.test(req.accountId) || !req.roleName) {
    throw new AssumeRoleError(
      `the account has no usable role: account id "${req.accountId}", role name "${req.roleName}"`,
    );
  }
  const roleArn = `arn:aws:iam::${req.accountId}:role/${req.roleName}`;
  const { region, endpoint } = config.target;
  const sts = new STSClient({ region, endpoint, credentials: config.baseCredentials, maxAttempts: 3 });
  let credentials: AwsCredentials;
  try {
    const out = await sts.send(
      new AssumeRoleCommand({
        RoleArn: roleArn,
        RoleSessionName: `pennsieve-${req.identifier}`,
        DurationSeconds: SESSION_SECONDS,
        ExternalId: req.externalId || undefined,
      }),
    );
    const c = out.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error('STS returned no credentials');
    credentials = {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
      expiration: c.Expiration,
    };
  } catch (err) {
    throw new AssumeRoleError(`cannot assume ${roleArn}: ${errorText(err)}`);
  } finally {
    sts.destroy();
  }
  if (endpoint) await checkTrustOnEmulator(config, req, roleArn, credentials);
  return credentials;
}

async function checkTrustOnEmulator(
  config: AssumeRoleConfig,
  req: AssumeRoleRequest,
  roleArn: string,
  credentials: AwsCredentials,
): Promise<void> {
  const iam = new IAMClient({
    region: config.target.region,
    endpoint: config.target.endpoint,
    credentials,
    maxAttempts: 3,
  });
  try {
    const role = (await iam.send(new GetRoleCommand({ RoleName: req.roleName }))).Role;
    const reason = trustDenialReason(role?.AssumeRolePolicyDocument, config.provisionerAccountId, req.externalId);
    if (reason) throw new AssumeRoleError(`cannot assume ${roleArn}: AccessDenied: ${reason}`);
  } catch (err) {
    if (err instanceof AssumeRoleError) throw err;
    throw new AssumeRoleError(`cannot assume ${roleArn}: ${errorText(err)}`);
  } finally {
    iam.destroy();
  }
}
