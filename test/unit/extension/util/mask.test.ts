import assert from 'node:assert/strict';
import { maskSecret } from '../../../../extension/src/util/mask';

describe('extension util/mask', () => {
  it('keeps only the ends of a long value', () => {
    assert.equal(maskSecret('ab12cd34ef56ab78cd90ef12ab349f3e'), 'ab12…9f3e');
  });
  it('hides short values entirely and leaves empty values empty', () => {
    assert.equal(maskSecret('short'), '••••');
    assert.equal(maskSecret('0123456789'), '••••');
    assert.equal(maskSecret(''), '');
    assert.equal(maskSecret(undefined), '');
  });
});
