// The emulated customer's side on moto, for tests and benchmarks: act inside a customer account,
// create the cross-account role a user would create, and register the account with the backend.

import { CreateRoleCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { EMULATOR_CREDENTIALS } from '../../../backend/src/app';
import type { RoleTemplate } from '../../../backend/src/provisioner/rolePolicy';

interface CustomerCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/** Credentials that act inside `accountId` in moto (moto serves the account of the role assumed). */
export async function customerCredentials(endpoint: string, accountId: string): Promise<CustomerCredentials> {
  const sts = new STSClient({ region: 'us-east-1', endpoint, credentials: EMULATOR_CREDENTIALS });
  try {
    const out = await sts.send(
      new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${accountId}:role/test-admin`, RoleSessionName: 'test' }),
    );
    const c = out.Credentials!;
    return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken };
  } finally {
    sts.destroy();
  }
}

/** An IAM client acting inside the customer account `accountId`. */
export async function customerIam(endpoint: string, accountId: string): Promise<IAMClient> {
  return new IAMClient({ region: 'us-east-1', endpoint, credentials: await customerCredentials(endpoint, accountId) });
}

/** What `pennsieve account register` does: create-role with the trust policy, put-role-policy. */
export async function createCrossAccountRole(
  endpoint: string,
  accountId: string,
  template: RoleTemplate,
): Promise<void> {
  const iam = await customerIam(endpoint, accountId);
  try {
    await iam.send(
      new CreateRoleCommand({
        RoleName: template.roleName,
        AssumeRolePolicyDocument: JSON.stringify(template.trustPolicyDocument),
        MaxSessionDuration: template.maxSessionDuration,
      }),
    );
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: template.roleName,
        PolicyName: `POLICY-${template.roleName}`,
        PolicyDocument: JSON.stringify(template.policyDocument),
      }),
    );
  } finally {
    iam.destroy();
  }
}

/**
 * Registers `accountId` with the backend the way a user does: fetch /role-policy, create the role
 * in the (moto) customer account, POST /accounts, and enable it for `org` (public, compute on).
 */
export async function registerCustomerAccount(opts: {
  readonly url: string;
  readonly token: string;
  readonly motoEndpoint: string;
  readonly accountId: string;
  readonly org: string;
}): Promise<string> {
  const headers = { Authorization: `Bearer ${opts.token}`, 'Content-Type': 'application/json' };
  const template = (await (await fetch(`${opts.url}/role-policy`, { headers })).json()) as RoleTemplate;
  await createCrossAccountRole(opts.motoEndpoint, opts.accountId, template);
  const created = await fetch(`${opts.url}/accounts`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      accountId: opts.accountId,
      accountType: 'AWS',
      roleName: template.roleName,
      externalId: template.externalId,
    }),
  });
  if (created.status !== 201) throw new Error(`POST /accounts answered ${created.status}: ${await created.text()}`);
  const { uuid } = (await created.json()) as { uuid: string };
  const enabled = await fetch(
    `${opts.url}/accounts/${uuid}/workspaces?organization_id=${encodeURIComponent(opts.org)}`,
    {
      method: 'POST',
      headers,
      body: JSON.stringify({ isPublic: true, enableCompute: true, enableStorage: false }),
    },
  );
  if (enabled.status !== 201)
    throw new Error(`enabling the workspace answered ${enabled.status}: ${await enabled.text()}`);
  return uuid;
}
