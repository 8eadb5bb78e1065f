// Pennsieve's main-API directory routes, served by the sandbox from its identities file: the
// caller, their workspaces, a workspace's members and teams, a team's members. In production they
// live on another host (api.pennsieve.io); the sandbox serves them beside the compute routes.

import type { Identities, OrganizationIdentity, TeamIdentity, UserIdentity } from '../auth/identities';
import { expandedOrganization, membersOf, organizationsOf, teamEntry, teamMembersOf, userDto } from './directoryViews';
import { ApiError, json, Msg, type RequestContext, type Route } from './http';

/** Guest (1) may list members; teams need Read (2) or more. */
const GUEST_BIT = 1;
const READ_BIT = 2;

function caller(ctx: RequestContext): { ids: Identities; user: UserIdentity } {
  const ids = ctx.deps.directory.identities;
  const user = ids.users.find((u) => u.nodeId === ctx.claims.user_claim.NodeId);
  // The gateway authenticated the token against the same file: a miss is a bug, not a 401.
  if (!user) throw new ApiError(500, 'the authenticated user is not in the identities file');
  return { ids, user };
}

/** The organization in the path, if the caller has at least `bit` in it: 404 unknown, 403 otherwise. */
function organization(ctx: RequestContext, bit: number): { ids: Identities; user: UserIdentity; org: OrganizationIdentity } {
  const { ids, user } = caller(ctx);
  const org = ids.organizations.find((o) => o.nodeId === ctx.params.orgId);
  if (!org) throw new ApiError(404, Msg.notFound);
  if ((org.members.get(user.name) ?? 0) < bit) throw new ApiError(403, Msg.forbidden);
  return { ids, user, org };
}

function team(ids: Identities, org: OrganizationIdentity, teamId: string | undefined): TeamIdentity {
  const found = ids.teams.find((t) => t.nodeId === teamId && t.organization === org.name);
  if (!found) throw new ApiError(404, Msg.notFound);
  return found;
}

async function currentUser(ctx: RequestContext) {
  const { ids, user } = caller(ctx);
  return json(200, userDto(ids, user));
}

async function listOrganizations(ctx: RequestContext) {
  const { ids, user } = caller(ctx);
  const includeAdmins = ctx.query.get('includeAdmins') !== 'false';
  const organizations = organizationsOf(ids, user).map((o) => expandedOrganization(ids, o, user, includeAdmins && o.members.get(user.name) !== GUEST_BIT));
  return json(200, { organizations });
}

async function getOrganization(ctx: RequestContext) {
  const { ids, user, org } = organization(ctx, GUEST_BIT);
  return json(200, expandedOrganization(ids, org, user, org.members.get(user.name) !== GUEST_BIT));
}

async function listMembers(ctx: RequestContext) {
  const { ids, org } = organization(ctx, GUEST_BIT);
  return json(200, membersOf(ids, org));
}

async function listTeams(ctx: RequestContext) {
  const { ids, user, org } = organization(ctx, READ_BIT);
  return json(200, ids.teams.filter((t) => t.organization === org.name).map((t) => teamEntry(ids, org, t, user)));
}

async function getTeam(ctx: RequestContext) {
  const { ids, user, org } = organization(ctx, READ_BIT);
  return json(200, teamEntry(ids, org, team(ids, org, ctx.params.teamId), user));
}

async function listTeamMembers(ctx: RequestContext) {
  const { ids, org } = organization(ctx, READ_BIT);
  return json(200, teamMembersOf(ids, team(ids, org, ctx.params.teamId)));
}

const route = (method: Route['method'], path: string, handler: string, handle: Route['handle']): Route => ({ method, path, handler, style: 'compute', auth: 'token', handle });

/** The directory routes (docs/sandbox.md lists them with the compute routes). */
export const directoryRoutes: readonly Route[] = [
  route('GET', '/user', 'UserController.getCurrentUser', currentUser),
  route('GET', '/user/', 'UserController.getCurrentUser', currentUser),
  route('GET', '/organizations', 'OrganizationsController.getOrganizations', listOrganizations),
  route('GET', '/organizations/{orgId}', 'OrganizationsController.getOrganization', getOrganization),
  route('GET', '/organizations/{orgId}/members', 'OrganizationsController.getMembers', listMembers),
  route('GET', '/organizations/{orgId}/teams', 'OrganizationsController.getTeams', listTeams),
  route('GET', '/organizations/{orgId}/teams/{teamId}', 'OrganizationsController.getTeam', getTeam),
  route('GET', '/organizations/{orgId}/teams/{teamId}/members', 'OrganizationsController.getTeamMembers', listTeamMembers),
];
