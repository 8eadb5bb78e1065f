import type { Finding } from '../../engine/finding';
import type { Rule } from '../../engine/rule';
import { docsOf } from '../support/principals';
import { finding } from '../support/report';

/**
 * PG801. Fires when a file or a policy document is malformed: bad JSON, HCL or YAML, an unknown
 * Effect, a statement without Action/NotAction, a wrong Version. AWS would reject it at deploy
 * time; until then nothing else in it can be trusted. Fix: correct the syntax.
 */
export const malformed: Rule = {
  id: 'PG801',
  severity: 'error',
  title: 'Malformed policy or file',
  summary: 'A file or policy document is malformed (syntax, Effect, Action, Version).',
  check({ model }) {
    const out: Finding[] = model.problems.map((p) => finding(this, p.loc, p.message));
    for (const { doc } of docsOf(model)) for (const p of doc.problems) out.push(finding(this, p.loc, p.message));
    return out;
  },
};
