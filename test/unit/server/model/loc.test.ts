import { strict as assert } from 'node:assert';
import { LineIndex } from '../../../../server/src/model/loc';
import { concatParts, hole, textOf } from '../../../../server/src/model/pstr';

describe('LineIndex', () => {
  it('maps offsets to 0-based lines and UTF-16 columns across LF and CRLF', () => {
    const text = 'ab\r\ncé😀d\nx';
    const idx = new LineIndex(text);
    assert.equal(idx.lineCount, 3);
    assert.deepEqual(idx.positionAt(text.indexOf('d')), { line: 1, character: 4 });
    assert.equal(idx.offsetAt({ line: 2, character: 0 }), text.indexOf('x'));
    assert.deepEqual(idx.positionAt(999), { line: 2, character: 1 });
  });
});

describe('PStr', () => {
  it('merges adjacent literals and keeps holes', () => {
    const s = concatParts(['arn:', 'aws', hole('var.x has no default'), ':x', '']);
    assert.equal(s.parts.length, 3);
    assert.equal(s.parts[0], 'arn:aws');
    assert.equal(textOf(s), undefined);
    assert.equal(textOf(concatParts(['a', 'b'])), 'ab');
  });
});
