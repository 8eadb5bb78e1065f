import type { Finding } from '../../core/finding';
import type { Rule } from '../../core/rule';
import { isAwsManagedDoc } from '../../model/awsManaged';
import { renderPStr } from '../../model/pstr';
import { docsOf } from '../support/principals';
import { finding, undecided } from '../support/report';

/**
 * PG802. Fires when an action names no real AWS action (a typo such as `s3:GetObjcet`), or a
 * wildcard matches nothing. IAM accepts it silently and the statement does nothing, so a Deny
 * with a typo protects nothing. Fix: use the real action (the quick fix offers the nearest).
 */
export const unknownAction: Rule = {
  id: 'PG802',
  severity: 'error',
  title: 'Unknown action',
  summary: 'An action names no real AWS action, or a wildcard matches nothing.',
  check({ model, catalog }) {
    const out: Finding[] = [];
    for (const { doc } of docsOf(model)) {
      if (isAwsManagedDoc(doc)) continue;
      for (const s of doc.statements) {
        for (const list of [s.action, s.notAction]) {
          for (const item of list?.items ?? []) {
            const e = catalog.expandAction(item.value);
            if (e.actions.length > 0) continue;
            const text = renderPStr(item.value);
            if (e.unknown) {
              out.push(undecided(this, item.loc, `the action ${text}`, e.unknown));
              continue;
            }
            const near = catalog.nearestAction(text);
            out.push(
              finding(
                this,
                item.loc,
                `No AWS action matches ${text}${near ? `: did you mean ${near}?` : ''}`,
                near ? { fix: { kind: 'replaceAction', actionLoc: item.loc, replacement: near } } : {},
              ),
            );
          }
        }
      }
    }
    return out;
  },
};
