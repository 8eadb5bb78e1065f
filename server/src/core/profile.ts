// A profile declares a platform's guarantees as data. Built-ins live in server/profiles/*.yaml.

import type { DeploymentMode } from '../model/resources';

export interface Profile {
  readonly name: string;
  /** `builtin:<name>` or the absolute path of the profile file. */
  readonly source: string;
  readonly crossAccountRole: {
    /** Glob(s) on the role name: `Pennsieve-Compute-*`. */
    readonly namePatterns: readonly string[];
    /** Globs on file paths of standalone JSON policies that belong to the cross-account role. */
    readonly policyFiles: readonly string[];
    /** Principals (ARN globs or 12-digit account ids) the trust policy may name. */
    readonly trustedPrincipals: readonly string[];
    readonly requireExternalId: boolean;
    /** Upper limit for MaxSessionDuration, in seconds. */
    readonly maxSessionDuration: number;
    /** Whether the platform gives the cross-account role a boundary of its own (extends PG303). */
    readonly hasBoundary: boolean;
  };
  readonly childRoles: {
    /** Glob on the names of the roles the platform creates (`pennsieve-*`); any other role is one it did not create (PG305). */
    readonly namePattern: string;
  };
  readonly boundary: {
    /** Glob on the boundary policy's name: `pennsieve-boundary-*`. */
    readonly namePattern: string;
    /** Globs on file paths of standalone JSON policies that are boundary policies. */
    readonly policyFiles: readonly string[];
  };
  /** Service prefixes the boundary and the roles may allow (`iam` is read/list plus PassRole in a boundary). */
  readonly allowedServices: readonly string[];
  readonly processorRoles: {
    /** Glob on the role name (falls back to the resource name when the role name is unknown). */
    readonly namePattern: string;
    readonly allowedActions: readonly string[];
    /** ARN glob of the LLM governor function processors may invoke when LLM access is on. */
    readonly llmGovernorFunction: string;
  };
  readonly buckets: {
    readonly namePattern: string;
    readonly logBucketPattern: string;
  };
  readonly requiredTags: readonly string[];
  readonly deploymentMode: DeploymentMode;
  /** Roles that must be read-only (Cloud Posse: the planner); absent: PG403 is off. */
  readonly readOnlyRoles?: {
    /** Globs on role names. */
    readonly namePatterns: readonly string[];
  };
  /** Roles only listed principals may assume (Cloud Posse team roles); absent: PG107 is off. */
  readonly teamRoles?: {
    /** Globs on role names. */
    readonly namePatterns: readonly string[];
    /** Principals (ARN globs or 12-digit account ids) that may assume them. */
    readonly trustedPrincipals: readonly string[];
  };
  /** Rule ids the platform does not promise (Cloud Posse: no boundaries, no platform buckets); they do not run. */
  readonly disabledRules?: readonly string[];
}
