// Quick fixes: the findings under the requested range (from the current analysis) -> their fixes
// from engine/fixes -> CodeActions with workspace edits, the matching diagnostic attached.

import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { DIAGNOSTIC_SOURCE } from '../../../shared/protocol';
import type { UnitAnalysis } from '../analysis/analyzer';
import type { Catalog } from '../catalog/catalog';
import type { Finding } from '../core/finding';
import { fixAllDenies, fixFor, type Fix, type FixContext } from '../engine/fixes/index';
import { toDiagnostic } from './diagnostics';

/** What the code action handler needs from the server. */
export interface CodeActionDeps {
  readonly analysisOf: (uri: string) => Promise<UnitAnalysis | undefined>;
  readonly catalog: Catalog;
  /** The open buffer version of a document, or null when it is not open. */
  readonly versionOf: (uri: string) => number | null;
  /** The client accepts `documentChanges` (versioned edits) in a WorkspaceEdit. */
  readonly documentChanges: () => boolean;
  readonly log: (message: string) => void;
}

/** Handler for textDocument/codeAction. Logs and returns [] on failure. */
export function createCodeActionHandler(deps: CodeActionDeps): (params: CodeActionParams) => Promise<CodeAction[]> {
  return async (params) => {
    try {
      const analysis = await deps.analysisOf(params.textDocument.uri);
      return analysis ? codeActionsFor(analysis, params, deps) : [];
    } catch (err) {
      deps.log(
        `Code actions failed for ${params.textDocument.uri}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
      );
      return [];
    }
  };
}

/** The quick fixes for the findings that overlap the requested range. */
export function codeActionsFor(
  analysis: UnitAnalysis,
  params: CodeActionParams,
  deps: Pick<CodeActionDeps, 'catalog' | 'versionOf' | 'documentChanges'>,
): CodeAction[] {
  if (params.context.only && !params.context.only.some((k) => CodeActionKind.QuickFix.startsWith(k))) return [];
  const uri = params.textDocument.uri;
  const text = analysis.text(uri);
  if (text === undefined) return [];
  const doc = TextDocument.create(uri, '', 0, text);
  const start = doc.offsetAt(params.range.start);
  const end = doc.offsetAt(params.range.end);
  const inFile = analysis.findingsIn(uri);
  const here = inFile.filter((f) => f.loc.start <= end && start <= f.loc.end);
  const ctx: FixContext = {
    model: analysis.result.model,
    profile: analysis.profile,
    catalog: deps.catalog,
    text: (id) => analysis.text(id),
    moduleFiles: () => analysis.files.map((f) => f.id),
  };
  const actions: CodeAction[] = [];
  const diagnosticsOf = (fs: readonly Finding[]) =>
    fs.map(
      (f) => matchingDiagnostic(f, params.context.diagnostics, doc) ?? toDiagnostic({ finding: f, isNew: false }, doc),
    );
  for (const f of here) {
    const fix = fixFor(f, ctx);
    if (fix) actions.push(toCodeAction(fix, diagnosticsOf([f]), analysis, deps));
  }
  if (here.some((f) => /^PG30[123]$/.test(f.ruleId))) {
    const denies = inFile.filter((f) => /^PG30[123]$/.test(f.ruleId));
    const all = fixAllDenies(denies, ctx);
    if (all) actions.push(toCodeAction(all, diagnosticsOf(denies), analysis, deps));
  }
  return actions;
}

/** The client's diagnostic for a finding (same rule and start), so the editor links the fix to it. */
function matchingDiagnostic(f: Finding, diagnostics: readonly Diagnostic[], doc: TextDocument): Diagnostic | undefined {
  return diagnostics.find(
    (d) => d.source === DIAGNOSTIC_SOURCE && d.code === f.ruleId && doc.offsetAt(d.range.start) === f.loc.start,
  );
}

function toCodeAction(
  fix: Fix,
  diagnostics: Diagnostic[],
  analysis: UnitAnalysis,
  deps: Pick<CodeActionDeps, 'versionOf' | 'documentChanges'>,
): CodeAction {
  return {
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    diagnostics,
    ...(fix.isPreferred ? { isPreferred: true } : {}),
    edit: toWorkspaceEdit(fix, analysis, deps),
  };
}

/** Offsets -> positions in the text each edit was computed on. */
function toWorkspaceEdit(
  fix: Fix,
  analysis: UnitAnalysis,
  deps: Pick<CodeActionDeps, 'versionOf' | 'documentChanges'>,
): WorkspaceEdit {
  const byFile = new Map<string, LspTextEdit[]>();
  for (const e of fix.edits) {
    const text = analysis.text(e.file) ?? '';
    const doc = TextDocument.create(e.file, '', 0, text);
    const list = byFile.get(e.file) ?? [];
    list.push({ range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) }, newText: e.newText });
    byFile.set(e.file, list);
  }
  if (!deps.documentChanges()) return { changes: Object.fromEntries(byFile) };
  return {
    documentChanges: [...byFile].map(([uri, edits]) => ({
      textDocument: { uri, version: deps.versionOf(uri) },
      edits,
    })),
  };
}
