// Accounts (customer AWS accounts registered with Pennsieve), their workspace enablements, and
// the cross-account role template.

import type { ApiClient } from './client';
import { ROUTES } from './routes';
import { array, bool, ignored, num, object, optional, record, str, type Infer } from './schema';

export const enablementSchema = object({
  accountUuid: str,
  organizationId: str,
  isPublic: optional(bool),
  enableCompute: optional(bool),
  enableStorage: optional(bool),
  enabledBy: optional(str),
  /** Unix seconds. */
  enabledAt: optional(num),
});
export type WorkspaceEnablement = Infer<typeof enablementSchema>;

export const accountSchema = object({
  uuid: str,
  /** The 12-digit AWS account number. */
  accountId: str,
  accountType: optional(str),
  roleName: optional(str),
  externalId: optional(str),
  userId: optional(str),
  name: optional(str),
  description: optional(str),
  status: optional(str),
  enabledWorkspaces: optional(array(enablementSchema)),
});
export type Account = Infer<typeof accountSchema>;

/** What DELETE /accounts/{id} returns: the agent deletes `roleName` with it. */
export const deletedAccountSchema = object({
  uuid: optional(str),
  accountId: optional(str),
  roleName: optional(str),
  externalId: optional(str),
});
export type DeletedAccount = Infer<typeof deletedAccountSchema>;

export const rolePolicySchema = object({
  roleName: str,
  policyDocument: record,
  trustPolicyDocument: record,
  /** The sandbox generates one and puts it in the trust policy; production has none. */
  externalId: optional(str),
  /** Sandbox addition; production's agent uses 7200. */
  maxSessionDuration: optional(num),
});
export type RolePolicy = Infer<typeof rolePolicySchema>;

export interface NewAccount {
  readonly accountId: string;
  readonly roleName: string;
  readonly externalId: string;
  readonly name?: string;
  readonly description?: string;
}

export interface WorkspaceOptions {
  readonly isPublic: boolean;
  readonly enableCompute: boolean;
  readonly enableStorage: boolean;
}

/** Typed calls for the account routes. */
export class AccountsApi {
  constructor(private readonly client: ApiClient) {}

  /** The caller's accounts, each with all its workspace enablements (`null` from the API is `[]`). */
  async fetchAccounts(signal?: AbortSignal): Promise<Account[]> {
    const query = { includeWorkspaces: 'true' };
    return (await this.client.request(ROUTES.listAccounts, array(accountSchema), { query, signal })).data;
  }

  async fetchAccount(uuid: string): Promise<Account> {
    return (await this.client.request(ROUTES.getAccount, accountSchema, { params: { id: uuid } })).data;
  }

  /** Registers the account; the API answers only with the new uuid. */
  async createAccount(account: NewAccount): Promise<string> {
    const body = { accountType: 'AWS', ...account };
    return (await this.client.request(ROUTES.createAccount, object({ uuid: str }), { body })).data.uuid;
  }

  /** Removes the registration; refuses (409) while the account has nodes. */
  async deleteAccount(uuid: string): Promise<DeletedAccount> {
    return (await this.client.request(ROUTES.deleteAccount, deletedAccountSchema, { params: { id: uuid } })).data;
  }

  async enableWorkspace(uuid: string, organizationId: string, options: WorkspaceOptions): Promise<WorkspaceEnablement> {
    const query = { organization_id: organizationId };
    return (
      await this.client.request(ROUTES.enableWorkspace, enablementSchema, { params: { uuid }, query, body: options })
    ).data;
  }

  async disableWorkspace(uuid: string, organizationId: string): Promise<void> {
    await this.client.request(ROUTES.disableWorkspace, ignored, { params: { uuid, workspaceId: organizationId } });
  }

  /** A fresh role name, trust policy and permission policy (a new name on every call). */
  async fetchRolePolicy(): Promise<RolePolicy> {
    return (await this.client.request(ROUTES.rolePolicy, rolePolicySchema)).data;
  }
}
