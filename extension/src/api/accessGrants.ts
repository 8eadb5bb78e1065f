// Who may use a node: access scope, shared users and teams, and the node's organization
// (reference §3.5, §3.6).

import { enc } from './accounts';
import type { ApiClient } from './client';
import { array, bool, object, optional, str, type Infer } from './schema';

export const ACCESS_SCOPES = ['private', 'workspace', 'shared'] as const;
export type AccessScope = (typeof ACCESS_SCOPES)[number];

export const permissionsSchema = object({
  nodeUuid: str,
  accessScope: str,
  owner: str,
  /** Left out by the API when empty; always an array here. */
  sharedWithUsers: array(str),
  sharedWithTeams: array(str),
  organizationId: optional(str),
  organizationIndependent: optional(bool),
});
export type NodePermissions = Infer<typeof permissionsSchema>;

const grantResultSchema = object({ message: optional(str), action: optional(str) });

export type Grantee = { readonly kind: 'user'; readonly id: string } | { readonly kind: 'team'; readonly id: string };

/** Typed calls for the permission and organization routes. */
export class AccessGrantsApi {
  constructor(private readonly client: ApiClient) {}

  async fetchPermissions(nodeUuid: string, signal?: AbortSignal): Promise<NodePermissions> {
    return (await this.client.request('GET', `/compute-nodes/${enc(nodeUuid)}/permissions`, permissionsSchema, { signal })).data;
  }

  /** Sets the scope; note that production clears every user and team share on any change. */
  async setAccessScope(nodeUuid: string, accessScope: AccessScope): Promise<NodePermissions> {
    const path = `/compute-nodes/${enc(nodeUuid)}/permissions`;
    return (await this.client.request('PUT', path, permissionsSchema, { body: { accessScope } })).data;
  }

  async grant(nodeUuid: string, grantee: Grantee): Promise<void> {
    const path = `/compute-nodes/${enc(nodeUuid)}/permissions/${grantee.kind}s`;
    const body = grantee.kind === 'user' ? { userId: grantee.id } : { teamId: grantee.id };
    await this.client.request('POST', path, grantResultSchema, { body });
  }

  async revoke(nodeUuid: string, grantee: Grantee): Promise<void> {
    const path = `/compute-nodes/${enc(nodeUuid)}/permissions/${grantee.kind}s/${enc(grantee.id)}`;
    await this.client.request('DELETE', path, grantResultSchema);
  }

  /** Attaches an organization-independent node to a workspace (node owner only, once). */
  async attachOrganization(nodeUuid: string, organizationId: string): Promise<void> {
    const query = { organization_id: organizationId };
    await this.client.request('POST', `/compute-nodes/${enc(nodeUuid)}/organization`, grantResultSchema, { query });
  }

  /** Detaches the node: every share goes and it becomes private and independent (account owner only). */
  async detachOrganization(nodeUuid: string): Promise<void> {
    await this.client.request('DELETE', `/compute-nodes/${enc(nodeUuid)}/organization`, grantResultSchema);
  }
}

