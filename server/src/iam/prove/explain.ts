// Why each Deny that covers a counterexample's action does not apply to it, read off the
// concrete request with the concrete evaluator's own pieces.

import type { Catalog } from '../../catalog/catalog';
import type { PolicyDoc, Statement } from '../../model/policy';
import { evaluateEntry } from '../conditionEntry';
import { matchNotPrincipal, matchPrincipal } from '../principal';
import { RequestContext } from '../requestContext';
import { bindSymbols } from '../standIns';
import { matchResources, statementCoversAction, type StatementEnv } from '../statementEval';
import type { EvalRequest } from '../types';
import type { DenyMiss } from './question';

/** Each Deny of `docs` whose Action covers the request's action, with why it does not apply. */
export function explainDenies(catalog: Catalog, docs: readonly PolicyDoc[], req: EvalRequest): DenyMiss[] {
  const out: DenyMiss[] = [];
  const ctx = new RequestContext(req);
  const resource = typeof req.resource === 'string' ? req.resource : bindSymbols(req.resource);
  for (const doc of docs) {
    const env: StatementEnv = { catalog, req, resource, ctx, variables: doc.version?.value === '2012-10-17' };
    for (const st of doc.statements) {
      if (st.effect !== 'Deny' || statementCoversAction(catalog, st, req.action, {}).t === 'no') continue;
      out.push({ doc, statement: st, ...whyNot(catalog, st, env) });
    }
  }
  return out;
}

function whyNot(catalog: Catalog, st: Statement, env: StatementEnv): { why: string; loc: DenyMiss['loc'] } {
  if (matchResources(st, env, {}) === 'no') {
    const list = (st.resource ?? st.notResource)!;
    return {
      why: `the resource ${String(env.req.resource)} is ${st.resource ? 'not in its Resource' : 'in its NotResource'}`,
      loc: list.loc,
    };
  }
  const who = env.req.principal;
  if (who && st.principal && matchPrincipal(st.principal, who, catalog.patterns, {}) === 'no')
    return { why: `it does not name ${who.value}`, loc: st.principal.loc };
  if (who && st.notPrincipal && matchNotPrincipal(st.notPrincipal, who, catalog.patterns, {}) === 'no')
    return { why: `its NotPrincipal names ${who.value}`, loc: st.notPrincipal.loc };
  const lookup = env.variables ? env.ctx.lookup : undefined;
  for (const entry of st.conditions) {
    const op = catalog.patterns.operator(entry.operator);
    if (
      !op ||
      evaluateEntry(entry, op, env.ctx.get(entry.key), { patterns: catalog.patterns, lookup, why: {} }) !== 'no'
    )
      continue;
    return {
      why: `${entry.operator} ${entry.key} is false: ${describeValue(env.req, entry.key)}`,
      loc: entry.operatorLoc,
    };
  }
  return { why: 'it does not apply', loc: st.loc };
}

function describeValue(req: EvalRequest, key: string): string {
  const lower = key.toLowerCase();
  const found = Object.entries(req.context ?? {}).find(([k]) => k.toLowerCase() === lower)?.[1];
  if (found === undefined || found === null) return `${key} is absent`;
  return `${key} is ${JSON.stringify(found)}`;
}
