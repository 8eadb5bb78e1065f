// The cross-account role in the user's own AWS account: create it (role + inline policy
// POLICY-<role>), read it back as live documents, and delete it with everything attached.

import {
  CreateRoleCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  ListAttachedRolePoliciesCommand,
  ListInstanceProfilesForRoleCommand,
  ListRolePoliciesCommand,
  PutRolePolicyCommand,
  RemoveRoleFromInstanceProfileCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { isEntityAlreadyExists, isNoSuchEntity } from './awsErrors';
import { MAX_SESSION_SECONDS, ROLE_TAG, inlinePolicyName } from './roleSpec';

type Json = Record<string, unknown>;

export interface RoleSpec {
  readonly roleName: string;
  readonly trustPolicy: Json;
  readonly permissionPolicy: Json;
  readonly maxSessionDuration?: number;
}

export interface CreatedRole {
  readonly roleArn: string;
  readonly inlinePolicyName: string;
}

export interface LivePolicy {
  readonly name: string;
  readonly arn?: string;
  readonly document: Json;
}

export interface LiveRole {
  readonly roleName: string;
  readonly arn: string;
  readonly maxSessionDuration?: number;
  readonly permissionsBoundaryArn?: string;
  readonly trustPolicy: Json;
  readonly inline: readonly LivePolicy[];
  readonly attached: readonly LivePolicy[];
}

/** What deleting the role removed; `roleExisted: false` means there was nothing to remove. */
export interface RoleRemoval {
  readonly roleName: string;
  readonly roleExisted: boolean;
  readonly inlinePolicies: readonly string[];
  readonly detachedPolicies: readonly string[];
  readonly instanceProfiles: readonly string[];
}

/** IAM returns policy documents URL-encoded; moto sometimes returns them as plain JSON. */
export function decodePolicyDocument(doc: string | undefined): Json {
  if (!doc) return {};
  const text = doc.trimStart().startsWith('{') ? doc : decodeURIComponent(doc);
  return JSON.parse(text) as Json;
}

/**
 * Creates the role and its inline policy. If the policy cannot be written the role is deleted
 * again, so a failure leaves nothing behind.
 */
export async function createCrossAccountRole(iam: IAMClient, spec: RoleSpec): Promise<CreatedRole> {
  const policyName = inlinePolicyName(spec.roleName);
  let roleArn: string;
  try {
    const res = await iam.send(
      new CreateRoleCommand({
        RoleName: spec.roleName,
        AssumeRolePolicyDocument: JSON.stringify(spec.trustPolicy),
        MaxSessionDuration: spec.maxSessionDuration ?? MAX_SESSION_SECONDS,
        Description:
          'Lets Pennsieve provision compute nodes in this account (created by Pennsieve Compute for VS Code)',
        Tags: [{ Key: ROLE_TAG.key, Value: ROLE_TAG.value }],
      }),
    );
    roleArn = res.Role?.Arn ?? '';
  } catch (err) {
    if (isEntityAlreadyExists(err))
      throw new Error(`A role with this name already exists; try again for a fresh name: ${spec.roleName}`, {
        cause: err,
      });
    throw err;
  }
  try {
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: spec.roleName,
        PolicyName: policyName,
        PolicyDocument: JSON.stringify(spec.permissionPolicy),
      }),
    );
  } catch (err) {
    await iam.send(new DeleteRoleCommand({ RoleName: spec.roleName })).catch(() => undefined);
    throw err;
  }
  return { roleArn, inlinePolicyName: policyName };
}

