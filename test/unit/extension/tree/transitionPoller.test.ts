import assert from 'node:assert/strict';
import type { ComputeNode } from '../../../../extension/src/api/computeNodes';
import { TransitionPoller } from '../../../../extension/src/tree/transitionPoller';
import { fakeTimers } from '../support/fakeTimers';
import { computeNode } from '../support/nodes';

function setup(answers: Map<string, (ComputeNode | undefined | Error)[]>) {
  const timers = fakeTimers();
  const changes: [string, string | undefined][] = [];
  const errors: string[] = [];
  const fetched: string[] = [];
  const poller = new TransitionPoller({
    fetchNode: async (uuid) => {
      fetched.push(uuid);
      const next = answers.get(uuid)!.shift();
      if (next instanceof Error) throw next;
      return next;
    },
    onChange: (uuid, node) => changes.push([uuid, node?.status]),
    onError: (uuid) => errors.push(uuid),
    intervalMs: () => 1000,
    timers,
  });
  return { timers, poller, changes, errors, fetched };
}

describe('extension tree/transitionPoller', () => {
  it('polls only transitional nodes', () => {
    const { poller, timers } = setup(new Map());
    poller.trackAll([
      computeNode('a', 'Enabled'),
      computeNode('b', 'Pending'),
      computeNode('c', 'Destroying'),
      computeNode('d', 'Failed'),
    ]);
    assert.equal(poller.size, 2);
    assert.deepEqual(timers.pending(), [1000, 1000]);
  });

  it('polls at a steady interval while nothing changes, reports the change, and stops once settled', async () => {
    const pending = computeNode('a', 'Pending');
    const { poller, timers, changes } = setup(
      new Map([['a', [pending, pending, pending, pending, computeNode('a', 'Enabled')]]]),
    );
    poller.track(pending);
    const delays: number[] = [];
    while (timers.pending().length) {
      delays.push(timers.pending()[0]!);
      await timers.runNext();
    }
    assert.deepEqual(delays, [1000, 1000, 1000, 1000, 1000]);
    assert.deepEqual(changes, [['a', 'Enabled']]);
    assert.equal(poller.size, 0, 'polling stopped');
  });

  it('treats a 404 (undefined) during Destroying as gone', async () => {
    const { poller, timers, changes } = setup(new Map([['a', [undefined]]]));
    poller.track(computeNode('a', 'Destroying'));
    const settled = poller.waitUntilSettled('a');
    await timers.runNext();
    assert.deepEqual(changes, [['a', undefined]]);
    assert.deepEqual(await settled, { node: undefined });
    assert.equal(timers.pending().length, 0);
  });

  it('resolves waiters with the settled node and keeps polling after an error', async () => {
    const { poller, timers, errors } = setup(
      new Map([['a', [new Error('network'), computeNode('a', 'Failed', { statusReason: 'boom' })]]]),
    );
    poller.track(computeNode('a', 'Pending'));
    const settled = poller.waitUntilSettled('a');
    await timers.runNext();
    assert.deepEqual(errors, ['a']);
    await timers.runNext();
    assert.equal((await settled).node?.statusReason, 'boom');
  });

  it('lets a waiter stop following without stopping the polling', async () => {
    const { poller } = setup(new Map());
    poller.track(computeNode('a', 'Pending'));
    const abort = new AbortController();
    const waiting = poller.waitUntilSettled('a', abort.signal);
    abort.abort(new Error('stopped following'));
    await assert.rejects(waiting, /stopped following/);
    assert.ok(poller.isTracking('a'));
  });

  it('untracks nodes that a fresh list shows settled, and clears every timer on dispose', () => {
    const { poller, timers } = setup(new Map());
    poller.trackAll([computeNode('a', 'Pending'), computeNode('b', 'Pending')]);
    poller.trackAll([computeNode('a', 'Enabled'), computeNode('b', 'Pending')]);
    assert.deepEqual([poller.isTracking('a'), poller.isTracking('b')], [false, true]);
    poller.dispose();
    assert.equal(timers.pending().length, 0);
    poller.track(computeNode('c', 'Pending'));
    assert.equal(poller.size, 0, 'a disposed poller starts nothing');
  });

  it('handles 500 transitional nodes with one timer each and no work until they are due', () => {
    const { poller, timers, fetched } = setup(new Map());
    const nodes = Array.from({ length: 500 }, (_, i) => computeNode(`n${i}`, i % 2 ? 'Pending' : 'Enabled'));
    const t = performance.now();
    poller.trackAll(nodes);
    const ms = performance.now() - t;
    assert.equal(timers.pending().length, 250);
    assert.equal(fetched.length, 0);
    assert.ok(ms < 50, `tracking 500 nodes took ${ms.toFixed(1)} ms`);
  });
});
