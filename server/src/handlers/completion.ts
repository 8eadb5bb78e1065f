// textDocument/completion inside policies: service prefixes, actions, condition keys.

import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CompletionItemKind,
  MarkupKind,
  type CompletionItem,
  type CompletionList,
  type CompletionParams,
} from 'vscode-languageserver/node';
import type { Catalog } from '../catalog/catalog';
import { completionSite } from '../completion/context';
import { completionsFor, type GuardCompletion } from '../completion/items';
import { fileFormat } from '../engine/fixes/text';

/** What the completion handler needs from the server. */
export interface CompletionDeps {
  /** The open document (completion works on the live text, not the last check). */
  readonly document: (uri: string) => TextDocument | undefined;
  readonly catalog: Catalog;
  readonly log: (message: string) => void;
}

const KIND: Readonly<Record<GuardCompletion['kind'], CompletionItemKind>> = {
  service: CompletionItemKind.Module,
  action: CompletionItemKind.Function,
  wildcard: CompletionItemKind.Constant,
  conditionKey: CompletionItemKind.Property,
};

/** Handler for textDocument/completion. Logs and returns an empty list on failure. */
export function createCompletionHandler(deps: CompletionDeps): (params: CompletionParams) => CompletionList {
  return (params) => {
    try {
      const doc = deps.document(params.textDocument.uri);
      return doc ? completionFor(doc, params, deps.catalog) : empty();
    } catch (err) {
      deps.log(
        `Completion failed for ${params.textDocument.uri}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
      );
      return empty();
    }
  };
}

/** Completion items at the caret of an open document (empty outside policies). */
export function completionFor(doc: TextDocument, params: CompletionParams, catalog: Catalog): CompletionList {
  const text = doc.getText();
  const offset = doc.offsetAt(params.position);
  const site = completionSite(text, offset, fileFormat(doc.uri, text));
  if (!site) return empty();
  const range = { start: doc.positionAt(site.start), end: params.position };
  const items = completionsFor(catalog, site, text).map((c): CompletionItem => ({
    label: c.label,
    kind: KIND[c.kind],
    textEdit: { range, newText: c.insertText },
    filterText: c.insertText,
    ...(c.detail ? { detail: c.detail } : {}),
    ...(c.documentation ? { documentation: { kind: MarkupKind.Markdown, value: c.documentation } } : {}),
    ...(c.sortText ? { sortText: c.sortText } : {}),
    ...(c.retrigger ? { command: { title: 'Suggest', command: 'editor.action.triggerSuggest' } } : {}),
  }));
  return { isIncomplete: false, items };
}

function empty(): CompletionList {
  return { isIncomplete: false, items: [] };
}
