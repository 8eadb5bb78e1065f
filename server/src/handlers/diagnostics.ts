// Findings -> LSP diagnostics, and the wiring of document, file-watcher and configuration events
// to the workspace checker. One model: the server pushes publishDiagnostics.

import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  DiagnosticSeverity,
  FileChangeType,
  type Connection,
  type Diagnostic,
  type DiagnosticRelatedInformation,
  type TextDocuments,
} from 'vscode-languageserver/node';
import {
  DIAGNOSTIC_SOURCE,
  NEW_FINDING_SUFFIX,
  StatusNotification,
  type GuardDiagnosticData,
} from '../../../shared/protocol';
import type { CheckerSink, FileChange, Publication, PublishedFinding, WorkspaceChecker } from '../analysis/checker';
import { uriToPath } from '../util/uris';
import type { RelatedLocation, Severity } from '../core/finding';
import { ruleDocUrl } from '../core/ruleInfo';
import type { SettingsStore } from './settings';

const SEVERITY: Readonly<Record<Severity, DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

const CHANGE: Readonly<Record<number, FileChange>> = {
  [FileChangeType.Created]: 'created',
  [FileChangeType.Changed]: 'changed',
  [FileChangeType.Deleted]: 'deleted',
};

/** One finding as a diagnostic; `doc` holds the text its offsets refer to, `textOf` other files'. */
export function toDiagnostic(
  p: PublishedFinding,
  doc: TextDocument,
  textOf?: (id: string) => string | undefined,
): Diagnostic {
  const f = p.finding;
  const related = relatedInformation(f.related ?? [], doc, textOf);
  const data: GuardDiagnosticData = {
    isNew: p.isNew,
    ...(f.fix ? { fix: f.fix as GuardDiagnosticData['fix'] } : {}),
    version: doc.version,
  };
  return {
    range: { start: doc.positionAt(f.loc.start), end: doc.positionAt(Math.max(f.loc.start, f.loc.end)) },
    severity: SEVERITY[f.severity],
    code: f.ruleId,
    codeDescription: { href: ruleDocUrl(f.ruleId) },
    source: DIAGNOSTIC_SOURCE,
    message: p.isNew ? `${f.message}${NEW_FINDING_SUFFIX}` : f.message,
    ...(related.length ? { relatedInformation: related } : {}),
    data,
  };
}

/** Related locations (the allowing statement, each Deny that fails) in files whose text is known. */
function relatedInformation(
  related: readonly RelatedLocation[],
  doc: TextDocument,
  textOf?: (id: string) => string | undefined,
): DiagnosticRelatedInformation[] {
  const docs = new Map<string, TextDocument>([[doc.uri, doc]]);
  const out: DiagnosticRelatedInformation[] = [];
  for (const r of related) {
    let d = docs.get(r.loc.file);
    const text = d ? undefined : textOf?.(r.loc.file);
    if (!d && text !== undefined) docs.set(r.loc.file, (d = TextDocument.create(r.loc.file, '', 0, text)));
    if (d)
      out.push({
        location: { uri: r.loc.file, range: { start: d.positionAt(r.loc.start), end: d.positionAt(r.loc.end) } },
        message: r.message,
      });
  }
  return out;
}

/**
 * The diagnostics of one publication. `open` is the editor's buffer: when it is the version
 * checked, its line index (kept up to date incrementally) is used instead of a new one.
 */
export function toDiagnostics(p: Publication, open?: TextDocument): Diagnostic[] {
  if (p.findings.length === 0) return [];
  const doc =
    open && open.version === p.version && p.version !== undefined
      ? open
      : TextDocument.create(p.uri, '', p.version ?? 0, p.text);
  return p.findings.map((f) => toDiagnostic(f, doc, p.textOf));
}

/** Where the checker's results go: publishDiagnostics, the status notification and the log. */
export function createDiagnosticsSink(connection: Connection, documents: TextDocuments<TextDocument>): CheckerSink {
  return {
    publish: (p) =>
      void connection.sendDiagnostics({
        uri: p.uri,
        ...(p.version !== undefined ? { version: p.version } : {}),
        diagnostics: toDiagnostics(p, documents.get(p.uri)),
      }),
    report: (r) => void connection.sendNotification(StatusNotification.type, r),
    error: (message) => connection.console.error(message),
  };
}

/** Connects buffer, watched-file and configuration events to the checker (`configured` runs after a settings change). */
export function registerDiagnostics(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  checker: WorkspaceChecker,
  settings: SettingsStore,
  configured?: () => void,
): void {
  documents.onDidChangeContent((e) => checker.changed(e.document.uri));
  documents.onDidClose((e) => {
    settings.forget(e.document.uri);
    checker.closed(e.document.uri);
  });
  connection.onDidChangeWatchedFiles((params) => {
    for (const change of params.changes) {
      const path = uriToPath(change.uri);
      if (path) checker.fileChanged(path, CHANGE[change.type] ?? 'changed');
    }
  });
  connection.onDidChangeConfiguration((params) => {
    settings.changed(params);
    checker.recheckAll();
    configured?.();
  });
}
