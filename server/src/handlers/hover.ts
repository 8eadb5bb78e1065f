// textDocument/hover: the caret's offset in the analysed text -> hover/ providers -> markdown.

import { TextDocument } from 'vscode-languageserver-textdocument';
import { MarkupKind, type Hover, type HoverParams } from 'vscode-languageserver/node';
import type { UnitAnalysis } from '../analysis/analyzer';
import type { Catalog } from '../catalog/catalog';
import { guaranteeTable } from '../engine/guarantees';
import { hoverAt, type GuaranteesOf } from '../hover/index';

/** What the hover handler needs from the server. */
export interface HoverDeps {
  readonly analysisOf: (uri: string) => Promise<UnitAnalysis | undefined>;
  readonly catalog: Catalog;
  readonly log: (message: string) => void;
}

/** Handler for textDocument/hover. Logs and returns null on failure. */
export function createHoverHandler(deps: HoverDeps): (params: HoverParams) => Promise<Hover | null> {
  return async (params) => {
    try {
      const analysis = await deps.analysisOf(params.textDocument.uri);
      return analysis ? hoverFor(analysis, params, deps.catalog) : null;
    } catch (err) {
      deps.log(
        `Hover failed for ${params.textDocument.uri}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
      );
      return null;
    }
  };
}

/** A role's verdict table from the analysis (computed once per hover). */
function guaranteesFor(analysis: UnitAnalysis): GuaranteesOf {
  const failed = new Set(analysis.result.failures.map((f) => f.ruleId));
  const table = guaranteeTable(analysis.result.model, analysis.profile, analysis.result.findings, failed);
  return (role) => table.find((s) => s.loc === (role.resource?.labelLoc ?? role.loc))?.rows;
}

/** The hover at the caret, from the analysis of the document's unit, or null. */
export function hoverFor(analysis: UnitAnalysis, params: HoverParams, catalog: Catalog): Hover | null {
  const uri = params.textDocument.uri;
  const text = analysis.text(uri);
  if (text === undefined) return null;
  const doc = TextDocument.create(uri, '', 0, text);
  const h = hoverAt(catalog, analysis.result.model, uri, text, doc.offsetAt(params.position), guaranteesFor(analysis));
  if (!h) return null;
  return {
    contents: { kind: MarkupKind.Markdown, value: h.markdown },
    range: { start: doc.positionAt(h.loc.start), end: doc.positionAt(h.loc.end) },
  };
}
