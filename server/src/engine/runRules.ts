// Runs every rule over a model. A rule that throws is reported and skipped; the others go on.

import type { Finding } from './finding';
import type { Rule, RuleContext } from './rule';

export interface RuleFailure {
  readonly ruleId: string;
  readonly message: string;
}

export interface RunResult {
  readonly findings: Finding[];
  readonly failures: RuleFailure[];
}

/** Applies `rules` in order; findings from a crashing rule are dropped, the crash is returned. */
export function runRules(rules: readonly Rule[], ctx: RuleContext): RunResult {
  const findings: Finding[] = [];
  const failures: RuleFailure[] = [];
  for (const rule of rules) {
    try {
      findings.push(...rule.check(ctx));
    } catch (err) {
      failures.push({ ruleId: rule.id, message: err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err) });
    }
  }
  return { findings: dedupe(findings), failures };
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
