// What a semantic permission diff reports: per role (or loose policy), the requests a change
// lets in or keeps out, who can newly assume the role, and the guarantees whose verdict moved.

import type { Verdict } from '../engine/guarantees';
import type { RuleId } from '../core/finding';
import type { EvalRequest } from '../iam/types';
import type { Loc } from '../model/loc';

/** 'yes': a concrete request confirmed by the evaluator; 'unknown': it hinges on an unresolved value. */
export type ChangeStatus = 'yes' | 'unknown';

/** Requests of one service (and resource pattern) that one version allows and the other does not. */
export interface PermissionChange {
  readonly status: ChangeStatus;
  readonly service: string;
  /** Every action of the group, sorted; `service:*` style summaries are made from it. */
  readonly actions: readonly string[];
  /** How many actions the service has (`actions` may be all of them: `s3:*`). */
  readonly serviceActions: number;
  /** When `actions` is all of the service but a few: those few. */
  readonly except?: readonly string[];
  /** The Resource patterns of the statement that lets the example in (`*` when none). */
  readonly resources: readonly string[];
  /** A request that the widening (or narrowing) version allows and the other does not. */
  readonly example?: EvalRequest;
  /** The token that lets it in, in the version that allows it (`Action` entry or statement). */
  readonly cause?: Loc;
  /** Which version `cause` is in. */
  readonly causeIn?: 'current' | 'baseline';
  /** A baseline Deny that applied to the example and no longer does. */
  readonly droppedDeny?: Loc;
  /** For `unknown`: the value the answer hinges on. */
  readonly reason?: string;
  readonly reasonLoc?: Loc;
}

/** Who can (or can no longer) assume the role, with the actions (sts:AssumeRole, ...). */
export interface TrustChange {
  readonly status: ChangeStatus;
  /** A principal named in either version's trust policy, or `an outsider` (an account no policy names). */
  readonly principal: string;
  readonly principalType: 'AWS' | 'Service' | 'Federated' | 'CanonicalUser';
  readonly outsider: boolean;
  readonly actions: readonly string[];
  readonly example?: EvalRequest;
  readonly cause?: Loc;
  readonly causeIn?: 'current' | 'baseline';
  readonly reason?: string;
  readonly reasonLoc?: Loc;
}

/** A guarantee whose verdict differs between the versions. */
export interface VerdictChange {
  readonly ruleId: RuleId;
  readonly title: string;
  readonly before: Verdict | 'absent';
  readonly after: Verdict | 'absent';
  /** proved → unknown → counterexample is worse; a new subject's non-proved verdict is worse too. */
  readonly worse: boolean;
  readonly reason?: string;
  readonly loc?: Loc;
}

/** The delta of one role or loose policy. */
export interface SubjectDelta {
  /** The role's address or name, or the policy's label (as `prove` names it). */
  readonly subject: string;
  readonly kind: 'role' | 'policy';
  readonly status: 'added' | 'removed' | 'changed';
  /** Where it is written now (absent for a removed subject). */
  readonly loc?: Loc;
  /** Where it was written at the baseline (absent for an added subject). */
  readonly baseLoc?: Loc;
  readonly added: readonly PermissionChange[];
  readonly removed: readonly PermissionChange[];
  readonly trustAdded: readonly TrustChange[];
  readonly trustRemoved: readonly TrustChange[];
  readonly verdicts: readonly VerdictChange[];
}

/** The whole diff: only subjects with some change are listed. */
export interface PermissionDiff {
  readonly subjects: readonly SubjectDelta[];
}

/** Does the diff widen anything (a confirmed new request or trust, or a worse verdict)? */
export function widens(d: PermissionDiff): boolean {
  return d.subjects.some(
    (s) =>
      s.added.some((c) => c.status === 'yes') ||
      s.trustAdded.some((c) => c.status === 'yes') ||
      s.verdicts.some((v) => v.worse),
  );
}

/** Is some widening undecided (an unresolved value)? */
export function mayWiden(d: PermissionDiff): boolean {
  return d.subjects.some(
    (s) => s.added.some((c) => c.status === 'unknown') || s.trustAdded.some((c) => c.status === 'unknown'),
  );
}
