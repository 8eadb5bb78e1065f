import assert from 'node:assert/strict';
import { duplicateWarning, sameNamed, validateNodeName } from '../../../../extension/src/tree/nodeNames';
import { computeNode } from '../support/nodes';

describe('extension tree/nodeNames', () => {
  const nodes = [computeNode('a', 'Enabled', { name: 'imaging', createdAt: '2026-03-04 15:04:05.1 +0000 UTC' }), computeNode('b', 'Enabled', { name: 'other' })];

  it('finds a name already in use, ignoring case and surrounding spaces', () => {
    assert.deepEqual(sameNamed(nodes, ' Imaging ').map((n) => n.uuid), ['a']);
    assert.deepEqual(sameNamed(nodes, 'new'), []);
    assert.deepEqual(sameNamed(nodes, undefined), []);
  });

  it('warns with the other node’s creation time, and says nothing for a fresh name', () => {
    assert.match(duplicateWarning(nodes, 'imaging')!, /^This account already has a node named "imaging" \(created .*2026.*\): the tree will tell them apart by creation time$/);
    assert.equal(duplicateWarning(nodes, 'fresh'), undefined);
  });

  it('keeps names simple', () => {
    assert.equal(validateNodeName('imaging-pipeline 2'), undefined);
    assert.match(validateNodeName('-x')!, /start with a letter or digit/);
    assert.match(validateNodeName('x'.repeat(65))!, /64/);
  });
});
