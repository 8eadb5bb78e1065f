// The CLI's JSON contract: {"findings":[{ruleId, severity, file, line, column, endLine, endColumn,
// message, new, counterexample?, related?}]}.

import type { ReportedFinding } from '../engine/locate';

/** Exactly the fields the contract names, in its order. */
export function formatJson(findings: readonly ReportedFinding[]): string {
  return JSON.stringify({
    findings: findings.map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      file: f.file,
      line: f.line,
      column: f.column,
      endLine: f.endLine,
      endColumn: f.endColumn,
      message: f.message,
      new: f.new,
      ...(f.counterexample ? { counterexample: f.counterexample } : {}),
      ...(f.related?.length ? { related: f.related } : {}),
    })),
  });
}
