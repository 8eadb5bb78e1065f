// textDocument/codeLens: above each role (and boundary or loose policy) written in the document,
// its guarantees at a glance: ✓ proved, ✗ counterexample, ? unknown, one mark per guarantee,
// with the reasons in the tooltip. Works the same in Terraform, CloudFormation and JSON.

import type { CodeLens, CodeLensParams } from 'vscode-languageserver/node';
import type { GuaranteeRow, SubjectGuarantees, Verdict } from '../engine/guarantees';
import { subjectsIn, type GuaranteesDeps } from './guarantees';

const MARK: Readonly<Record<Verdict, string>> = { proved: '✓', counterexample: '✗', unknown: '?' };

/** Handler for textDocument/codeLens. Logs and returns no lenses on failure. */
export function createCodeLensHandler(deps: GuaranteesDeps): (params: CodeLensParams) => Promise<CodeLens[]> {
  return async (params) => {
    const uri = params.textDocument.uri;
    try {
      const analysis = await deps.analysisOf(uri);
      if (!analysis) return [];
      const { table, rangeOf } = subjectsIn(analysis, uri);
      const lenses: CodeLens[] = [];
      for (const s of table) {
        const range = rangeOf(s.loc);
        if (range) lenses.push({ range: { start: range.start, end: range.start }, command: lensCommand(s) });
      }
      return lenses;
    } catch (err) {
      deps.log(`CodeLens failed for ${uri}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return [];
    }
  };
}

/** "Guarantees: ✓ 11 · ✗ PG301 · ? PG402" with one tooltip line per guarantee. */
export function lensCommand(s: SubjectGuarantees): { title: string; command: string; tooltip: string } {
  const proved = s.rows.filter((r) => r.verdict === 'proved').length;
  const others = s.rows.filter((r) => r.verdict !== 'proved').map((r) => `${MARK[r.verdict]} ${r.ruleId}`);
  const title = `Guarantees: ${MARK.proved} ${proved} proved${others.length ? ` · ${others.join(' · ')}` : ''}`;
  return { title, command: '', tooltip: s.rows.map(tooltipLine).join('\n') };
}

function tooltipLine(r: GuaranteeRow): string {
  const why = r.verdict === 'proved' ? 'proved' : `${r.verdict}: ${r.reason ?? ''}`;
  return `${MARK[r.verdict]} ${r.ruleId} ${r.title} — ${why}`;
}
