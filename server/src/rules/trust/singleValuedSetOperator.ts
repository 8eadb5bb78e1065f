import type { Finding } from '../../core/finding';
import type { Rule } from '../../core/rule';
import { finding } from '../support/report';
import { docsOf } from '../support/principals';

/**
 * PG105. Fires when `ForAllValues:` or `ForAnyValue:` is used with a single-valued condition key
 * (sts:ExternalId, aws:PrincipalArn, aws:SourceAccount, aws:PrincipalTag/…): with the key
 * absent, ForAllValues is true, so the condition lets requests through that it meant to stop;
 * ForAnyValue is false (AWS IAM User Guide: set operators are for multivalued keys). Fix: drop
 * the prefix (`StringEquals`).
 */
export const singleValuedSetOperator: Rule = {
  id: 'PG105',
  severity: 'error',
  title: 'Set operator on a single-valued key',
  summary:
    'ForAllValues/ForAnyValue is used with a single-valued condition key; with the key absent, ForAllValues is true.',
  check({ model, catalog }) {
    const out: Finding[] = [];
    for (const { doc } of docsOf(model)) {
      for (const s of doc.statements) {
        for (const c of s.conditions) {
          const op = catalog.patterns.operator(c.operator);
          if (!op?.set) continue;
          const info = catalog.conditionKey(c.key);
          if (!info || info.isMultiValued) continue;
          const replacement = c.operator.slice(c.operator.indexOf(':') + 1);
          const absent =
            op.set === 'ForAllValues'
              ? 'true when the key is absent'
              : 'false when the key is absent, and meant for multivalued keys';
          out.push(
            finding(
              this,
              c.operatorLoc,
              `${op.set} on the single-valued key ${c.key} is ${absent}: use ${replacement}`,
              {
                fix: { kind: 'replaceOperator', operatorLoc: c.operatorLoc, replacement },
              },
            ),
          );
        }
      }
    }
    return out;
  },
};
