// Evaluated values with source locations: the common currency of the JSON, CloudFormation and
// Terraform front ends. Whatever cannot be resolved is an explicit unknown, never a guess.

import type { Loc } from './loc';
import type { PStr } from './pstr';
import type { ParseProblem } from './source';

/** Where a value came from when it is an attribute of another resource (for linking). */
export interface Origin {
  /** Terraform address (`aws_iam_policy.boundary`) or CloudFormation logical id. */
  readonly resource: string;
  /** Attribute: `arn`, `name`, `id`, `Ref`, `Arn`, ... */
  readonly attr: string;
}

interface Base {
  readonly loc: Loc;
  readonly origin?: Origin;
}

export interface StrVal extends Base {
  readonly k: 'str';
  readonly s: PStr;
  /**
   * Decodes the string as JSON with locations inside the source text (set by front ends that know
   * where each character is written: CloudFormation); undefined when it cannot place them.
   */
  readonly json?: () => JsonDecoded | undefined;
}

/** A JSON string decoded in place: the value (absent when it is not JSON) and its syntax problems. */
export interface JsonDecoded {
  readonly value?: Val;
  readonly problems: readonly ParseProblem[];
}
export interface NumVal extends Base {
  readonly k: 'num';
  readonly n: number;
}
export interface BoolVal extends Base {
  readonly k: 'bool';
  readonly b: boolean;
}
export interface NullVal extends Base {
  readonly k: 'null';
}
export interface ListVal extends Base {
  readonly k: 'list';
  readonly items: readonly Val[];
  /** Set when more items of unknown value may exist (e.g. `concat(["a"], var.no_default)`). */
  readonly more?: string;
}
export interface ObjEntry {
  readonly key: string;
  readonly keyLoc: Loc;
  readonly value: Val;
}
export interface ObjVal extends Base {
  readonly k: 'obj';
  readonly entries: readonly ObjEntry[];
  /** Set when more entries of unknown key may exist (e.g. `merge(local.a, var.no_default)`). */
  readonly more?: string;
}
export interface UnknownVal extends Base {
  readonly k: 'unknown';
  /** Why the value is unknown, phrased for the user: "var.boundary_arn has no default". */
  readonly reason: string;
}

export type Val = StrVal | NumVal | BoolVal | NullVal | ListVal | ObjVal | UnknownVal;

/** The entry for `key` (exact match), if present. */
export function getEntry(obj: ObjVal, key: string): ObjEntry | undefined {
  for (const e of obj.entries) if (e.key === key) return e;
  return undefined;
}

/** The value for `key` when `v` is an object, else undefined. */
export function getProp(v: Val | undefined, key: string): Val | undefined {
  return v && v.k === 'obj' ? getEntry(v, key)?.value : undefined;
}

/** The items of a list; a single non-list value counts as a one-item list (IAM's scalar-or-array). */
export function asItems(v: Val): readonly Val[] {
  return v.k === 'list' ? v.items : [v];
}
