// Every HTTP route the extension calls, with its literal path, in one table per API: search for a
// path (`/compute-nodes/{id}/permissions/teams/{teamId}`) and you find its only caller. No editor types.

import type { Method } from './client';

/** One route: the method and the path template exactly as the API documents it. */
export interface Route<P extends string = string> {
  readonly method: Method;
  readonly path: P;
}

/** The `{name}` placeholders of a path template, as a union of names. */
export type PathParams<P extends string> = P extends `${string}{${infer Name}}${infer Rest}`
  ? Name | PathParams<Rest>
  : never;

/**
 * The compute-resources API (Pennsieve's account service, `https://api2.pennsieve.io/compute/resources`,
 * or a sandbox). docs/extension.md lists what each route returns.
 */
export const ROUTES = {
  listAccounts: { method: 'GET', path: '/accounts' },
  getAccount: { method: 'GET', path: '/accounts/{id}' },
  createAccount: { method: 'POST', path: '/accounts' },
  deleteAccount: { method: 'DELETE', path: '/accounts/{id}' },
  enableWorkspace: { method: 'POST', path: '/accounts/{uuid}/workspaces' },
  disableWorkspace: { method: 'DELETE', path: '/accounts/{uuid}/workspaces/{workspaceId}' },
  listComputeNodes: { method: 'GET', path: '/compute-nodes' },
  getComputeNode: { method: 'GET', path: '/compute-nodes/{id}' },
  createComputeNode: { method: 'POST', path: '/compute-nodes' },
  patchComputeNode: { method: 'PATCH', path: '/compute-nodes/{id}' },
  deleteComputeNode: { method: 'DELETE', path: '/compute-nodes/{id}' },
  getPermissions: { method: 'GET', path: '/compute-nodes/{id}/permissions' },
  setAccessScope: { method: 'PUT', path: '/compute-nodes/{id}/permissions' },
  grantUser: { method: 'POST', path: '/compute-nodes/{id}/permissions/users' },
  revokeUser: { method: 'DELETE', path: '/compute-nodes/{id}/permissions/users/{userId}' },
  grantTeam: { method: 'POST', path: '/compute-nodes/{id}/permissions/teams' },
  revokeTeam: { method: 'DELETE', path: '/compute-nodes/{id}/permissions/teams/{teamId}' },
  attachOrganization: { method: 'POST', path: '/compute-nodes/{id}/organization' },
  detachOrganization: { method: 'DELETE', path: '/compute-nodes/{id}/organization' },
  listSecrets: { method: 'GET', path: '/compute-nodes/{id}/secrets' },
  patchSecrets: { method: 'PATCH', path: '/compute-nodes/{id}/secrets' },
  deleteSecrets: { method: 'DELETE', path: '/compute-nodes/{id}/secrets' },
  listSharedSecrets: { method: 'GET', path: '/compute-nodes/{id}/shared-secrets' },
  patchSharedSecrets: { method: 'PATCH', path: '/compute-nodes/{id}/shared-secrets' },
  deleteSharedSecrets: { method: 'DELETE', path: '/compute-nodes/{id}/shared-secrets' },
  getAllowedProcessors: { method: 'GET', path: '/compute-nodes/{id}/allowed-processors' },
  putAllowedProcessors: { method: 'PUT', path: '/compute-nodes/{id}/allowed-processors' },
  getLlmConfig: { method: 'GET', path: '/compute-nodes/{id}/llm-config' },
  putLlmConfig: { method: 'PUT', path: '/compute-nodes/{id}/llm-config' },
  listUserQuotas: { method: 'GET', path: '/compute-nodes/{id}/user-quotas' },
  putUserQuota: { method: 'PUT', path: '/compute-nodes/{id}/user-quotas/{userId}' },
  deleteUserQuota: { method: 'DELETE', path: '/compute-nodes/{id}/user-quotas/{userId}' },
  effectiveQuota: { method: 'GET', path: '/compute-nodes/{id}/user-quotas/{userId}/effective' },
  gpuTiers: { method: 'GET', path: '/gpu-tiers' },
  rolePolicy: { method: 'GET', path: '/role-policy' },
} as const satisfies Readonly<Record<string, Route>>;

/**
 * Pennsieve's main API (`https://api.pennsieve.io`, or the same sandbox): who the caller is,
 * their workspaces, and the people and teams in them.
 */
export const DIRECTORY_ROUTES = {
  currentUser: { method: 'GET', path: '/user' },
  listOrganizations: { method: 'GET', path: '/organizations' },
  listMembers: { method: 'GET', path: '/organizations/{orgId}/members' },
  listTeams: { method: 'GET', path: '/organizations/{orgId}/teams' },
  listTeamMembers: { method: 'GET', path: '/organizations/{orgId}/teams/{teamId}/members' },
} as const satisfies Readonly<Record<string, Route>>;

/** The path with each `{name}` replaced by its encoded value (ids contain colons). */
export function fillPath(path: string, params: Readonly<Record<string, string>> | undefined): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`no value for {${name}} in ${path}`);
    return encodeURIComponent(value);
  });
}
