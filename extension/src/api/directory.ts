// Pennsieve's main API for people: the caller (GET /user), their workspaces, and each workspace's
// members and teams. It lives on another host than the compute-resources API. No editor types.

import type { ApiClient } from './client';
import { DIRECTORY_ROUTES } from './routes';
import { array, bool, num, object, optional, str, type Infer } from './schema';

export const userSchema = object({
  id: str,
  intId: optional(num),
  email: optional(str),
  firstName: optional(str),
  lastName: optional(str),
  preferredOrganization: optional(str),
  /** In a members list: owner, manager, editor, viewer or guest. */
  role: optional(str),
});
export type DirectoryUser = Infer<typeof userSchema>;

export const organizationSchema = object({ id: str, intId: optional(num), name: optional(str), slug: optional(str) });
export type DirectoryOrganization = Infer<typeof organizationSchema>;

const expandedOrganizationSchema = object({
  organization: organizationSchema,
  isAdmin: optional(bool),
  isOwner: optional(bool),
  isGuest: optional(bool),
});
export type ExpandedOrganization = Infer<typeof expandedOrganizationSchema>;

export const teamEntrySchema = object({
  team: object({ id: str, name: optional(str), systemTeamType: optional(str) }),
  memberCount: optional(num),
  isAdmin: optional(bool),
});
export type TeamEntry = Infer<typeof teamEntrySchema>;

/**
 * Where the main API lives for a compute-resources base URL: Pennsieve's
 * `https://api2.pennsieve.io/compute/resources` → `https://api.pennsieve.io` (`.net` likewise);
 * a sandbox serves both at its own URL.
 */
export function directoryBaseUrl(apiBaseUrl: string, mode: 'pennsieve' | 'sandbox'): string {
  if (mode === 'sandbox') return apiBaseUrl.replace(/\/+$/, '');
  try {
    const url = new URL(apiBaseUrl);
    return `${url.protocol}//${url.host.replace(/^api2\./, 'api.')}`;
  } catch {
    return 'https://api.pennsieve.io';
  }
}

/** Typed calls for the directory routes. */
export class DirectoryApi {
  constructor(private readonly client: ApiClient) {}

  async fetchCurrentUser(signal?: AbortSignal): Promise<DirectoryUser> {
    return (await this.client.request(DIRECTORY_ROUTES.currentUser, userSchema, { signal })).data;
  }

  /** The caller's workspaces (without the administrator lists, which cost the API more). */
  async fetchOrganizations(signal?: AbortSignal): Promise<ExpandedOrganization[]> {
    const query = { includeAdmins: 'false' };
    return (
      await this.client.request(
        DIRECTORY_ROUTES.listOrganizations,
        object({ organizations: array(expandedOrganizationSchema) }),
        { query, signal },
      )
    ).data.organizations;
  }

  /** A workspace's members (Guest or more in it; 403 otherwise). */
  async fetchMembers(orgId: string, signal?: AbortSignal): Promise<DirectoryUser[]> {
    return (await this.client.request(DIRECTORY_ROUTES.listMembers, array(userSchema), { params: { orgId }, signal }))
      .data;
  }

  /** A workspace's teams (Read or more in it; 403 for guests). */
  async fetchTeams(orgId: string, signal?: AbortSignal): Promise<TeamEntry[]> {
    return (
      await this.client.request(DIRECTORY_ROUTES.listTeams, array(teamEntrySchema), { params: { orgId }, signal })
    ).data;
  }

  async fetchTeamMembers(orgId: string, teamId: string, signal?: AbortSignal): Promise<DirectoryUser[]> {
    return (
      await this.client.request(DIRECTORY_ROUTES.listTeamMembers, array(userSchema), {
        params: { orgId, teamId },
        signal,
      })
    ).data;
  }
}
