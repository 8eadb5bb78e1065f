// IAM semantics: pattern matching with holes, conditions, principals and policy evaluation.

export type { ParsedOperator, OperatorKind, SetOperator } from './conditionOperators';
export { parseOperator, unknownConditionOperators } from './conditionOperators';
export { evaluateEffective, evaluatePolicies } from './evaluate';
export type { Glob, GlobMode } from './glob';
export { grantedActions, mayAllowAction, type GrantedAction, type UnknownGrant } from './grants';
export {
  compilePattern,
  globCovers,
  globOverlaps,
  matchGlob,
  matchPattern,
  patternCovers,
  patternOverlaps,
  type PatternOptions,
} from './match';
export { principalForms } from './principal';
export { bindSymbols, selfIamArn, STAND_INS, witnessArn } from './standIns';
export type { ContextValue, Decision, EvalProblem, EvalRequest, Outcome, StatementMatch, UnknownReason } from './types';
