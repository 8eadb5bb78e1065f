// Verdicts of the decision procedure as findings: a counterexample becomes a finding at the
// statement that lets the request in, carrying the request and, as related locations, that
// statement and every Deny that fails (with why); an unknown becomes an info finding naming
// the value; a proof becomes nothing.

import type { Catalog } from '../../catalog/catalog';
import type { Counterexample, Finding, FixHint, RelatedLocation } from '../../core/finding';
import type { RuleInfo } from '../../core/ruleInfo';
import type { ProofVerdict, Witness } from '../../iam/prove/question';
import { statementCoversAction } from '../../iam/statementEval';
import type { ContextValue } from '../../iam/types';
import type { Loc } from '../../model/loc';
import type { Statement } from '../../model/policy';
import { renderPStr } from '../../model/pstr';
import { undecided } from './report';

/** How to word and place a verdict's finding. */
export interface VerdictReport {
  /** What breaks, before the colon: "The cross-account role can create a role without the boundary". */
  readonly message: string;
  /** How to fix it, appended after the request. */
  readonly fixText?: string;
  /** For "Cannot check …" when unknown. */
  readonly what: string;
  /** Where the finding goes when no allowing statement locates it. */
  readonly fallback: Loc;
  /** The role or policy the guarantee is about. */
  readonly subject: string;
  /** Who sends the request, for the counterexample (the role's ARN, or the outside principal). */
  readonly principal: string;
  /** Context keys worth naming in the message. */
  readonly keysOfInterest?: readonly string[];
  /** Place the finding here instead of at the allowing Action entry. */
  readonly at?: Loc;
  readonly fix?: FixHint;
}

/** The finding for one verdict (none when proved). */
export function verdictFindings(rule: RuleInfo, catalog: Catalog, v: ProofVerdict, r: VerdictReport): Finding[] {
  if (v.verdict === 'proved') return [];
  if (v.verdict === 'unknown')
    return [{ ...undecided(rule, v.loc ?? r.fallback, r.what, v.reason), subject: r.subject }];
  const w = v.witness;
  const request = describeRequest(w, r.keysOfInterest ?? []);
  const message = `${r.message}: ${request}${r.fixText ? `. ${r.fixText}` : ''}`;
  return [
    {
      ruleId: rule.id,
      severity: rule.severity,
      message,
      loc: r.at ?? allowingLoc(catalog, w) ?? r.fallback,
      ...(r.fix ? { fix: r.fix } : {}),
      counterexample: toCounterexample(w, r.principal),
      related: relatedOf(w),
      subject: r.subject,
    },
  ];
}

/** The Action entry of the allowing statement that covers the request's action (or its Action/NotAction key). */
export function allowingLoc(catalog: Catalog, w: Witness): Loc | undefined {
  const st = w.allowedBy?.statement;
  return st ? actionEntryLoc(catalog, st, w.request.action) : undefined;
}

/** Where a statement grants `action`: the covering Action entry, else the list key, else the statement. */
export function actionEntryLoc(catalog: Catalog, st: Statement, action: string): Loc {
  const item = statementCoversAction(catalog, st, action, {}).item;
  return item?.loc ?? st.action?.loc ?? st.notAction?.loc ?? st.loc;
}

/** The counterexample object of the spec. */
export function toCounterexample(w: Witness, principal: string): Counterexample {
  const context: Record<string, string | readonly string[] | null> = {};
  for (const [k, v] of Object.entries(w.request.context ?? {})) context[k] = plain(v);
  const arn = context['aws:principalarn'];
  return {
    principal: typeof arn === 'string' ? arn : (w.request.principal?.value ?? principal),
    action: w.request.action,
    resource: String(w.request.resource),
    context,
    allowedBy: w.allowedBy?.statement.loc,
    denies: w.denies.map((d) => ({ loc: d.loc, why: d.why })),
  };
}

function plain(v: ContextValue): string | readonly string[] | null {
  if (v === null) return null;
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'string' ? x : renderPStr(x)));
  return renderPStr(v as Exclude<ContextValue, string | null | readonly unknown[]>);
}

function relatedOf(w: Witness): RelatedLocation[] {
  const out: RelatedLocation[] = [];
  if (w.allowedBy) out.push({ loc: w.allowedBy.statement.loc, message: `This statement allows ${w.request.action}` });
  if (w.boundaryAllowedBy)
    out.push({ loc: w.boundaryAllowedBy.statement.loc, message: 'The permissions boundary allows it here' });
  for (const d of w.denies) out.push({ loc: d.loc, message: `This Deny does not apply: ${d.why}` });
  return out;
}

/** "iam:CreateRole on arn:…:role/x with iam:PermissionsBoundary absent". */
export function describeRequest(w: Witness, keysOfInterest: readonly string[]): string {
  const parts = [`${w.request.action} on ${String(w.request.resource)}`];
  const ctx = w.request.context ?? {};
  const interesting = (k: string) => keysOfInterest.includes(k.toLowerCase());
  const shown = [
    ...Object.keys(ctx).filter(interesting),
    ...Object.keys(ctx).filter((k) => !interesting(k) && ctx[k] !== null),
  ];
  const withs = shown.slice(0, 3).map((k) => {
    const v = plain(ctx[k]);
    return v === null ? `${k} absent` : `${k} = ${Array.isArray(v) ? `[${v.join(', ')}]` : String(v)}`;
  });
  const arn = Object.entries(ctx).find(([k]) => k.toLowerCase() === 'aws:principalarn')?.[1];
  if (w.request.principal) parts.unshift(`${typeof arn === 'string' ? arn : w.request.principal.value} calling`);
  return withs.length ? `${parts.join(' ')} with ${withs.join(', ')}` : parts.join(' ');
}
