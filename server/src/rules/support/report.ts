// Building findings: one helper so every rule words and locates them the same way.

import type { Finding, FixHint, Severity } from '../../core/finding';
import type { RuleInfo } from '../../core/ruleInfo';
import type { Loc } from '../../model/loc';
import type { UnresolvedPolicyRef } from '../../model/model';
import { renderPStr } from '../../model/pstr';

/** A finding of `rule` at `loc`; `severity` defaults to the rule's. */
export function finding(
  rule: RuleInfo,
  loc: Loc,
  message: string,
  opts: { severity?: Severity; fix?: FixHint } = {},
): Finding {
  return {
    ruleId: rule.id,
    severity: opts.severity ?? rule.severity,
    message,
    loc,
    ...(opts.fix ? { fix: opts.fix } : {}),
  };
}

/** An `info` finding: the rule could not decide because of `reason`. */
export function undecided(rule: RuleInfo, loc: Loc, what: string, reason: string): Finding {
  return { ruleId: rule.id, severity: 'info', message: `Cannot check ${what}: ${reason}`, loc };
}

/** An info finding for a managed policy attached at `ref.loc` that could not be read. */
export function unreadPolicy(rule: RuleInfo, ref: UnresolvedPolicyRef, what: string): Finding {
  if (ref.arn.k === 'unknown') return undecided(rule, ref.loc, what, ref.reason ?? ref.arn.reason);
  const text = ref.arn.k === 'str' ? renderPStr(ref.arn.s) : 'an unresolved value';
  return undecided(rule, ref.loc, what, ref.reason ?? `the attached policy ${text} is not in the checked files`);
}

/** "a, b and 3 more" */
export function listSome(items: readonly string[], max = 3): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}
