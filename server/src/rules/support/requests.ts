// Concrete requests the cross-account rules ask about, with witness ARNs in the deploying account,
// and the way their decisions turn into findings.

import type { Catalog } from '../../catalog/catalog';
import type { Finding, FixHint } from '../../engine/finding';
import type { Profile } from '../../engine/profile';
import type { RuleInfo } from '../../engine/ruleInfo';
import { evaluateEffective, type Decision, type EvalRequest } from '../../iam';
import { identityMayAllow } from './allows';
import { bindSymbols, selfIamArn, STAND_INS } from '../../iam/standIns';
import type { Loc } from '../../model/loc';
import type { Role } from '../../model/model';
import { textOf, isHole } from '../../model/pstr';
import { finding, undecided } from './report';
import type { Principal } from './principals';

/** Role and user ARNs, to keep only relevant candidates. */
export const ROLE_ARN = /^arn:[^:]*:iam::[^:]*:role\//;
export const USER_ARN = /^arn:[^:]*:iam::[^:]*:user\//;

/** A role the cross-account role might create or touch (not itself). */
export const CHILD_ROLE_ARN = selfIamArn('role', 'pg-witness-child-role');
/** A policy that is not the profile's boundary. */
export const FOREIGN_POLICY_ARN = selfIamArn('policy', 'pg-witness-not-the-boundary');

/** An ARN of a policy named like the profile's boundary. */
export function boundaryWitnessArn(profile: Profile): string {
  return selfIamArn('policy', profile.boundary.namePattern.replace(/[*?]/g, 'pgwitness'));
}

/** The role's own ARN (its known name), else a name matching the profile's cross-account pattern. */
export function ownRoleArn(role: Role | undefined, profile: Profile): string {
  const name = role?.name ? textOf(role.name.value) : undefined;
  if (name) return selfIamArn('role', `${role!.path.replace(/^\//, '')}${name}`);
  return selfIamArn('role', (profile.crossAccountRole.namePatterns[0] ?? 'pg-witness-*').replace(/[*?]/g, 'pgwitness'));
}

/**
 * Resources to try for `action`: `fallback` plus one concrete instance of every Resource pattern
 * of the principal's Allow statements (the caller also chooses the resource, so an allow scoped
 * to `role/pennsieve-*` is tried on such a role).
 */
export function candidateResources(p: Principal, fallback: readonly string[], only?: RegExp): string[] {
  const out = new Set(fallback);
  for (const doc of p.identity) {
    for (const st of doc.statements) {
      if (st.effect !== 'Allow') continue;
      for (const item of st.resource?.items ?? []) {
        const bound = bindSymbols(item.value);
        if (bound.parts.some(isHole)) continue;
        const arn = instantiate(bound.parts.join(''));
        if (arn && (!only || only.test(arn))) out.add(arn);
      }
    }
  }
  return [...out];
}

/** A concrete value matched by an IAM glob: `*` in the account/region fields become the stand-ins. */
function instantiate(pattern: string): string | undefined {
  if (pattern === '*' || !pattern.startsWith('arn:')) return undefined;
  const fields = pattern.split(':');
  if (fields.length < 6) return undefined;
  if (fields[1] === '*') fields[1] = STAND_INS.partition;
  if (fields[3] === '*') fields[3] = STAND_INS.region;
  if (fields[4] === '*') fields[4] = STAND_INS.account;
  return fields.join(':').replace(/\*/g, 'pgwitness').replace(/\?/g, 'x');
}

const NOT_GRANTED: Decision = { outcome: 'ImplicitlyDenied', allows: [], denies: [], unknownReasons: [], problems: [] };

/**
 * The first decision over `resources` that allows, else the first unknown one, else the last.
 * For questions about allows only: a principal none of whose statements can grant `action`
 * (whatever the resource or context) is answered without evaluating each request.
 */
export function decideAny(catalog: Catalog, p: Principal, action: string, resources: readonly string[] | (() => readonly string[]), context: EvalRequest['context'] = {}): Decision {
  if (identityMayAllow(catalog, p.identity, action) === 'no') return NOT_GRANTED;
  let kept: Decision | undefined;
  for (const r of typeof resources === 'function' ? resources() : resources) {
    const d = decide(catalog, p, action, r, context);
    if (d.outcome === 'Allowed') return d;
    if (d.outcome === 'Unknown' && kept?.outcome !== 'Unknown') kept = d;
    else kept ??= d;
  }
  return kept!;
}

/** Evaluates a request for a principal: identity ∩ resolved boundary, an attacker choosing unlisted context keys. */
export function decide(catalog: Catalog, p: Principal, action: string, resource: string, context: EvalRequest['context'] = {}): Decision {
  return evaluateEffective(catalog, p.identity, p.boundary ? [p.boundary] : undefined, {
    action,
    resource,
    context,
    otherKeys: 'attacker',
  });
}

/** Findings for an Allowed decision (at each allowing Action entry) or an Unknown one (info). */
export function allowedFindings(rule: RuleInfo, d: Decision, message: string, what: string, fallback: Loc, fix?: FixHint): Finding[] {
  if (d.outcome === 'Allowed') {
    return d.allows
      .filter((m) => m.verdict === 'yes')
      .map((m) => finding(rule, m.actionItem?.loc ?? m.statement.action?.loc ?? m.statement.notAction?.loc ?? m.statement.loc, message, fix ? { fix } : {}));
  }
  if (d.outcome === 'Unknown') {
    const r = d.unknownReasons[0];
    return [undecided(rule, r?.loc ?? fallback, what, r?.reason ?? 'a value is not known')];
  }
  return [];
}
