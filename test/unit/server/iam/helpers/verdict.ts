// Test-only: evaluate one Allow statement and read the outcome as a Tri.

import { evaluatePolicies } from '../../../../../server/src/iam/evaluate';
import type { ContextValue, Decision, EvalRequest } from '../../../../../server/src/iam/types';
import type { Tri } from '../../../../../server/src/model/resources';
import { catalog } from './catalog';
import { policyDoc, type PolicyJson } from './policyJson';

export type Ctx = Record<string, ContextValue>;

/** Decision for `json` on `action`/`resource` with `context`. */
export function decide(json: PolicyJson, request: Partial<EvalRequest> & { context?: Ctx } = {}): Decision {
  const req: EvalRequest = { action: 's3:GetObject', resource: 'arn:aws:s3:::bucket/key', ...request };
  return evaluatePolicies(catalog, [policyDoc(json)], req);
}

/** 'yes' when Allowed, 'no' when denied (either way), 'unknown' when Unknown. */
export function allowed(json: PolicyJson, request: Partial<EvalRequest> & { context?: Ctx } = {}): Tri {
  const o = decide(json, request).outcome;
  return o === 'Allowed' ? 'yes' : o === 'Unknown' ? 'unknown' : 'no';
}

/** Whether an Allow with the single condition `{operator: {key: values}}` matches `context`. */
export function conditionHolds(operator: string, key: string, values: string | string[], context: Ctx): Tri {
  return allowed(
    {
      Statement: {
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: '*',
        Condition: { [operator]: { [key]: values } },
      },
    },
    { context },
  );
}