/** Reads the role's trust policy, inline policies and attached managed policies (default versions). */
export async function fetchLiveRole(iam: IAMClient, roleName: string): Promise<LiveRole> {
  const role = (await iam.send(new GetRoleCommand({ RoleName: roleName }))).Role;
  const inline: LivePolicy[] = [];
  for (const name of await listInlineNames(iam, roleName)) {
    const res = await iam.send(new GetRolePolicyCommand({ RoleName: roleName, PolicyName: name }));
    inline.push({ name, document: decodePolicyDocument(res.PolicyDocument) });
  }
  const attached: LivePolicy[] = [];
  for (const p of await listAttached(iam, roleName)) {
    const policy = (await iam.send(new GetPolicyCommand({ PolicyArn: p.arn }))).Policy;
    const version = await iam.send(
      new GetPolicyVersionCommand({ PolicyArn: p.arn, VersionId: policy?.DefaultVersionId }),
    );
    attached.push({ name: p.name, arn: p.arn, document: decodePolicyDocument(version.PolicyVersion?.Document) });
  }
  return {
    roleName,
    arn: role?.Arn ?? '',
    maxSessionDuration: role?.MaxSessionDuration,
    permissionsBoundaryArn: role?.PermissionsBoundary?.PermissionsBoundaryArn,
    trustPolicy: decodePolicyDocument(role?.AssumeRolePolicyDocument),
    inline,
    attached,
  };
}

/** Deleting the role stopped part-way; `removal` lists what was removed before the failure. */
export class RoleRemovalError extends Error {
  override readonly name = 'RoleRemovalError';
  constructor(
    readonly removal: RoleRemoval,
    options: { cause: unknown },
  ) {
    super(`Deleting the role stopped part-way: ${(options.cause as Error)?.message ?? String(options.cause)}`, options);
  }
}

/**
 * Deletes the role the way IAM requires: inline policies, then attached policies, then instance
 * profiles, then the role. A role that is already gone is reported as such, not as an error.
 */
export async function deleteCrossAccountRole(iam: IAMClient, roleName: string): Promise<RoleRemoval> {
  const removal = {
    roleName,
    roleExisted: true,
    inlinePolicies: [] as string[],
    detachedPolicies: [] as string[],
    instanceProfiles: [] as string[],
  };
  let inline: string[];
  try {
    inline = await listInlineNames(iam, roleName);
  } catch (err) {
    if (isNoSuchEntity(err)) return { ...removal, roleExisted: false };
    throw err;
  }
  try {
    for (const name of inline) {
      await iam.send(new DeleteRolePolicyCommand({ RoleName: roleName, PolicyName: name }));
      removal.inlinePolicies.push(name);
    }
    for (const p of await listAttached(iam, roleName)) {
      await iam.send(new DetachRolePolicyCommand({ RoleName: roleName, PolicyArn: p.arn }));
      removal.detachedPolicies.push(p.arn);
    }
    const profiles =
      (await iam.send(new ListInstanceProfilesForRoleCommand({ RoleName: roleName }))).InstanceProfiles ?? [];
    for (const ip of profiles) {
      if (!ip.InstanceProfileName) continue;
      await iam.send(
        new RemoveRoleFromInstanceProfileCommand({ RoleName: roleName, InstanceProfileName: ip.InstanceProfileName }),
      );
      removal.instanceProfiles.push(ip.InstanceProfileName);
    }
    await iam.send(new DeleteRoleCommand({ RoleName: roleName }));
  } catch (err) {
    throw new RoleRemovalError(removal, { cause: err });
  }
  return removal;
}

async function listInlineNames(iam: IAMClient, roleName: string): Promise<string[]> {
  const names: string[] = [];
  let marker: string | undefined;
  do {
    const res = await iam.send(new ListRolePoliciesCommand({ RoleName: roleName, Marker: marker }));
    names.push(...(res.PolicyNames ?? []));
    marker = res.IsTruncated ? res.Marker : undefined;
  } while (marker);
  return names;
}

async function listAttached(iam: IAMClient, roleName: string): Promise<{ name: string; arn: string }[]> {
  const out: { name: string; arn: string }[] = [];
  let marker: string | undefined;
  do {
    const res = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: roleName, Marker: marker }));
    for (const p of res.AttachedPolicies ?? [])
      if (p.PolicyArn) out.push({ name: p.PolicyName ?? p.PolicyArn, arn: p.PolicyArn });
    marker = res.IsTruncated ? res.Marker : undefined;
  } while (marker);
  return out;
}
