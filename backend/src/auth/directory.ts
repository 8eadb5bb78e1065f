// Tokens → users → claims, as Pennsieve's API-gateway authorizer and its "direct authorizer" produce them.

import { createHash, timingSafeEqual } from 'node:crypto';
import type { Identities, OrganizationIdentity, UserIdentity } from './identities';

/** Administer: "admin" in the Account Service means a permission bit of at least 16. */
export const ADMIN_BIT = 16;

export interface UserClaim {
  readonly Id: number;
  readonly NodeId: string;
  readonly IsSuperAdmin: boolean;
}
export interface OrgClaim {
  readonly Role: number;
  readonly IntId: number;
  readonly NodeId: string;
  readonly EnabledFeatures: null;
}
export interface TeamClaim {
  readonly IntId: number;
  readonly Name: string;
  readonly NodeId: string;
  readonly Permission: number;
  readonly TeamType: string;
}
/** The authorizer context handlers read (`user_claim`, `org_claim`, `team_claims`). */
export interface Claims {
  readonly user_claim: UserClaim;
  readonly org_claim?: OrgClaim;
  readonly team_claims: readonly TeamClaim[];
}

/** The direct authorizer's answer for (user, organization). */
export interface Authorization {
  readonly isAuthorized: boolean;
  readonly claims?: Claims;
}

export interface Directory {
  /** The identities file behind it (the directory routes list its people and teams). */
  readonly identities: Identities;
  /** The user a bearer token belongs to, compared in constant time; undefined if unknown or expired. */
  authenticate(token: string, now: Date): UserIdentity | undefined;
  /** LEGACY-mode claims: the org claim is for the user's active (first) organization. */
  tokenClaims(user: UserIdentity): Claims;
  /** Membership of `userNodeId` in `orgNodeId`: authorized unless not a member or NoPermission (0). */
  authorize(userNodeId: string, orgNodeId: string): Authorization;
  userExists(nodeId: string): boolean;
  teamExists(nodeId: string): boolean;
  organizationExists(nodeId: string): boolean;
  findUser(name: string): UserIdentity | undefined;
}

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** Builds the directory over a validated identities file. */
export function createDirectory(ids: Identities): Directory {
  const tokens = ids.users.map((u) => ({ user: u, digest: digest(u.token) }));
  const userByNode = new Map(ids.users.map((u) => [u.nodeId, u]));
  const orgByNode = new Map(ids.organizations.map((o) => [o.nodeId, o]));
  const teamNodes = new Set(ids.teams.map((t) => t.nodeId));

  const claimsIn = (user: UserIdentity, org: OrganizationIdentity | undefined): Claims => {
    const role = org?.members.get(user.name);
    return {
      user_claim: { Id: user.intId, NodeId: user.nodeId, IsSuperAdmin: false },
      org_claim:
        org && role !== undefined
          ? { Role: role, IntId: org.intId, NodeId: org.nodeId, EnabledFeatures: null }
          : undefined,
      team_claims: ids.teams
        .filter((t) => org && t.organization === org.name && t.members.includes(user.name))
        .map((t) => ({ IntId: t.intId, Name: t.name, NodeId: t.nodeId, Permission: role ?? 0, TeamType: '' })),
    };
  };

  return {
    identities: ids,
    authenticate(token, now) {
      const candidate = digest(token);
      let found: UserIdentity | undefined;
      // Visit every user so the time taken does not depend on which token matched.
      for (const t of tokens) {
        if (timingSafeEqual(candidate, t.digest)) found = t.user;
      }
      if (found?.expiresAt && found.expiresAt.getTime() <= now.getTime()) return undefined;
      return found;
    },
    tokenClaims(user) {
      return claimsIn(
        user,
        ids.organizations.find((o) => o.members.has(user.name)),
      );
    },
    authorize(userNodeId, orgNodeId) {
      const user = userByNode.get(userNodeId);
      const org = orgByNode.get(orgNodeId);
      const role = user && org ? org.members.get(user.name) : undefined;
      if (!user || !org || !role) return { isAuthorized: false };
      return { isAuthorized: true, claims: claimsIn(user, org) };
    },
    userExists: (nodeId) => userByNode.has(nodeId),
    teamExists: (nodeId) => teamNodes.has(nodeId),
    organizationExists: (nodeId) => orgByNode.has(nodeId),
    findUser: (name) => ids.users.find((u) => u.name === name),
  };
}

/** True when the claims carry an org claim with Role ≥ 16. */
export function isOrgAdmin(claims: Claims | undefined): boolean {
  return (claims?.org_claim?.Role ?? 0) >= ADMIN_BIT;
}
