// Runs every rule over a model. A rule that throws fails closed: its findings are replaced by one
// error finding naming the rule (a security check that could not decide is never a pass), and the
// other rules go on.

import type { Loc } from '../model/loc';
import type { Finding } from '../core/finding';
import { groupFindings } from './groupFindings';
import type { Rule, RuleContext } from '../core/rule';

export interface RuleFailure {
  readonly ruleId: string;
  /** The error with its stack, for logs. */
  readonly message: string;
  /** The error finding reported in place of the rule's findings. */
  readonly finding: Finding;
}

export interface RunResult {
  /** Every rule's findings, including one error finding per failed rule. */
  readonly findings: Finding[];
  readonly failures: RuleFailure[];
}

/**
 * Applies `rules` in order, one at a time: the generator yields after each rule, so a caller can
 * pause or stop there. A crashing rule's findings become one error finding at `failureLoc`.
 */
export function* ruleSteps(rules: readonly Rule[], ctx: RuleContext, failureLoc: Loc): Generator<void, RunResult> {
  const findings: Finding[] = [];
  const failures: RuleFailure[] = [];
  for (const rule of rules) {
    try {
      for (const f of rule.check(ctx)) findings.push(f);
    } catch (err) {
      const failure = ruleFailure(rule, err, failureLoc);
      failures.push(failure);
      findings.push(failure.finding);
    }
    yield;
  }
  return { findings: groupFindings(dedupe(findings)), failures };
}

function ruleFailure(rule: Rule, err: unknown, loc: Loc): RuleFailure {
  const first = clip(err instanceof Error ? err.message.split('\n')[0] : String(err));
  const finding: Finding = {
    ruleId: rule.id,
    severity: 'error',
    message: `Rule ${rule.id} (${rule.title}) failed and could not check these files, so they are not known to pass it (an internal error; please report it): ${first}`,
    loc,
  };
  return {
    ruleId: rule.id,
    message: err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err),
    finding,
  };
}

/** An error message short enough for a diagnostic (errors may quote the input). */
function clip(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** The same rule at the same place with the same message is one finding. */
function dedupe(list: Finding[]): Finding[] {
  const seen = new Set<string>();
  return list.filter((f) => {
    const key = `${f.ruleId}|${f.loc.file}|${f.loc.start}|${f.loc.end}|${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
