// What a rule reports: plain data with a location into the model, never an editor type.

import type { Loc } from '../model/loc';

export type RuleId =
  | 'PG101'
  | 'PG102'
  | 'PG103'
  | 'PG104'
  | 'PG105'
  | 'PG106'
  | 'PG107'
  | 'PG201'
  | 'PG202'
  | 'PG203'
  | 'PG204'
  | 'PG301'
  | 'PG302'
  | 'PG303'
  | 'PG304'
  | 'PG305'
  | 'PG401'
  | 'PG402'
  | 'PG403'
  | 'PG501'
  | 'PG502'
  | 'PG503'
  | 'PG601'
  | 'PG602'
  | 'PG603'
  | 'PG701'
  | 'PG702'
  | 'PG801'
  | 'PG802';

/** `info` marks a check that could not be decided because a value is unknown; it never fails a build. */
export type Severity = 'error' | 'warning' | 'info';

/**
 * Data a quick fix needs, produced by the rule that knows the intent; `engine/fixes` turns it
 * into text edits for the file's syntax.
 */
export type FixHint =
  | { readonly kind: 'addBoundary'; readonly roleAddress: string; readonly boundaryRef?: string }
  | { readonly kind: 'addExternalId'; readonly statementLoc: Loc }
  | { readonly kind: 'replaceOperator'; readonly operatorLoc: Loc; readonly replacement: string }
  | {
      readonly kind: 'addDenyStatements';
      readonly statementListLoc: Loc;
      readonly actions: readonly string[];
      readonly denyKind: 'boundaryStrip' | 'selfModify' | 'createWithoutBoundary';
    }
  | { readonly kind: 'replaceAction'; readonly actionLoc: Loc; readonly replacement: string }
  | { readonly kind: 'capSessionDuration'; readonly valueLoc: Loc; readonly max: number };

/** A concrete request that breaks a guarantee (spec: the `counterexample` object). */
export interface Counterexample {
  /** The caller: the role's ARN for identity policies, the outside principal for trust policies. */
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  /** Context keys as the request carries them; null: the key is absent. */
  readonly context: Readonly<Record<string, string | readonly string[] | null>>;
  /** The Allow statement that lets the request in. */
  readonly allowedBy?: Loc;
  /** Each Deny that covers the action, and why it does not apply. */
  readonly denies: readonly { readonly loc: Loc; readonly why: string }[];
}

/** Another location that explains a finding (the allowing statement, a Deny that fails, ...). */
export interface RelatedLocation {
  readonly loc: Loc;
  readonly message: string;
}

export interface Finding {
  readonly ruleId: RuleId;
  readonly severity: Severity;
  /** What breaks and how to fix it; the variable part last, after a colon. */
  readonly message: string;
  readonly loc: Loc;
  readonly fix?: FixHint;
  /** On a counterexample verdict: the request that breaks the guarantee. */
  readonly counterexample?: Counterexample;
  readonly related?: readonly RelatedLocation[];
  /** The role (address) or policy the guarantee is about, for per-role verdict tables. */
  readonly subject?: string;
  /** Other roles or policies the same finding is about (a managed policy attached to several roles). */
  readonly alsoSubjects?: readonly string[];
}
