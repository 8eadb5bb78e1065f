// Findings -> 1-based lines and columns in a file path relative to a base folder: the CLI's
// and SARIF's coordinates. The language server converts to 0-based LSP ranges itself.

import { relative, sep } from 'node:path';
import { LineIndex, type Loc } from '../model/loc';
import type { Finding, RuleId, Severity } from '../core/finding';

/** The spec's `counterexample` object, with locations as file and 1-based line. */
export interface ReportedCounterexample {
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  readonly context: Readonly<Record<string, string | readonly string[] | null>>;
  readonly allowedBy: { readonly file: string; readonly line: number } | null;
  readonly denies: readonly { readonly file: string; readonly line: number; readonly why: string }[];
}

/** Another location of a finding, as the CLI prints it. */
export interface ReportedRelated {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

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
  readonly counterexample?: ReportedCounterexample;
  readonly related?: readonly ReportedRelated[];
}

/** Converts findings; `texts` maps file ids (absolute paths) to their contents. */
export function locateFindings(
  findings: readonly Finding[],
  texts: ReadonlyMap<string, string>,
  baseDir: string,
): ReportedFinding[] {
  const indexes = new Map<string, LineIndex>();
  const at = (loc: Loc) => {
    let idx = indexes.get(loc.file);
    if (!idx) {
      idx = new LineIndex(texts.get(loc.file) ?? '');
      indexes.set(loc.file, idx);
    }
    const p = idx.positionAt(loc.start);
    return {
      file: relative(baseDir, loc.file).split(sep).join('/') || loc.file,
      line: p.line + 1,
      column: p.character + 1,
    };
  };
  return findings.map((f) => {
    const text = texts.get(f.loc.file) ?? '';
    const a = at(f.loc);
    const b = at({ ...f.loc, start: Math.max(f.loc.end, f.loc.start) });
    const cx = f.counterexample;
    return {
      ruleId: f.ruleId,
      severity: f.severity,
      file: a.file,
      line: a.line,
      column: a.column,
      endLine: b.line,
      endColumn: b.column,
      message: f.message,
      new: false,
      snippet: text.slice(f.loc.start, f.loc.end).replace(/\s+/g, ' ').slice(0, 200),
      ...(cx
        ? {
            counterexample: {
              principal: cx.principal,
              action: cx.action,
              resource: cx.resource,
              context: cx.context,
              allowedBy: cx.allowedBy ? fileLine(at(cx.allowedBy)) : null,
              denies: cx.denies.map((d) => ({ ...fileLine(at(d.loc)), why: d.why })),
            },
          }
        : {}),
      ...(f.related ? { related: f.related.map((r) => ({ ...at(r.loc), message: r.message })) } : {}),
    };
  });
}

function fileLine(p: { file: string; line: number }): { file: string; line: number } {
  return { file: p.file, line: p.line };
}

/** Stable ordering: file, line, column, rule. */
export function sortFindings<T extends ReportedFinding>(list: T[]): T[] {
  return list.sort(
    (a, b) =>
      a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId),
  );
}
