import assert from 'node:assert/strict';
import { duplicateWarning, sameNamed, twinTag, validateNodeName } from '../../../../extension/src/tree/nodeNames';
import { computeNode } from '../support/nodes';

describe('extension tree/nodeNames', () => {
  const nodes = [
    computeNode('a', 'Enabled', { name: 'imaging', createdAt: '2026-03-04 15:04:05.1 +0000 UTC' }),
    computeNode('b', 'Enabled', { name: 'other' }),
  ];

  it('finds a name already in use, ignoring case and surrounding spaces', () => {
    assert.deepEqual(
      sameNamed(nodes, ' Imaging ').map((n) => n.uuid),
      ['a'],
    );
    assert.deepEqual(sameNamed(nodes, 'new'), []);
    assert.deepEqual(sameNamed(nodes, undefined), []);
  });

  it('warns with the other node’s creation time, and says nothing for a fresh name', () => {
    assert.match(
      duplicateWarning(nodes, 'imaging')!,
      /^This account already has a node named "imaging" \(created .*2026.*\): the tree will tell them apart by creation time$/,
    );
    assert.equal(duplicateWarning(nodes, 'fresh'), undefined);
  });

  it('tells twins apart by creation time to the second, and by uuid when that is the same', () => {
    const a = computeNode('aaaaaaaa-1', 'Enabled', { name: 'imaging', createdAt: '2026-03-04 15:04:05.1 +0000 UTC' });
    const b = computeNode('bbbbbbbb-2', 'Pending', { name: 'Imaging', createdAt: '2026-03-04 15:04:09.7 +0000 UTC' });
    const c = computeNode('cccccccc-3', 'Pending', { name: 'imaging', createdAt: '2026-03-04 15:04:09.2 +0000 UTC' });
    assert.equal(twinTag([a, nodes[1]!], a, 'en-GB'), undefined, 'no twin, nothing to add');
    assert.equal(twinTag([a, b], a, 'en-GB'), 'created 4 Mar 2026, 15:04:05');
    assert.equal(twinTag([a, b], b, 'en-GB'), 'created 4 Mar 2026, 15:04:09');
    assert.equal(
      twinTag([a, b, c], c, 'en-GB'),
      'created 4 Mar 2026, 15:04:09 #cccccccc',
      'same second: the uuid decides',
    );
    assert.equal(twinTag([a, b, c], a, 'en-GB'), 'created 4 Mar 2026, 15:04:05');
    const undated = computeNode('dddddddd-4', 'Enabled', { name: 'imaging', createdAt: '' });
    assert.equal(twinTag([a, undated], undated, 'en-GB'), '#dddddddd');
  });

  it('keeps names simple', () => {
    assert.equal(validateNodeName('imaging-pipeline 2'), undefined);
    assert.match(validateNodeName('-x')!, /start with a letter or digit/);
    assert.match(validateNodeName('x'.repeat(65))!, /64/);
  });
});
