// The edit inbox (handlers/editInbox): didChange notifications of one document that arrive
// together are merged, in order, with everything else passed through in arrival order, and edits
// received but not yet dispatched are known per document.

import { strict as assert } from 'node:assert';
import {
  Emitter,
  type DataCallback,
  type Message,
  type MessageReader,
  type NotificationMessage,
} from 'vscode-languageserver/node';
import { EditInbox } from '../../../../server/src/handlers/editInbox';

/** A reader the test feeds by hand. */
function fakeReader(): { reader: MessageReader; feed: (m: Message) => void } {
  let callback: DataCallback = () => undefined;
  const reader: MessageReader = {
    onError: new Emitter<Error>().event,
    onClose: new Emitter<void>().event,
    onPartialMessage: new Emitter<never>().event,
    listen: (cb) => {
      callback = cb;
      return { dispose: () => undefined };
    },
    dispose: () => undefined,
  };
  return { reader, feed: (m) => callback(m) };
}

const change = (uri: string, version: number, text: string): Message =>
  ({
    jsonrpc: '2.0',
    method: 'textDocument/didChange',
    params: {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text }],
    },
  }) as Message;

const turn = () => new Promise((r) => setImmediate(r));

describe('edit inbox (handlers/editInbox)', () => {
  it('merges a burst for one document and keeps the order of other messages', async () => {
    const inbox = new EditInbox();
    const { reader, feed } = fakeReader();
    const out: Message[] = [];
    inbox.wrap(reader).listen((m) => out.push(m));
    feed(change('file:///a.tf', 2, 'x'));
    feed(change('file:///a.tf', 3, 'y'));
    feed(change('file:///a.tf', 4, 'z'));
    feed({ jsonrpc: '2.0', id: 1, method: 'textDocument/hover', params: {} } as Message);
    feed(change('file:///b.tf', 7, 'b'));
    feed(change('file:///a.tf', 5, 'w'));
    assert.equal(inbox.hasPending('file:///a.tf', 1), true);
    assert.equal(inbox.hasPending('file:///a.tf', 5), false);
    await turn();
    const summary = out.map((m) => {
      const p = (m as NotificationMessage).params as {
        textDocument?: { uri: string; version: number };
        contentChanges?: { text: string }[];
      };
      return p.textDocument
        ? `${p.textDocument.uri}@${p.textDocument.version}:${p.contentChanges!.map((c) => c.text).join('')}`
        : 'hover';
    });
    assert.deepEqual(summary, ['file:///a.tf@4:xyz', 'hover', 'file:///b.tf@7:b', 'file:///a.tf@5:w']);
  });

  it('forgets versions when a document opens or closes again', () => {
    const inbox = new EditInbox();
    const { reader, feed } = fakeReader();
    inbox.wrap(reader).listen(() => undefined);
    feed(change('file:///a.tf', 9, 'x'));
    feed({
      jsonrpc: '2.0',
      method: 'textDocument/didClose',
      params: { textDocument: { uri: 'file:///a.tf' } },
    } as Message);
    assert.equal(inbox.hasPending('file:///a.tf', 1), false);
  });

  it('passes a didChange it cannot read through untouched', async () => {
    const inbox = new EditInbox();
    const { reader, feed } = fakeReader();
    const out: Message[] = [];
    inbox.wrap(reader).listen((m) => out.push(m));
    const odd = { jsonrpc: '2.0', method: 'textDocument/didChange', params: { textDocument: { uri: 'file:///a.tf' } } };
    feed(odd as Message);
    assert.equal(out[0], odd);
    assert.equal(inbox.hasPending('file:///a.tf', 0), false);
  });
});
