// The batched buffer update (handlers/documentUpdate) gives exactly the text TextDocument.update
// gives change by change (each on a fresh document), over seeded random bursts: \r\n, \r and \n breaks made and split by edits, positions past
// a line's end or the text's end, negative ones, ranges given end first, whole-text replacements.

import { strict as assert } from 'node:assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import { splitLines, updateDocument } from '../../../../server/src/handlers/documentUpdate';

/** A deterministic pseudo-random sequence. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const PIECES = ['x', 'ab', '\n', '\r', '\r\n', '', 'é', '😀', ' = "v"\n', '\n\n\r'];

function randomChange(rand: () => number, doc: TextDocument): TextDocumentContentChangeEvent {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const text = Array.from({ length: Math.floor(rand() * 3) }, () => pick(PIECES)).join('');
  if (rand() < 0.02) return { text };
  const pos = () => ({
    line: Math.floor(rand() * (doc.lineCount + 2)) - (rand() < 0.05 ? 3 : 0),
    character: Math.floor(rand() * 12) - (rand() < 0.05 ? 2 : 0),
  });
  return { range: { start: pos(), end: pos() }, text };
}

describe('batched buffer update (handlers/documentUpdate)', () => {
  it('splits lines as TextDocument counts them', () => {
    assert.deepEqual(splitLines('a\r\nb\rc\n'), ['a\r\n', 'b\r', 'c\n', '']);
    assert.deepEqual(splitLines(''), ['']);
    assert.deepEqual(splitLines('\r\r\n'), ['\r', '\r\n', '']);
  });

  it('gives the same text as TextDocument.update, change by change, over 300 random bursts', () => {
    const rand = prng(9);
    for (let burst = 0; burst < 300; burst++) {
      const start = 'a = 1\r\nb = 2\rc = 3\n\nd\r'.slice(0, Math.floor(rand() * 20));
      let reference = TextDocument.create('file:///t.tf', 'terraform', 1, start);
      const changes: TextDocumentContentChangeEvent[] = [];
      for (let i = 0; i < 8 + Math.floor(rand() * 40); i++) {
        const change = randomChange(rand, reference);
        changes.push(change);
        // A fresh document per change: the library's own line index goes wrong after a range past the last line.
        const fresh = TextDocument.create('file:///t.tf', 'terraform', reference.version, reference.getText());
        reference = TextDocument.update(fresh, [change], reference.version + 1);
      }
      const batched = updateDocument(TextDocument.create('file:///t.tf', 'terraform', 1, start), changes, 99);
      assert.equal(batched.getText(), reference.getText(), `burst ${burst}: ${JSON.stringify(changes)}`);
      assert.equal(batched.version, 99);
    }
  });

  it('applies 2,000 one-character edits to a 2,000-line text in one pass', () => {
    const text = 'resource "a" "b" {\n  name = "n"\n}\n'.repeat(700);
    const changes = Array.from({ length: 2000 }, (_, i) => ({
      range: { start: { line: 0, character: 7 + i }, end: { line: 0, character: 7 + i } },
      text: 'x',
    }));
    const doc = updateDocument(TextDocument.create('file:///t.tf', 'terraform', 1, text), changes, 2001);
    assert.equal(doc.getText(), text.slice(0, 7) + 'x'.repeat(2000) + text.slice(7));
  });
});
