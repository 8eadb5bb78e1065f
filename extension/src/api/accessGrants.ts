// Who may use a node: access scope, shared users and teams, and the node's organization.

import type { ApiClient } from './client';
import { ROUTES } from './routes';
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
    return (await this.client.request(ROUTES.getPermissions, permissionsSchema, { params: { id: nodeUuid }, signal }))
      .data;
  }

  /** Sets the scope; note that production clears every user and team share on any change. */
  async setAccessScope(nodeUuid: string, accessScope: AccessScope): Promise<NodePermissions> {
    return (
      await this.client.request(ROUTES.setAccessScope, permissionsSchema, {
        params: { id: nodeUuid },
        body: { accessScope },
      })
    ).data;
  }

  async grant(nodeUuid: string, grantee: Grantee): Promise<void> {
    const params = { id: nodeUuid };
    if (grantee.kind === 'user')
      await this.client.request(ROUTES.grantUser, grantResultSchema, { params, body: { userId: grantee.id } });
    else await this.client.request(ROUTES.grantTeam, grantResultSchema, { params, body: { teamId: grantee.id } });
  }

  async revoke(nodeUuid: string, grantee: Grantee): Promise<void> {
    if (grantee.kind === 'user')
      await this.client.request(ROUTES.revokeUser, grantResultSchema, { params: { id: nodeUuid, userId: grantee.id } });
    else
      await this.client.request(ROUTES.revokeTeam, grantResultSchema, { params: { id: nodeUuid, teamId: grantee.id } });
  }

  /** Attaches an organization-independent node to a workspace (node owner only, once). */
  async attachOrganization(nodeUuid: string, organizationId: string): Promise<void> {
    const query = { organization_id: organizationId };
    await this.client.request(ROUTES.attachOrganization, grantResultSchema, { params: { id: nodeUuid }, query });
  }

  /** Detaches the node: every share goes and it becomes private and independent (account owner only). */
  async detachOrganization(nodeUuid: string): Promise<void> {
    await this.client.request(ROUTES.detachOrganization, grantResultSchema, { params: { id: nodeUuid } });
  }
}
