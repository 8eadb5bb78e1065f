// Findings -> 1-based lines and columns in a file path relative to a base folder: the CLI's
// and SARIF's coordinates. The language server converts to 0-based LSP ranges itself.

import { relative, sep } from 'node:path';
import { LineIndex } from '../model/loc';
import type { Finding, RuleId, Severity } from './finding';

/** A finding as the CLI contract prints it. */
export interface ReportedFinding {
  readonly ruleId: RuleId;
  readonly severity: Severity;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly message: string;
  readonly new: boolean;
  /** The source text under the finding, for baseline matching (not printed). */
  readonly snippet: string;
}

/** Converts findings; `texts` maps file ids (absolute paths) to their contents. */
export function locateFindings(findings: readonly Finding[], texts: ReadonlyMap<string, string>, baseDir: string): ReportedFinding[] {
  const indexes = new Map<string, LineIndex>();
  return findings.map((f) => {
    const text = texts.get(f.loc.file) ?? '';
    let idx = indexes.get(f.loc.file);
    if (!idx) {
      idx = new LineIndex(text);
      indexes.set(f.loc.file, idx);
    }
    const a = idx.positionAt(f.loc.start);
    const b = idx.positionAt(Math.max(f.loc.end, f.loc.start));
    return {
      ruleId: f.ruleId,
      severity: f.severity,
      file: relative(baseDir, f.loc.file).split(sep).join('/') || f.loc.file,
      line: a.line + 1,
      column: a.character + 1,
      endLine: b.line + 1,
      endColumn: b.character + 1,
      message: f.message,
      new: false,
      snippet: text.slice(f.loc.start, f.loc.end).replace(/\s+/g, ' ').slice(0, 200),
    };
  });
}

/** Stable ordering: file, line, column, rule. */
export function sortFindings<T extends ReportedFinding>(list: T[]): T[] {
  return list.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId));
}
