// The model while it is built: roles and policies being linked, the sink they go to, and how a
// role is classified. Shared by buildModel and the standalone documents, which import nothing else
// of each other.

import type { Profile } from '../core/profile';
import type { Loc } from './loc';
import type {
  AttachedPolicy,
  ManagedPolicy,
  Model,
  ResourcePolicy,
  Role,
  RoleKind,
  UnresolvedPolicyRef,
} from './model';
import type { PolicyDecl } from './iamDecls';
import type { PolicyDoc } from './policy';
import { known, type PStr } from './pstr';
import type { Tri, Unit } from './resources';
import type { Val } from './value';

/** Matches an IAM-style glob against a possibly partial name, 3-valued. */
export type NameMatcher = (pattern: string, value: PStr, opts?: { ignoreCase?: boolean }) => Tri;

export interface ModelOptions {
  readonly profile: Profile;
  readonly matchName: NameMatcher;
}

/** Mutable while linking; exposed read-only through the Model types. */
export interface RoleBuild extends Role {
  readonly identity: AttachedPolicy[];
  readonly unresolved: UnresolvedPolicyRef[];
  readonly boundary?: { readonly value: Val; readonly loc: Loc; readonly policy?: PolicyBuild };
}

/** Mutable while linking. */
export interface PolicyBuild extends ManagedPolicy {
  isBoundary: boolean;
}

export interface PolicyPair {
  readonly decl: PolicyDecl;
  readonly policy: PolicyBuild;
}

export interface Sink {
  readonly roles: RoleBuild[];
  readonly policies: ManagedPolicy[];
  readonly loose: { doc: PolicyDoc; unit: Unit; loc: Model['looseIdentityPolicies'][number]['loc'] }[];
  readonly resourcePolicies: ResourcePolicy[];
  /** Managed policies attached to users or groups that could not be read. */
  readonly unresolved: UnresolvedPolicyRef[];
}

/** Cross-account role by name; processor roles by name, or by resource name when the name is not known. */
export function classifyRole(name: PStr | undefined, address: string, opts: ModelOptions): RoleKind {
  const { profile, matchName } = opts;
  if (name && profile.crossAccountRole.namePatterns.some((p) => matchName(p, name) === 'yes')) return 'crossAccount';
  const caseless = { ignoreCase: true };
  const byName = name ? matchName(profile.processorRoles.namePattern, name, caseless) : 'unknown';
  if (byName === 'yes') return 'processor';
  if (byName === 'unknown') {
    const label = address.slice(address.lastIndexOf('.') + 1);
    if (matchName(profile.processorRoles.namePattern, known(label), caseless) === 'yes') return 'processor';
  }
  return 'child';
}
