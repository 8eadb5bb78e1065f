// The analysis model the rules read: roles with their trust, boundary and identity policies,
// managed policies, and every resource. Built by `model/buildModel.ts` from evaluated units.

import type { Loc } from './loc';
import type { PolicyDoc } from './policy';
import type { PStr } from './pstr';
import type { IacResource, Unit } from './resources';
import type { ParseProblem } from './source';
import type { Val } from './value';

export type RoleKind = 'crossAccount' | 'processor' | 'child';

/** A policy attached to a role, inline or managed. `loc` is where the attachment is written. */
export interface AttachedPolicy {
  readonly doc: PolicyDoc;
  readonly loc: Loc;
  readonly policy?: ManagedPolicy;
}

/** A managed-policy reference that could not be resolved to a document in the unit (AWS-managed or external). */
export interface UnresolvedPolicyRef {
  readonly arn: Val;
  readonly loc: Loc;
  /** Why it could not be read, when known (an AWS-managed policy missing from the data). */
  readonly reason?: string;
}

export interface Role {
  readonly address: string;
  readonly unit: Unit;
  /** Undefined for roles synthesized from standalone JSON documents. */
  readonly resource?: IacResource;
  /** True when synthesized from a standalone document: rules about the role resource itself skip it. */
  readonly synthetic: boolean;
  readonly name?: { readonly value: PStr; readonly loc: Loc };
  /** IAM path, default `/`. */
  readonly path: string;
  readonly kind: RoleKind;
  /** Where role-level findings go (the name attribute, else the resource header). */
  readonly loc: Loc;
  readonly trust?: PolicyDoc;
  readonly boundary?: { readonly value: Val; readonly loc: Loc; readonly policy?: ManagedPolicy };
  readonly maxSessionDuration?: { readonly value: Val; readonly loc: Loc };
  readonly identity: readonly AttachedPolicy[];
  readonly unresolved: readonly UnresolvedPolicyRef[];
}

export interface ManagedPolicy {
  readonly address: string;
  readonly unit: Unit;
  readonly resource?: IacResource;
  readonly name?: { readonly value: PStr; readonly loc: Loc };
  readonly path: string;
  readonly loc: Loc;
  readonly doc?: PolicyDoc;
  /** Roles that use it as their permissions boundary. */
  readonly boundaryOf: Role[];
  /** Roles it is attached to as an identity policy. */
  readonly attachedTo: Role[];
  /** Used as a boundary, or named like the profile's boundary pattern. */
  readonly isBoundary: boolean;
}

/** A resource-based policy (S3 bucket, KMS key, SQS queue, Lambda permission, ...): who may act on the resource. */
export interface ResourcePolicy {
  /** The resource's address, or the file of a standalone document. */
  readonly address: string;
  readonly unit: Unit;
  readonly resource?: IacResource;
  /** For messages: "S3 bucket policy". */
  readonly kind: string;
  /** Where resource-level findings go (the resource header, or the document). */
  readonly loc: Loc;
  readonly doc: PolicyDoc;
}

export interface Model {
  readonly units: readonly Unit[];
  readonly roles: readonly Role[];
  readonly policies: readonly ManagedPolicy[];
  /** Identity policies that are neither attached to a known role nor managed policies
   *  (standalone JSON documents, policies attached to users or groups). */
  readonly looseIdentityPolicies: readonly { readonly doc: PolicyDoc; readonly unit: Unit; readonly loc: Loc }[];
  /** Resource-based policies (never trust policies: the trust rules do not read them). */
  readonly resourcePolicies: readonly ResourcePolicy[];
  /** Managed policies attached to users or groups that could not be read (reported, never skipped). */
  readonly unresolvedLoose: readonly UnresolvedPolicyRef[];
  readonly resources: readonly IacResource[];
  readonly problems: readonly ParseProblem[];
}

/** A standalone JSON document (parse/document.ts): a policy file or a role template (model/standalone.ts). */
export type StandaloneDoc =
  | { readonly kind: 'policy'; readonly unit: Unit; readonly path: string; readonly doc: PolicyDoc }
  | {
      readonly kind: 'roleTemplate';
      readonly unit: Unit;
      readonly path: string;
      readonly loc: Loc;
      readonly roleName?: { readonly value: PStr; readonly loc: Loc };
      readonly trust?: PolicyDoc;
      readonly identity?: PolicyDoc;
      readonly maxSession?: { readonly value: Val; readonly loc: Loc };
    };
