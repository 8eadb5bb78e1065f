// Edits as they arrive from the client, before the connection dispatches them (one message per
// event-loop turn). A burst of didChange notifications for one document that arrives together (a
// paste, a replayed macro, 2,000 edits written at once) is merged into one notification whose
// content changes are applied in order in one update, and the checker learns that a document has
// edits received but not yet applied, so it neither starts nor finishes a check of stale text.

import {
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  Message,
  type DataCallback,
  type DidChangeTextDocumentParams,
  type Disposable,
  type MessageReader,
  type NotificationMessage,
} from 'vscode-languageserver/node';

/** A didChange notification being held for merging. */
interface Held {
  readonly uri: string;
  readonly message: NotificationMessage & { params: DidChangeTextDocumentParams };
}

/** Per document: merges queued edits and knows which versions were received (see the file comment). */
export class EditInbox {
  /** Per document URI: the version of the newest change received. */
  private readonly received = new Map<string, number>();
  private held: Held | undefined;
  private flushTimer: ReturnType<typeof setImmediate> | undefined;
  private forward: DataCallback = () => undefined;

  /** `reader` with consecutive didChange notifications of one document merged, in arrival order otherwise. */
  wrap(reader: MessageReader): MessageReader {
    return {
      onError: reader.onError,
      onClose: reader.onClose,
      onPartialMessage: reader.onPartialMessage,
      listen: (callback: DataCallback): Disposable => {
        this.forward = callback;
        return reader.listen((message) => this.receive(message));
      },
      dispose: () => {
        if (this.flushTimer) clearImmediate(this.flushTimer);
        reader.dispose();
      },
    };
  }

  /** True when a change of `uri` newer than `appliedVersion` was received and is not applied yet. */
  hasPending(uri: string, appliedVersion: number): boolean {
    const newest = this.received.get(uri);
    return newest !== undefined && newest > appliedVersion;
  }

  private receive(message: Message): void {
    const change = asChange(message);
    if (change) this.received.set(change.uri, change.message.params.textDocument.version);
    else this.noteOpenClose(message);
    if (change && this.held?.uri === change.uri) {
      this.merge(this.held, change);
      return;
    }
    this.flush();
    if (!change) return this.forward(message);
    this.held = change;
    this.flushTimer = setImmediate(() => this.flush());
  }

  /** didOpen and didClose start a document's versions again. */
  private noteOpenClose(message: Message): void {
    if (!Message.isNotification(message)) return;
    const isOpenClose =
      message.method === DidOpenTextDocumentNotification.method ||
      message.method === DidCloseTextDocumentNotification.method;
    const uri = (message.params as { textDocument?: { uri?: unknown } } | undefined)?.textDocument?.uri;
    if (isOpenClose && typeof uri === 'string') this.received.delete(uri);
  }

  /** Appends `next`'s changes to the held notification, which takes `next`'s version. */
  private merge(held: Held, next: Held): void {
    const changes = held.message.params.contentChanges;
    for (const c of next.message.params.contentChanges) changes.push(c);
    held.message.params.textDocument.version = next.message.params.textDocument.version;
  }

  private flush(): void {
    if (this.flushTimer) clearImmediate(this.flushTimer);
    this.flushTimer = undefined;
    const held = this.held;
    this.held = undefined;
    if (held) this.forward(held.message);
  }
}

/**
 * `message` as a didChange notification that TextDocuments applies (a document URI, a numeric
 * version, at least one change); undefined for anything else, which passes through untouched.
 */
function asChange(message: Message): Held | undefined {
  if (!Message.isNotification(message) || message.method !== DidChangeTextDocumentNotification.method) return undefined;
  const params = message.params as Partial<DidChangeTextDocumentParams> | undefined;
  const doc = params?.textDocument;
  if (typeof doc?.uri !== 'string' || typeof doc.version !== 'number') return undefined;
  if (!Array.isArray(params?.contentChanges) || params.contentChanges.length === 0) return undefined;
  return {
    uri: doc.uri,
    message: { ...message, params: { textDocument: { ...doc }, contentChanges: [...params.contentChanges] } },
  };
}
