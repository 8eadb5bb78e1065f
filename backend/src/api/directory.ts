// Pennsieve's main-API directory routes, served by the sandbox from its identities file: the
// caller, their workspaces, a workspace's members and teams, a team's members. In production they
// live on another host (api.pennsieve.io); the sandbox serves them beside the compute routes
// (the paths are in ./routes.ts).

import type { Identities, OrganizationIdentity, TeamIdentity, UserIdentity } from '../auth/identities';
import { expandedOrganization, membersOf, organizationsOf, teamEntry, teamMembersOf, userDto } from './directoryViews';
import { ApiError, json, Msg, type RequestContext } from './http';

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
function organization(
  ctx: RequestContext,
  bit: number,
): { ids: Identities; user: UserIdentity; org: OrganizationIdentity } {
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

/** GET /user: the caller, with their preferred organization. */
export async function currentUser(ctx: RequestContext) {
  const { ids, user } = caller(ctx);
  return json(200, userDto(ids, user));
}

/** GET /organizations: the caller's workspaces (`?includeAdmins=false`: without their administrators). */
export async function listOrganizations(ctx: RequestContext) {
  const { ids, user } = caller(ctx);
  const includeAdmins = ctx.query.get('includeAdmins') !== 'false';
  const organizations = organizationsOf(ids, user).map((o) =>
    expandedOrganization(ids, o, user, includeAdmins && o.members.get(user.name) !== GUEST_BIT),
  );
  return json(200, { organizations });
}

/** GET /organizations/{orgId}: one workspace of the caller. */
export async function getOrganization(ctx: RequestContext) {
  const { ids, user, org } = organization(ctx, GUEST_BIT);
  return json(200, expandedOrganization(ids, org, user, org.members.get(user.name) !== GUEST_BIT));
}

/** GET /organizations/{orgId}/members: a workspace's members (Guest and up may list them). */
export async function listMembers(ctx: RequestContext) {
  const { ids, org } = organization(ctx, GUEST_BIT);
  return json(200, membersOf(ids, org));
}

/** GET /organizations/{orgId}/teams: a workspace's teams (Read and up). */
export async function listTeams(ctx: RequestContext) {
  const { ids, user, org } = organization(ctx, READ_BIT);
  return json(
    200,
    ids.teams.filter((t) => t.organization === org.name).map((t) => teamEntry(ids, org, t, user)),
  );
}

/** GET /organizations/{orgId}/teams/{teamId}: one team. */
export async function getTeam(ctx: RequestContext) {
  const { ids, user, org } = organization(ctx, READ_BIT);
  return json(200, teamEntry(ids, org, team(ids, org, ctx.params.teamId), user));
}

/** GET /organizations/{orgId}/teams/{teamId}/members: a team's members. */
export async function listTeamMembers(ctx: RequestContext) {
  const { ids, org } = organization(ctx, READ_BIT);
  return json(200, teamMembersOf(ids, team(ids, org, ctx.params.teamId)));
}
