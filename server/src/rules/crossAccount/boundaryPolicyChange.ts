import type { Finding } from '../../core/finding';
import type { Profile } from '../../core/profile';
import type { Rule } from '../../core/rule';
import { glob } from '../../iam/prove/domains';
import { or, type Formula } from '../../iam/prove/formula';
import type { AtomSpace } from '../../iam/prove/space';
import type { PatternCache } from '../../iam/patternCache';
import { selfIamArn } from '../../iam/standIns';
import type { Model } from '../../model/model';
import { textOf } from '../../model/pstr';
import { principalsOf } from '../support/principals';
import { accountsOf, callerOf, matchesBoundary, policiesOf, proveAcross, proveEachAllow } from '../support/questions';
import { prove } from '../../iam/prove/prove';

const CHANGES = [
  'iam:CreatePolicyVersion',
  'iam:SetDefaultPolicyVersion',
  'iam:DeletePolicy',
  'iam:DeletePolicyVersion',
];

/**
 * PG304. Fires when some request that rewrites the boundary policy itself (a new default
 * version, deleting versions or the policy) on a policy named like the profile's boundary, or on
 * a boundary policy of the model, gets through. Editing the boundary widens every bounded role at
 * once. Fix: deny these actions on `arn:aws:iam::*:policy/<boundary pattern>`.
 */
export const boundaryPolicyChange: Rule = {
  id: 'PG304',
  severity: 'error',
  title: 'Boundary policy can be rewritten',
  summary: 'A policy allows creating a new version of, or deleting, the boundary policy.',
  check({ model, profile, catalog }) {
    const out: Finding[] = [];
    const arns = boundaryArns(model);
    for (const p of principalsOf(model)) {
      if (p.identity.length === 0) continue;
      // No request for these actions gets in on any resource: then none on a boundary policy either
      // (the usual case; it spares a resource question over every boundary policy of the model per role).
      if (prove(catalog, { ...policiesOf(p), actions: CHANGES }).verdict === 'proved') continue;
      const all = proveAcross(accountsOf(p.identity), (account) =>
        prove(catalog, { ...policiesOf(p), actions: CHANGES, resource: boundaryPolicies(arns, profile, account) }),
      );
      if (all.verdict === 'proved') continue;
      const found: Finding[] = [];
      for (const action of CHANGES) {
        const q = (account: string) => ({
          ...policiesOf(p),
          actions: [action],
          resource: boundaryPolicies(arns, profile, account),
        });
        found.push(
          ...proveEachAllow(this, catalog, q, {
            message: `This lets ${p.label} rewrite the permissions boundary`,
            fixText: `Deny ${ACTIONS_HERE} on the ${profile.boundary.namePattern} policy`,
            what: 'whether the boundary can be rewritten',
            fallback: p.loc,
            subject: p.label,
            principal: callerOf(p),
          }).findings,
        );
      }
      out.push(...onePerToken(found));
    }
    return out;
  },
};

/** Stands in the fix text for the actions that get through at one token. */
const ACTIONS_HERE = '\u0000actions\u0000';

/** One finding per token, naming every rewrite action that gets through there. */
function onePerToken(found: readonly Finding[]): Finding[] {
  const byLoc = new Map<string, Finding[]>();
  for (const f of found) {
    const key = `${f.loc.file}|${f.loc.start}|${f.loc.end}`;
    byLoc.set(key, [...(byLoc.get(key) ?? []), f]);
  }
  return [...byLoc.values()].map((group) => {
    const actions = [...new Set(group.map((f) => f.counterexample?.action).filter((a): a is string => !!a))];
    const first = group.find((f) => f.severity !== 'info') ?? group[0];
    return { ...first, message: first.message.replace(ACTIONS_HERE, actions.join(', ') || 'these actions') };
  });
}

/** The ARN of every boundary policy of the model whose name is known (once per check, not per role). */
function boundaryArns(model: Model): string[] {
  const arns: string[] = [];
  for (const pol of model.policies) {
    const name = pol.isBoundary && pol.name ? textOf(pol.name.value) : undefined;
    if (name) arns.push(selfIamArn('policy', `${pol.path.replace(/^\//, '')}${name}`));
  }
  return arns;
}

/** Policies named like the profile's boundary, plus the model's boundary policies (`arns`). */
function boundaryPolicies(
  arns: readonly string[],
  profile: Profile,
  account: string,
): (space: AtomSpace, patterns: PatternCache) => Formula {
  return (space, patterns) =>
    or([
      matchesBoundary(space, patterns, profile, account, false),
      ...arns.map((a) => glob(space, patterns, a, 'literal')),
    ]);
}
