import type { Finding } from '../../core/finding';
import type { Rule } from '../../core/rule';
import { docsOf } from '../support/principals';
import { finding } from '../support/report';

/**
 * PG801. Fires when a file or a policy document is malformed or one AWS would reject: bad JSON,
 * HCL or YAML, an unknown Effect or top-level element, a statement without Action/NotAction,
 * both Action and NotAction (or Resource and NotResource), an element that is not a string or a
 * list of strings, an identity or boundary statement without Resource, NotPrincipal in a trust
 * policy, a wrong Version. Until it is fixed nothing else in it can be trusted. Fix: correct it.
 */
export const malformed: Rule = {
  id: 'PG801',
  severity: 'error',
  title: 'Malformed policy or file',
  summary:
    'A file or policy document is malformed or one AWS rejects (syntax, Effect, Action, Resource, Version, elements).',
  check({ model }) {
    const out: Finding[] = model.problems.map((p) =>
      finding(this, p.loc, p.message, p.severity ? { severity: p.severity } : {}),
    );
    for (const { doc, usage } of docsOf(model)) {
      for (const p of doc.problems) out.push(finding(this, p.loc, p.message));
      for (const s of doc.statements) {
        if (usage === 'trust' && s.notPrincipal)
          out.push(
            finding(
              this,
              s.notPrincipal.loc,
              'A trust policy cannot use NotPrincipal (AWS rejects it): name the principals in Principal',
            ),
          );
        if (usage === 'resource' && !s.principal && !s.notPrincipal)
          out.push(
            finding(
              this,
              s.loc,
              'A resource policy statement needs Principal or NotPrincipal (AWS rejects it without): add "Principal"',
            ),
          );
        // Some resource policies (ECR, Lambda) have no Resource element: only identity policies need one.
        if ((usage === 'identity' || usage === 'boundary') && !s.resource && !s.notResource)
          out.push(
            finding(
              this,
              s.loc,
              'An identity policy statement needs Resource or NotResource (AWS rejects it without): add "Resource"',
            ),
          );
      }
    }
    return out;
  },
};
