// eslint-style ("stylish") text: findings grouped under their file, aligned columns, a summary.

import type { ReportedFinding } from '../engine/locate';

export interface TextOptions {
  readonly color: boolean;
}

const C = {
  red: '\x1b[31m',
  yellow: '\x1b[33m',
  blue: '\x1b[34m',
  dim: '\x1b[2m',
  underline: '\x1b[4m',
  bold: '\x1b[1m',
  reset: '\x1b[0m',
};

/** Formats findings for a terminal. Empty string when there is nothing to report. */
export function formatText(findings: readonly ReportedFinding[], opts: TextOptions): string {
  if (findings.length === 0) return '';
  const paint = (code: string, s: string) => (opts.color ? code + s + C.reset : s);
  const byFile = new Map<string, ReportedFinding[]>();
  for (const f of findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  const lines: string[] = [];
  for (const [file, list] of byFile) {
    lines.push('', paint(C.underline, file));
    const posWidth = Math.max(...list.map((f) => `${f.line}:${f.column}`.length));
    const sevWidth = Math.max(...list.map((f) => f.severity.length));
    const msgWidth = Math.max(...list.map((f) => message(f).length));
    for (const f of list) {
      const sevColor = f.severity === 'error' ? C.red : f.severity === 'warning' ? C.yellow : C.blue;
      lines.push(
        `  ${paint(C.dim, `${f.line}:${f.column}`.padEnd(posWidth))}  ${paint(sevColor, f.severity.padEnd(sevWidth))}  ${message(f).padEnd(msgWidth)}  ${paint(C.dim, f.ruleId)}`,
      );
    }
  }
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  const infos = findings.length - errors - warnings;
  const summary = `✖ ${findings.length} problem${findings.length === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}, ${infos} undecided)`;
  lines.push('', paint(errors ? C.red + C.bold : C.yellow + C.bold, summary), '');
  return lines.join('\n');
}

function message(f: ReportedFinding): string {
  return f.new ? `${f.message} (new)` : f.message;
}
