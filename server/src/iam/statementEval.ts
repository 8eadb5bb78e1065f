// One statement against one request: Action/NotAction, Resource/NotResource, Principal/NotPrincipal
// and Condition, AND'ed in three-valued logic.

import type { PatternItem, PatternList, Statement } from '../model/policy';
import { holeReason, type PStr } from '../model/pstr';
import type { Tri } from '../model/resources';
import type { Catalog } from '../catalog/catalog';
import { evaluateConditions } from './conditions';
import { matchGlob } from './match';
import { matchNotPrincipal, matchPrincipal } from './principal';
import type { RequestContext } from './requestContext';
import { and3, not3, note, or3, type Why } from './tri';
import type { EvalProblem, EvalRequest } from './types';

/** One request, prepared for statement evaluation. */
export interface StatementEnv {
  readonly catalog: Catalog;
  readonly req: EvalRequest;
  /** The request's resource with symbols bound to stand-ins. */
  readonly resource: string | PStr;
  readonly ctx: RequestContext;
  /** The statement's document takes policy variables (Version 2012-10-17); otherwise `${…}` is literal text. */
  readonly variables: boolean;
}

/** A statement's verdict; `why` says what is unknown, `problem` what AWS would reject. */
export interface StatementResult {
  readonly verdict: Tri;
  readonly actionItem?: PatternItem;
  readonly why: Why;
  readonly problem?: EvalProblem;
}

/** Evaluates `st` against the request. */
export function evaluateStatement(st: Statement, env: StatementEnv): StatementResult {
  const why: Why = {};
  const action = statementCoversAction(env.catalog, st, env.req.action, why);
  let verdict = action.t;
  if (verdict === 'no') return { verdict, why };
  verdict = and3(verdict, matchResources(st, env, why));
  if (verdict === 'no') return { verdict, why };
  const who = env.req.principal;
  if (who && st.principal) verdict = and3(verdict, matchPrincipal(st.principal, who, env.catalog.patterns, why));
  if (who && st.notPrincipal)
    verdict = and3(verdict, matchNotPrincipal(st.notPrincipal, who, env.catalog.patterns, why));
  if (verdict === 'no') return { verdict, why };
  const cond = evaluateConditions(st, env.ctx, env.catalog.patterns, env.variables ? env.ctx.lookup : undefined, why);
  if (typeof cond !== 'string') {
    const e = cond.invalidOperator;
    return {
      verdict: 'no',
      why,
      problem: { message: `Unknown condition operator (AWS rejects the policy): ${e.operator}`, loc: e.operatorLoc },
    };
  }
  return { verdict: and3(verdict, cond), actionItem: action.item, why };
}

/**
 * Does the statement's Action (or NotAction) cover `action`? `item` is the Action entry that
 * does (NotAction: none).
 */
export function statementCoversAction(
  catalog: Catalog,
  st: Statement,
  action: string,
  why: Why,
): { t: Tri; item?: PatternItem } {
  const list = st.action ?? st.notAction;
  if (!list) return { t: 'no' };
  let acc: Tri = 'no';
  let item: PatternItem | undefined;
  for (const it of list.items) {
    const g = catalog.patterns.compile(it.value, 'glob', true);
    const t = typeof g === 'string' ? 'no' : matchGlob(action, g);
    if (t === 'unknown') note(why, holeReason(it.value), it.loc);
    if (t === 'yes' || (t === 'unknown' && item === undefined)) item = it;
    acc = or3(acc, t);
    if (acc === 'yes') break;
  }
  acc = withUnknownList(acc, list, why);
  return st.action ? { t: acc, item } : { t: not3(acc) };
}

/** Does the request's resource satisfy the statement's Resource (or NotResource)? */
export function matchResources(st: Statement, env: StatementEnv, why: Why): Tri {
  const list = st.resource ?? st.notResource;
  if (!list) return 'yes';
  const positive = st.resource !== undefined;
  let acc: Tri = 'no';
  for (const it of list.items) {
    const t = matchResourceItem(it, env, why);
    // AWS: a variable that cannot be resolved invalidates the entry. In Resource the entry then
    // matches nothing; in NotResource it keeps the statement from applying, unless the entry
    // could not match this resource whatever the variable held (as iam-simulate does).
    if (t === 'unresolvable') {
      if (!positive && couldMatchAnyValue(it, env)) return 'no';
      continue;
    }
    acc = or3(acc, t);
    if (acc === 'yes') break;
  }
  acc = withUnknownList(acc, list, why);
  return positive ? acc : not3(acc);
}

function matchResourceItem(it: PatternItem, env: StatementEnv, why: Why): Tri | 'unresolvable' {
  const g = env.catalog.patterns.compile(it.value, 'arn', false, env.variables ? env.ctx.lookup : undefined);
  if (g === 'unresolvable') return g;
  if (g === 'nomatch') return 'no';
  const t = matchGlob(env.resource, g);
  if (t === 'unknown') {
    const reason = g.holeReason ?? (typeof env.resource === 'string' ? undefined : holeReason(env.resource));
    note(why, reason ?? 'the resource is not fully known', it.loc);
  }
  return t;
}

function couldMatchAnyValue(it: PatternItem, env: StatementEnv): boolean {
  const g = env.catalog.patterns.compile(it.value, 'arn', false, () => 'free', 'exists');
  return typeof g !== 'string' && matchGlob(env.resource, g) !== 'no';
}

function withUnknownList(acc: Tri, list: PatternList, why: Why): Tri {
  if (acc === 'yes' || list.unknown === undefined) return acc;
  note(why, list.unknown, list.loc);
  return 'unknown';
}
