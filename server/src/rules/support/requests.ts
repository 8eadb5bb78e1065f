// Concrete requests the cross-account rules ask about, with witness ARNs in the deploying account,
// and the way their decisions turn into findings.

import type { Catalog } from '../../catalog/catalog';
import type { Finding } from '../../engine/finding';
import type { Profile } from '../../engine/profile';
import type { RuleInfo } from '../../engine/ruleInfo';
import { evaluateEffective, type Decision, type EvalRequest } from '../../iam';
import { selfIamArn } from '../../iam/standIns';
import type { Loc } from '../../model/loc';
import type { Role } from '../../model/model';
import { textOf } from '../../model/pstr';
import { finding, undecided } from './report';
import type { Principal } from './principals';

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
export function allowedFindings(rule: RuleInfo, d: Decision, message: string, what: string, fallback: Loc): Finding[] {
  if (d.outcome === 'Allowed') {
    return d.allows
      .filter((m) => m.verdict === 'yes')
      .map((m) => finding(rule, m.actionItem?.loc ?? m.statement.action?.loc ?? m.statement.notAction?.loc ?? m.statement.loc, message));
  }
  if (d.outcome === 'Unknown') {
    const r = d.unknownReasons[0];
    return [undecided(rule, r?.loc ?? fallback, what, r?.reason ?? 'a value is not known')];
  }
  return [];
}
