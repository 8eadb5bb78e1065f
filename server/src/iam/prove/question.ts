// What a guarantee asks the decision procedure, and what it answers.

import type { Loc } from '../../model/loc';
import type { PolicyDoc, Statement } from '../../model/policy';
import type { PatternCache } from '../patternCache';
import type { RequestPrincipal } from '../principal';
import type { EvalRequest } from '../types';
import type { Formula } from './formula';
import type { KeyDomain } from './keys';
import type { AtomSpace } from './space';

/**
 * "Is there a request, among those the question describes, that the policies let in?" The
 * policies are evaluated together: identity policies ∩ permissions boundary, an explicit Deny
 * anywhere wins, one value per context key seen by every statement.
 */
export interface ProofQuestion {
  readonly identity: readonly PolicyDoc[];
  /** Undefined: no permissions boundary. */
  readonly boundary?: readonly PolicyDoc[];
  /** Candidate actions (canonical catalog names). */
  readonly actions: readonly string[];
  /** 'allowed' (default): some Allow applies and no Deny does. 'notDenied': no Deny applies. */
  readonly need?: 'allowed' | 'notDenied';
  /** For trust and resource policies: who asks. */
  readonly principal?: RequestPrincipal;
  /** Constrains the resource (default: any string). */
  readonly resource?: (space: AtomSpace, patterns: PatternCache) => Formula;
  /** Constrains context keys (lower-case names), beyond what the policies say. */
  readonly keys?: Readonly<Record<string, Partial<KeyDomain>>>;
  /** Only this Allow may let the request in (to attribute findings to each allowing statement). */
  readonly onlyAllow?: Statement;
}

/** A statement of a document. */
export interface StatementRef {
  readonly doc: PolicyDoc;
  readonly statement: Statement;
}

/** Why a Deny covering the request's action does not apply to it. */
export interface DenyMiss extends StatementRef {
  readonly why: string;
  readonly loc: Loc;
}

/** A concrete request that breaks the guarantee, checked by the concrete evaluator. */
export interface Witness {
  readonly request: EvalRequest;
  readonly allowedBy?: StatementRef;
  readonly boundaryAllowedBy?: StatementRef;
  readonly denies: readonly DenyMiss[];
}

/** The three answers, never a fourth. */
export type ProofVerdict =
  | { readonly verdict: 'proved' }
  | { readonly verdict: 'counterexample'; readonly witness: Witness }
  | { readonly verdict: 'unknown'; readonly reason: string; readonly loc?: Loc; readonly internal?: boolean };
