// The normalized IAM policy document. Every element keeps the location of the source text that
// produced it, so findings land on the exact token in JSON, YAML, jsonencode, heredocs or
// aws_iam_policy_document blocks.

import type { Loc } from './loc';
import type { PStr } from './pstr';

/** One entry of Action/NotAction/Resource/NotResource/principal lists or condition values. */
export interface PatternItem {
  readonly value: PStr;
  readonly loc: Loc;
}

/** A list-valued element (`Action`, `Resource`, ...): `loc` is its key or attribute name. */
export interface PatternList {
  readonly loc: Loc;
  readonly items: readonly PatternItem[];
  /** Set when the list (or part of it) could not be resolved: the reason. */
  readonly unknown?: string;
}

export type PrincipalType = 'AWS' | 'Service' | 'Federated' | 'CanonicalUser' | string;

export interface PrincipalSpec {
  readonly loc: Loc;
  /** `Principal: "*"` */
  readonly wildcard: boolean;
  readonly entries: readonly { readonly type: PrincipalType; readonly typeLoc: Loc; readonly items: PatternList }[];
  readonly unknown?: string;
}

/** One operator/key pair of a Condition block, e.g. `StringEquals` / `sts:ExternalId`. */
export interface ConditionEntry {
  /** The operator exactly as written, e.g. `ForAllValues:StringLikeIfExists`. */
  readonly operator: string;
  readonly operatorLoc: Loc;
  readonly key: string;
  readonly keyLoc: Loc;
  readonly values: PatternList;
}

export type Effect = 'Allow' | 'Deny';

export interface Statement {
  readonly loc: Loc;
  readonly index: number;
  readonly sid?: string;
  /** Undefined when missing, invalid or unknown; see `effectProblem`/`effectUnknown`. */
  readonly effect?: Effect;
  readonly effectLoc: Loc;
  readonly effectUnknown?: string;
  readonly action?: PatternList;
  readonly notAction?: PatternList;
  readonly resource?: PatternList;
  readonly notResource?: PatternList;
  readonly principal?: PrincipalSpec;
  readonly notPrincipal?: PrincipalSpec;
  readonly conditions: readonly ConditionEntry[];
  /** Set when the Condition block as a whole could not be resolved. */
  readonly conditionsUnknown?: string;
}

/** A problem that makes the document malformed (PG801). */
export interface PolicyProblem {
  readonly message: string;
  readonly loc: Loc;
}

export type PolicySyntax = 'json' | 'cloudformation' | 'jsonencode' | 'heredoc' | 'policy-document' | 'plan';

export interface PolicyDoc {
  /** The whole document value. */
  readonly loc: Loc;
  /** The `Statement` key (or the first statement block): where "missing statement" findings go. */
  readonly statementLoc: Loc;
  readonly version?: { readonly value: string; readonly loc: Loc };
  readonly statements: readonly Statement[];
  /** Set when some statements could not be resolved (e.g. a dynamic block over an unknown list). */
  readonly unknownStatements?: string;
  readonly problems: readonly PolicyProblem[];
  readonly syntax: PolicySyntax;
}
