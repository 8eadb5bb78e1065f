import assert from 'node:assert/strict';
import { elapsedText, progressMessage, stageText } from '../../../../extension/src/tree/progressText';
import { computeNode } from '../support/nodes';

describe('extension tree/progressText', () => {
  it('names the stage, with resources done out of total while applying or destroying', () => {
    assert.equal(stageText({}), undefined, 'production sends no stage');
    assert.equal(stageText({ provisioning: { stage: 'plan', resourcesDone: 0 } }), 'planning');
    assert.equal(
      stageText({ provisioning: { stage: 'apply', resourcesDone: 12, resourcesTotal: 19 } }),
      'applying: 12 of 19 resources',
    );
    assert.equal(stageText({ provisioning: { stage: 'destroy', resourcesDone: 3 } }), 'destroying: 3 resources');
    assert.equal(stageText({ provisioning: { stage: 'validate' } }), 'validate', 'an unknown stage is shown as sent');
  });

  it('counts elapsed time in seconds, minutes and hours', () => {
    assert.deepEqual(
      [elapsedText(999), elapsedText(45_000), elapsedText(125_000), elapsedText(3_720_000)],
      ['0 s', '45 s', '2 min 05 s', '1 h 02 min'],
    );
  });

  it('measures from the backend’s start when it gives one, else from when following began', () => {
    const now = Date.parse('2026-05-01T12:02:00Z');
    const staged = computeNode('a', 'Pending', {
      provisioning: { stage: 'apply', resourcesDone: 2, resourcesTotal: 4, startedAt: '2026-05-01T12:00:00Z' },
    });
    assert.equal(progressMessage(staged, now - 5000, now), 'Pending · applying: 2 of 4 resources · 2 min 00 s elapsed');
    assert.equal(progressMessage(computeNode('a', 'Pending'), now - 5000, now), 'Pending · 5 s elapsed');
  });
});
