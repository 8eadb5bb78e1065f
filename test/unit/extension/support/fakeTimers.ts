// Manual timers for polling tests: nothing runs until the test advances the clock.

import type { Timers } from '../../../../extension/src/tree/transitionPoller';

export interface FakeTimers extends Timers {
  readonly now: number;
  /** Pending timer delays, soonest first. */
  pending(): number[];
  /** Advances to the next timer, runs it, and lets its promise chain settle. */
  runNext(): Promise<void>;
}

export function fakeTimers(): FakeTimers {
  let now = 0;
  let seq = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const flush = () => new Promise<void>((r) => setImmediate(r));
  return {
    get now() {
      return now;
    },
    setTimeout(fn, ms) {
      const id = ++seq;
      timers.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    pending() {
      return [...timers.values()].map((t) => t.at - now).sort((a, b) => a - b);
    },
    async runNext() {
      const next = [...timers.entries()].sort((a, b) => a[1].at - b[1].at)[0];
      if (!next) throw new Error('no timer pending');
      timers.delete(next[0]);
      now = next[1].at;
      next[1].fn();
      for (let i = 0; i < 5; i++) await flush();
    },
  };
}
