import type { Finding } from '../../engine/finding';
import type { Rule } from '../../engine/rule';
import { selfIamArn } from '../../iam/standIns';
import type { Model } from '../../model/model';
import { textOf } from '../../model/pstr';
import { principalsOf } from '../support/principals';
import { nameMatcher } from '../../engine/createEngine';
import { known } from '../../model/pstr';
import { allowedFindings, boundaryWitnessArn, candidateResources, decideAny } from '../support/requests';

const CHANGES = ['iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion', 'iam:DeletePolicy', 'iam:DeletePolicyVersion'];

/**
 * PG304. Fires when a policy allows changing the boundary policy itself (a new default version,
 * deleting versions or the policy) on the boundary's ARN or a wildcard covering it. Editing the
 * boundary widens every bounded role at once. Fix: deny these actions on
 * `arn:aws:iam::*:policy/<boundary pattern>`.
 */
export const boundaryPolicyChange: Rule = {
  id: 'PG304',
  severity: 'error',
  title: 'Boundary policy can be rewritten',
  summary: 'A policy allows creating a new version of, or deleting, the boundary policy.',
  check({ model, profile, catalog }) {
    const out: Finding[] = [];
    const targets = boundaryArns(model, profile);
    const matchName = nameMatcher(catalog.patterns);
    const isBoundaryArn = (arn: string) => matchName(profile.boundary.namePattern, known(arn.slice(arn.lastIndexOf('/') + 1))) === 'yes';
    for (const p of principalsOf(model)) {
      if (p.identity.length === 0) continue;
      let found: string[] | undefined;
      const arns = () => (found ??= candidateResources(p, targets, /:policy\//).filter(isBoundaryArn));
      for (const action of CHANGES) {
        const d = decideAny(catalog, p, action, arns);
        out.push(...allowedFindings(this, d, `This lets ${p.label} rewrite the permissions boundary: deny ${action} on the ${profile.boundary.namePattern} policy`, 'whether the boundary can be rewritten', p.loc));
      }
    }
    return out;
  },
};

/** The boundary pattern's witness, plus every boundary policy of the model whose name is known. */
function boundaryArns(model: Model, profile: Parameters<typeof boundaryWitnessArn>[0]): string[] {
  const arns = [boundaryWitnessArn(profile)];
  for (const pol of model.policies) {
    const name = pol.isBoundary && pol.name ? textOf(pol.name.value) : undefined;
    if (name) arns.push(selfIamArn('policy', `${pol.path.replace(/^\//, '')}${name}`));
  }
  return [...new Set(arns)];
}
