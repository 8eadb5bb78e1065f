// The JSON shapes of Pennsieve's main API for people, workspaces and teams (UserDTO,
// OrganizationDTO, the expanded organization, the team entry), built from the identities file.

import type { Identities, OrganizationIdentity, TeamIdentity, UserIdentity } from '../auth/identities';

/** Administer (16) and Owner (32): `isAdmin`, the `administrators` list. */
const ADMIN_BIT = 16;
const OWNER_BIT = 32;

/** The membership bit → the snake_case role the members list carries. */
export function roleOf(bit: number): 'owner' | 'manager' | 'editor' | 'viewer' | 'guest' {
  if (bit >= OWNER_BIT) return 'owner';
  if (bit >= ADMIN_BIT) return 'manager';
  if (bit >= 8) return 'editor';
  if (bit >= 2) return 'viewer';
  return 'guest';
}

/** The organizations a user belongs to (a permission bit above none), in file order. */
export function organizationsOf(ids: Identities, user: UserIdentity): OrganizationIdentity[] {
  return ids.organizations.filter((o) => (o.members.get(user.name) ?? 0) > 0);
}

/**
 * A UserDTO. The file may leave names and email out: a user with neither gets their key as first
 * name, so every sandbox user has something to show (a user with an email is shown by it, as
 * clients do without a name). `preferredOrganization` is the first organization.
 */
export function userDto(ids: Identities, user: UserIdentity, role?: string): Record<string, unknown> {
  const preferred = organizationsOf(ids, user)[0];
  return {
    id: user.nodeId,
    intId: user.intId,
    email: user.email ?? '',
    firstName: user.firstName ?? (user.lastName || user.email ? '' : user.name),
    lastName: user.lastName ?? '',
    credential: '',
    color: '',
    url: '',
    authyId: 0,
    isSuperAdmin: false,
    isIntegrationUser: false,
    ...(preferred ? { preferredOrganization: preferred.nodeId } : {}),
    ...(role ? { role } : {}),
  };
}

export function organizationDto(org: OrganizationIdentity): Record<string, unknown> {
  return {
    id: org.nodeId,
    intId: org.intId,
    name: org.displayName ?? org.name,
    slug: org.name,
    subscriptionState: 'FULL',
    encryptionKeyId: '',
    features: [],
  };
}

function usersWithBit(ids: Identities, org: OrganizationIdentity, test: (bit: number) => boolean): UserIdentity[] {
  return ids.users.filter((u) => test(org.members.get(u.name) ?? 0));
}

/** An ExpandedOrganization for `user`; `includeAdmins: false` leaves the two lists empty. */
export function expandedOrganization(
  ids: Identities,
  org: OrganizationIdentity,
  user: UserIdentity,
  includeAdmins: boolean,
): Record<string, unknown> {
  const bit = org.members.get(user.name) ?? 0;
  const list = (test: (b: number) => boolean) =>
    includeAdmins ? usersWithBit(ids, org, test).map((u) => userDto(ids, u)) : [];
  return {
    organization: organizationDto(org),
    administrators: list((b) => b >= ADMIN_BIT && b < OWNER_BIT),
    owners: list((b) => b >= OWNER_BIT),
    isAdmin: bit >= ADMIN_BIT,
    isOwner: bit >= OWNER_BIT,
    isGuest: bit === 1,
  };
}

/** An organization's members (bit above none) with their role. */
export function membersOf(ids: Identities, org: OrganizationIdentity): Record<string, unknown>[] {
  return usersWithBit(ids, org, (b) => b > 0).map((u) => userDto(ids, u, roleOf(org.members.get(u.name) ?? 0)));
}

/** A team entry of GET /organizations/{id}/teams. */
export function teamEntry(
  ids: Identities,
  org: OrganizationIdentity,
  team: TeamIdentity,
  caller: UserIdentity,
): Record<string, unknown> {
  const admins = usersWithBit(ids, org, (b) => b >= ADMIN_BIT).filter((u) => team.members.includes(u.name));
  return {
    team: { id: team.nodeId, name: team.displayName ?? team.name },
    administrators: admins.map((u) => userDto(ids, u)),
    isAdmin: (org.members.get(caller.name) ?? 0) >= ADMIN_BIT,
    memberCount: team.members.length,
  };
}

/** A team's members, without a role. */
export function teamMembersOf(ids: Identities, team: TeamIdentity): Record<string, unknown>[] {
  return ids.users.filter((u) => team.members.includes(u.name)).map((u) => userDto(ids, u));
}
