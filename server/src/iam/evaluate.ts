// Policy evaluation: explicit deny wins, then an allow is needed (in the identity policies and,
// when there is one, in the permissions boundary). Three-valued throughout.

import type { Catalog } from '../catalog/catalog';
import type { PolicyDoc, Statement } from '../model/policy';
import type { Tri } from '../model/resources';
import { RequestContext } from './requestContext';
import { bindSymbols } from './standIns';
import { evaluateStatement, type StatementEnv, type StatementResult } from './statementEval';
import { and3, or3 } from './tri';
import type { Decision, EvalProblem, EvalRequest, Outcome, StatementMatch, UnknownReason } from './types';

/** The statements of one policy set that can apply, and what they add up to. */
interface SetResult {
  readonly allow: Tri;
  readonly deny: Tri;
  readonly allows: StatementMatch[];
  readonly denies: StatementMatch[];
  readonly reasons: UnknownReason[];
  readonly problems: EvalProblem[];
}

/** Evaluates one set of policies (e.g. a role's identity policies) against `req`. */
export function evaluatePolicies(catalog: Catalog, docs: readonly PolicyDoc[], req: EvalRequest): Decision {
  const r = evaluateSet(docs, makeEnv(catalog, req));
  return decide(r.allow, r.deny, r);
}

/** Identity policies ∩ permissions boundary (undefined = no boundary), explicit deny anywhere wins. */
export function evaluateEffective(
  catalog: Catalog,
  identity: readonly PolicyDoc[],
  boundary: readonly PolicyDoc[] | undefined,
  req: EvalRequest,
): Decision {
  const env = makeEnv(catalog, req);
  const id = evaluateSet(identity, env);
  if (!boundary) return decide(id.allow, id.deny, id);
  const b = evaluateSet(boundary, env);
  const merged: SetResult = {
    allow: and3(id.allow, b.allow),
    deny: or3(id.deny, b.deny),
    allows: [...id.allows, ...b.allows],
    denies: [...id.denies, ...b.denies],
    reasons: [...id.reasons, ...b.reasons],
    problems: [...id.problems, ...b.problems],
  };
  return decide(merged.allow, merged.deny, merged);
}

function makeEnv(catalog: Catalog, req: EvalRequest): StatementEnv {
  const resource = typeof req.resource === 'string' ? req.resource : bindSymbols(req.resource);
  return { catalog, req, resource, ctx: new RequestContext(req), variables: false };
}

function evaluateSet(docs: readonly PolicyDoc[], env: StatementEnv): SetResult {
  const r: SetResult = { allow: 'no', deny: 'no', allows: [], denies: [], reasons: [], problems: [] };
  let allow: Tri = 'no';
  let deny: Tri = 'no';
  for (const doc of docs) {
    const docEnv: StatementEnv = { ...env, variables: doc.version?.value === '2012-10-17' };
    if (doc.unknownStatements !== undefined) {
      // Statements we could not read may allow or deny anything.
      r.reasons.push({ reason: doc.unknownStatements, loc: doc.statementLoc });
      allow = or3(allow, 'unknown');
      deny = or3(deny, 'unknown');
    }
    for (const st of doc.statements) {
      const effects = st.effect ? [st.effect] : st.effectUnknown !== undefined ? (['Allow', 'Deny'] as const) : [];
      for (const effect of effects) {
        const res = evaluateStatement(st, docEnv);
        if (res.problem && effect === effects[0]) r.problems.push(res.problem);
        if (res.verdict === 'no') continue;
        const m = toMatch(doc, st, res);
        if (m.verdict === 'unknown') r.reasons.push({ reason: m.unknownReason ?? 'unknown', loc: m.unknownLoc });
        if (effect === 'Allow') {
          r.allows.push(m);
          allow = or3(allow, m.verdict);
        } else {
          r.denies.push(m);
          deny = or3(deny, m.verdict);
        }
      }
    }
  }
  return { ...r, allow, deny };
}

/** A statement that may apply; an unknown Effect makes it unknown whatever else matched. */
function toMatch(doc: PolicyDoc, st: Statement, res: StatementResult): StatementMatch {
  const base = { doc, statement: st, actionItem: res.actionItem };
  if (!st.effect) return { ...base, verdict: 'unknown', unknownReason: st.effectUnknown, unknownLoc: st.effectLoc };
  if (res.verdict !== 'unknown') return { ...base, verdict: res.verdict };
  return { ...base, verdict: 'unknown', unknownReason: res.why.reason, unknownLoc: res.why.loc };
}

/** Any deny → ExplicitlyDenied; a possible deny → Unknown; then an allow → Allowed; a possible allow → Unknown. */
function decide(allow: Tri, deny: Tri, r: SetResult): Decision {
  let outcome: Outcome;
  if (deny === 'yes') outcome = 'ExplicitlyDenied';
  else if (deny === 'unknown') outcome = 'Unknown';
  else if (allow === 'yes') outcome = 'Allowed';
  else outcome = allow === 'unknown' ? 'Unknown' : 'ImplicitlyDenied';
  return {
    outcome,
    allows: r.allows,
    denies: r.denies,
    unknownReasons: outcome === 'Unknown' ? dedupe(r.reasons) : [],
    problems: r.problems,
  };
}

function dedupe(reasons: readonly UnknownReason[]): UnknownReason[] {
  const seen = new Set<string>();
  return reasons.filter((u) => {
    const key = `${u.reason}@${u.loc?.file}:${u.loc?.start}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
