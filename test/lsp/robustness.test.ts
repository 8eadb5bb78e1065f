// The server process under abuse: garbage on stdin, a malformed message, requests for documents
// it never saw, a handler that throws, a client that goes away. It must answer or exit, never hang.

import { strict as assert } from 'node:assert';
import { CodeActionRequest, CompletionRequest, HoverRequest, ResponseError } from 'vscode-languageserver-protocol/node';
import { LspClient } from '../../scripts/harness/lspClient';

describe('language server robustness', function () {
  let client: LspClient | undefined;

  afterEach(async () => {
    if (client && !client.hasExited) await client.stop();
    client = undefined;
  });

  async function started(): Promise<LspClient> {
    client = LspClient.start();
    await client.initialize(null);
    return client;
  }

  /** A request that proves the server still answers. */
  async function answers(c: LspClient): Promise<void> {
    const r = await c.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: 'file:///nowhere/x.json' },
      position: { line: 0, character: 0 },
    });
    assert.equal(r, null);
  }

  it('exits (code 1) on bytes that are not LSP framing, instead of going deaf', async () => {
    const c = await started();
    c.proc.stdin!.write(Buffer.from([0, 1, 2, 255, 254, 13, 10, 13, 10, 7, 42]));
    assert.equal(await c.waitForExit(10000), 1);
    assert.match(c.stderr.join(''), /LSP stream on stdin is unreadable/);
  });

  it('exits on a text header without Content-Length', async () => {
    const c = await started();
    c.proc.stdin!.write('hello: world\r\n\r\n{}');
    assert.equal(await c.waitForExit(10000), 1);
  });

  it('drops a well-framed message whose body is not JSON and keeps serving', async () => {
    const c = await started();
    const body = '{"jsonrpc": "2.0", "id": 7, "method": "textDocument/hover", "params": {';
    c.proc.stdin!.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    await answers(c);
    assert.ok(
      c.logs.some((l) => l.startsWith('Dropped a message that is not JSON')),
      c.logs.join('\n'),
    );
  });

  it('answers requests about documents it never saw with empty results', async () => {
    const c = await started();
    const textDocument = { uri: 'file:///nowhere/never-opened.tf' };
    const position = { line: 3, character: 4 };
    assert.equal(await c.connection.sendRequest(HoverRequest.type, { textDocument, position }), null);
    assert.deepEqual(
      await c.connection.sendRequest(CodeActionRequest.type, {
        textDocument,
        range: { start: position, end: position },
        context: { diagnostics: [] },
      }),
      [],
    );
    const list = await c.connection.sendRequest(CompletionRequest.type, { textDocument, position });
    assert.deepEqual(Array.isArray(list) ? list : list?.items, []);
    await answers(c);
  });

  it('survives a handler that throws on bad parameters and logs it', async () => {
    const c = await started();
    const r = await c.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: 'file:///nowhere/x.json' },
    });
    assert.deepEqual(r, []);
    await c.connection.sendRequest('textDocument/hover', { textDocument: null }).catch((e: unknown) => e);
    await assert.rejects(
      c.connection.sendRequest('pennsieve/noSuchMethod', {}),
      (e: unknown) => e instanceof ResponseError,
    );
    await answers(c);
    assert.ok(
      c.logs.some((l) => /failed/.test(l)),
      c.logs.join('\n'),
    );
  });

  it('exits (code 1) on a huge Content-Length instead of waiting forever for the body, stdin still open', async () => {
    const c = await started();
    c.proc.stdin!.write('Content-Length: 99999999999\r\n\r\n{"jsonrpc":');
    assert.equal(await c.waitForExit(10000), 1);
    assert.match(c.stderr.join(''), /a Content-Length of 99999999999 bytes \(limit 134217728\)/);
  });

  it('exits on a malformed Content-Length and on a header that never ends', async () => {
    const a = await started();
    a.proc.stdin!.write('Content-Length: 12abc\r\n\r\n{}');
    assert.equal(await a.waitForExit(10000), 1);
    assert.match(a.stderr.join(''), /a malformed Content-Length: 12abc/);
    await a.stop();
    const b = await started();
    b.proc.stdin!.write(`X-Junk: ${'x'.repeat(20000)}`);
    assert.equal(await b.waitForExit(10000), 1);
    assert.match(b.stderr.join(''), /an LSP header longer than 8192 bytes/);
    client = b;
  });

  it('exits when the client closes stdin without shutdown', async () => {
    const c = await started();
    c.proc.stdin!.end();
    assert.equal(await c.waitForExit(10000), 1);
  });

  it('exits when the client goes away mid-message', async () => {
    const c = await started();
    c.proc.stdin!.write('Content-Length: 99999999\r\n\r\n{"jsonrpc":');
    c.proc.stdin!.end();
    assert.notEqual(await c.waitForExit(10000), null);
  });

  it('exits with 0 after shutdown and exit', async () => {
    const c = await started();
    assert.equal(await c.stop(), 0);
  });
});
