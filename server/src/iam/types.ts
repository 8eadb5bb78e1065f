// The evaluator's request and decision types.

import type { Loc } from '../model/loc';
import type { PatternItem, PolicyDoc, Statement } from '../model/policy';
import type { PStr } from '../model/pstr';
import type { Tri } from '../model/resources';

/** A context value: one value, several (a multivalued key), or null = explicitly absent. PStr values may have holes. */
export type ContextValue = string | PStr | readonly (string | PStr)[] | null;

/** One request to evaluate policies against. */
export interface EvalRequest {
  /** Canonical, e.g. 'iam:CreateRole'. */
  readonly action: string;
  /** Concrete ARN (may contain stand-ins for symbols, see STAND_INS); a PStr may have holes (each some unknown text). */
  readonly resource: string | PStr;
  /** For trust/resource policies. Undefined: Principal/NotPrincipal elements are not checked. */
  readonly principal?: { readonly type: 'AWS' | 'Service' | 'Federated' | 'CanonicalUser'; readonly value: string };
  /** Context keys (case-insensitive) → values; null or not listed = absent. */
  readonly context?: Readonly<Record<string, ContextValue>>;
}

/** AWS's decision, or Unknown when an unknown value could change it. */
export type Outcome = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied' | 'Unknown';

/** A statement that applies (verdict 'yes') or may apply ('unknown') to the request. */
export interface StatementMatch {
  readonly doc: PolicyDoc;
  readonly statement: Statement;
  readonly verdict: Tri;
  /** The Action entry that covered the request, for precise findings. */
  readonly actionItem?: PatternItem;
  readonly unknownReason?: string;
  /** Where the unknown part is (a hole's location or the element). */
  readonly unknownLoc?: Loc;
}

/** Why an outcome is Unknown, and where (a hole's or element's location). */
export interface UnknownReason {
  readonly reason: string;
  readonly loc?: Loc;
}

/** Something AWS would reject that the evaluator skipped (e.g. an unknown condition operator). */
export interface EvalProblem {
  readonly message: string;
  readonly loc: Loc;
}

/** The outcome of evaluatePolicies / evaluateEffective, with the statements behind it. */
export interface Decision {
  readonly outcome: Outcome;
  /** Allow statements whose verdict is 'yes' or 'unknown'. */
  readonly allows: readonly StatementMatch[];
  /** Deny statements whose verdict is 'yes' or 'unknown'. */
  readonly denies: readonly StatementMatch[];
  /** Filled when the outcome is 'Unknown': the unknowns that could change it. */
  readonly unknownReasons: readonly UnknownReason[];
  /** Statements skipped because AWS would reject them (unknown condition operator, ...). */
  readonly problems: readonly EvalProblem[];
}
