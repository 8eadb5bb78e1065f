// The per-unit scheduler: bursts coalesce, a unit never runs twice at once, a change during a
// run causes exactly one more run, and the debounce stays within its bounds.

import { strict as assert } from 'node:assert';
import { CheckScheduler } from '../../../../server/src/analysis/scheduler';

/** A promise with its resolve function, for runs the test finishes by hand. */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** Resolves when `test()` holds, polling once per event-loop turn, with a deadline. */
async function until(test: () => boolean, timeoutMs = 2000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setImmediate(r));
  }
}

describe('check scheduler (analysis/scheduler)', () => {
  it('coalesces a burst into one run', async () => {
    const runs: string[] = [];
    const s = new CheckScheduler(
      async (u) => void runs.push(u),
      (_u, e) => assert.fail(String(e)),
      { minDelayMs: 1, maxDelayMs: 5 },
    );
    for (let i = 0; i < 50; i++) s.schedule('a');
    s.schedule('b');
    await until(() => runs.length === 2);
    assert.deepEqual(runs.sort(), ['a', 'b']);
    s.dispose();
  });

  it('never runs a unit twice at once; changes during a run cause one more run', async () => {
    let active = 0;
    let maxActive = 0;
    const gates: ReturnType<typeof deferred>[] = [];
    const s = new CheckScheduler(
      async () => {
        active++;
        maxActive = Math.max(maxActive, active);
        const g = deferred();
        gates.push(g);
        await g.promise;
        active--;
        return 10;
      },
      (_u, e) => assert.fail(String(e)),
      { minDelayMs: 1, maxDelayMs: 5 },
    );
    s.schedule('a');
    await until(() => gates.length === 1);
    for (let i = 0; i < 10; i++) s.schedule('a');
    assert.equal(s.isPending('a'), true, 'a newer check is queued');
    gates[0].resolve();
    await until(() => gates.length === 2);
    gates[1].resolve();
    await until(() => active === 0 && !s.isPending('a'));
    assert.equal(gates.length, 2);
    assert.equal(maxActive, 1);
    s.dispose();
  });

  it('reports a failing run and keeps scheduling', async () => {
    const errors: unknown[] = [];
    let n = 0;
    const s = new CheckScheduler(
      async () => {
        n++;
        if (n === 1) throw new Error('boom');
      },
      (_u, e) => errors.push(e),
      { minDelayMs: 1, maxDelayMs: 5 },
    );
    s.schedule('a');
    await until(() => errors.length === 1);
    s.schedule('a');
    await until(() => n === 2);
    assert.equal((errors[0] as Error).message, 'boom');
    s.dispose();
  });

  it('cancel drops a pending run', async () => {
    const runs: string[] = [];
    const s = new CheckScheduler(
      async (u) => void runs.push(u),
      () => undefined,
      { minDelayMs: 5, maxDelayMs: 5 },
    );
    s.schedule('a');
    s.cancel('a');
    s.schedule('b');
    await until(() => runs.length > 0);
    assert.deepEqual(runs, ['b'], 'a timer set after the cancelled one has fired; the cancelled run never did');
    s.dispose();
  });

  it('waits while the unit has edits received but not applied, then runs once', async () => {
    const runs: number[] = [];
    let held = true;
    const s = new CheckScheduler(
      async () => void runs.push(performance.now()),
      () => undefined,
      { minDelayMs: 1, maxDelayMs: 1, maxWaitMs: 1 },
      () => held,
    );
    s.schedule('a');
    await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(runs, [], 'no check of text that edits already received will change');
    held = false;
    await until(() => runs.length === 1);
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(runs.length, 1);
    s.dispose();
  });
});
