// `--seed-demo`: registers a demo AWS account the way a user would with the Pennsieve agent:
// fetch /role-policy, create the cross-account role in the (emulated) customer account, register
// the account, and enable it for the demo workspace. Safe to repeat.

import { CreateRoleCommand, GetRoleCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { EMULATOR_CREDENTIALS } from '../app';
import type { RoleTemplate } from '../provisioner/rolePolicy';

export const DEMO_ACCOUNT_NAME = 'Sandbox demo account';

export interface SeedOptions {
  readonly apiUrl: string;
  readonly token: string;
  /** moto's endpoint: the customer account lives there. */
  readonly awsEndpoint: string;
  readonly region: string;
  /** The emulated customer account (any 12 digits; moto keeps one backend per account). */
  readonly customerAccountId: string;
  readonly organizationId: string;
}

export interface SeedResult {
  readonly accountUuid: string;
  readonly roleName: string;
  readonly created: boolean;
}

async function api<T>(
  opts: SeedOptions,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; data: T }> {
  const res = await fetch(`${opts.apiUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${opts.token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 300 && res.status !== 422) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
  // 422 (already registered or enabled) comes back as plain text from the account handlers.
  return { status: res.status, data: (res.ok && text ? JSON.parse(text) : undefined) as T };
}

/**
 * IAM in the customer account. moto keeps one backend per account id and serves a role's account
 * to whoever assumed a role there, so assuming any role name yields credentials for that account.
 */
async function customerIam(opts: SeedOptions): Promise<IAMClient> {
  const sts = new STSClient({ region: opts.region, endpoint: opts.awsEndpoint, credentials: EMULATOR_CREDENTIALS });
  const out = await sts.send(
    new AssumeRoleCommand({
      RoleArn: `arn:aws:iam::${opts.customerAccountId}:role/sandbox-bootstrap`,
      RoleSessionName: 'sandbox-seed',
    }),
  );
  sts.destroy();
  const c = out.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error('moto returned no credentials for the customer account');
  return new IAMClient({
    region: opts.region,
    endpoint: opts.awsEndpoint,
    credentials: { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken },
  });
}

/** Creates the role from the template unless it exists; always (re)writes its inline policy. */
async function ensureRole(iam: IAMClient, template: RoleTemplate): Promise<void> {
  const exists = await iam.send(new GetRoleCommand({ RoleName: template.roleName })).then(
    () => true,
    (err: { name?: string }) => {
      if (err.name === 'NoSuchEntityException' || err.name === 'NoSuchEntity') return false;
      throw err;
    },
  );
  if (!exists) {
    await iam.send(
      new CreateRoleCommand({
        RoleName: template.roleName,
        AssumeRolePolicyDocument: JSON.stringify(template.trustPolicyDocument),
        MaxSessionDuration: template.maxSessionDuration,
        Description: 'Lets the Pennsieve provisioner deploy compute nodes (sandbox demo)',
      }),
    );
  }
  await iam.send(
    new PutRolePolicyCommand({
      RoleName: template.roleName,
      PolicyName: `POLICY-${template.roleName}`,
      PolicyDocument: JSON.stringify(template.policyDocument),
    }),
  );
}

export async function seedDemoAccount(opts: SeedOptions): Promise<SeedResult> {
  type Account = { uuid: string; name?: string; roleName: string; externalId: string; accountId: string };
  const accounts = (await api<Account[]>(opts, 'GET', '/accounts')).data;
  const existing = accounts.find((a) => a.name === DEMO_ACCOUNT_NAME && a.accountId === opts.customerAccountId);
  // Re-seeding keeps the registered role name and external ID and recreates the role if moto lost it.
  const query = existing ? `?externalId=${encodeURIComponent(existing.externalId)}` : '';
  const fetched = (await api<RoleTemplate>(opts, 'GET', `/role-policy${query}`)).data;
  const template: RoleTemplate = existing ? { ...fetched, roleName: existing.roleName } : fetched;
  const iam = await customerIam(opts);
  try {
    await ensureRole(iam, template);
  } finally {
    iam.destroy();
  }
  let accountUuid = existing?.uuid;
  if (!accountUuid) {
    const created = await api<{ uuid: string }>(opts, 'POST', '/accounts', {
      accountId: opts.customerAccountId,
      accountType: 'AWS',
      roleName: template.roleName,
      externalId: template.externalId,
      name: DEMO_ACCOUNT_NAME,
      description: 'An emulated customer AWS account in moto',
    });
    if (created.status !== 201) throw new Error(`POST /accounts answered ${created.status}`);
    accountUuid = created.data.uuid;
  }
  // 422 means the enablement already exists.
  await api(
    opts,
    'POST',
    `/accounts/${accountUuid}/workspaces?organization_id=${encodeURIComponent(opts.organizationId)}`,
    {
      isPublic: true,
      enableCompute: true,
      enableStorage: false,
    },
  );
  return { accountUuid, roleName: template.roleName, created: !existing };
}
