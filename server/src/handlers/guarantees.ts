// pennsieve/guarantees: the verdict table of the roles and policies written in one document,
// from the document's latest analysis, in LSP coordinates.

import { TextDocument } from 'vscode-languageserver-textdocument';
import type { GuaranteeSubject, GuaranteesParams, GuaranteesResult, TextRange } from '../../../shared/protocol';
import type { UnitAnalysis } from '../analysis/analyzer';
import { guaranteeTable, type SubjectGuarantees } from '../engine/guarantees';
import type { Loc } from '../model/loc';

/** What the guarantees handlers need from the server. */
export interface GuaranteesDeps {
  readonly analysisOf: (uri: string) => Promise<UnitAnalysis | undefined>;
  readonly log: (message: string) => void;
}

/** The subjects written in `uri`, with LSP ranges (texts from the analysis). */
export function subjectsIn(
  analysis: UnitAnalysis,
  uri: string,
): { table: SubjectGuarantees[]; rangeOf: (loc: Loc) => TextRange | undefined } {
  const failed = new Set(analysis.result.failures.map((f) => f.ruleId));
  const table = guaranteeTable(analysis.result.model, analysis.profile, analysis.result.findings, failed).filter(
    (s) => s.loc.file === uri,
  );
  const docs = new Map<string, TextDocument>();
  const rangeOf = (loc: Loc): TextRange | undefined => {
    let d = docs.get(loc.file);
    const text = d ? undefined : analysis.text(loc.file);
    if (!d && text !== undefined) docs.set(loc.file, (d = TextDocument.create(loc.file, '', 0, text)));
    return d && { start: d.positionAt(loc.start), end: d.positionAt(loc.end) };
  };
  return { table, rangeOf };
}

/** Handler for pennsieve/guarantees. Logs and answers with no subjects on failure. */
export function createGuaranteesHandler(deps: GuaranteesDeps): (params: GuaranteesParams) => Promise<GuaranteesResult> {
  return async (params) => {
    const uri = params.textDocument.uri;
    try {
      const analysis = await deps.analysisOf(uri);
      if (!analysis) return { profile: '', subjects: [] };
      const { table, rangeOf } = subjectsIn(analysis, uri);
      return { profile: analysis.profile.source, subjects: table.map((s) => toSubject(s, rangeOf)) };
    } catch (err) {
      deps.log(`Guarantees failed for ${uri}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return { profile: '', subjects: [] };
    }
  };
}

const NOWHERE: TextRange = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** One subject's table in protocol shape; `rangeOf` turns engine locations into LSP ranges. */
export function toSubject(s: SubjectGuarantees, rangeOf: (loc: Loc) => TextRange | undefined): GuaranteeSubject {
  const at = (loc: Loc) => ({ uri: loc.file, range: rangeOf(loc) ?? NOWHERE });
  return {
    subject: s.subject,
    kind: s.kind,
    range: rangeOf(s.loc) ?? NOWHERE,
    guarantees: s.rows.map((r) => ({
      ruleId: r.ruleId,
      title: r.title,
      verdict: r.verdict,
      ...(r.reason ? { reason: r.reason } : {}),
      ...(r.loc ? { location: at(r.loc) } : {}),
      ...(r.counterexample
        ? {
            counterexample: {
              principal: r.counterexample.principal,
              action: r.counterexample.action,
              resource: r.counterexample.resource,
              context: r.counterexample.context,
              allowedBy: r.counterexample.allowedBy ? at(r.counterexample.allowedBy) : null,
              denies: r.counterexample.denies.map((d) => ({ ...at(d.loc), why: d.why })),
            },
          }
        : {}),
    })),
  };
}
