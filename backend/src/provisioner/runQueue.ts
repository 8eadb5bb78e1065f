// A FIFO limit on simultaneous Terraform runs (a taken-over job may go first).

export interface RunQueue {
  /**
   * Waits for a free slot and returns its release function, or undefined when `signal` aborts
   * first (the caller then runs nothing and releases nothing). `first`: ahead of every waiter;
   * `key` names the waiter for {@link RunQueue.promote}.
   */
  acquire(signal?: AbortSignal, first?: boolean, key?: string): Promise<(() => void) | undefined>;
  /** Moves the waiter named `key` ahead of every other; false when none waits under that name. */
  promote(key: string): boolean;
  readonly running: number;
  readonly waiting: number;
}

interface Waiter {
  readonly grant: () => void;
  readonly key?: string;
}

export function createRunQueue(limit: number): RunQueue {
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`the run limit must be a positive integer: ${limit}`);
  let running = 0;
  const waiters: Waiter[] = [];

  const release = () => {
    const next = waiters.shift();
    if (next) next.grant();
    else running--;
  };

  return {
    get running() {
      return running;
    },
    get waiting() {
      return waiters.length;
    },
    promote(key) {
      const i = waiters.findIndex((w) => w.key === key);
      if (i < 0) return false;
      waiters.unshift(...waiters.splice(i, 1));
      return true;
    },
    acquire(signal, first = false, key) {
      if (signal?.aborted) return Promise.resolve(undefined);
      if (running < limit) {
        running++;
        return Promise.resolve(once(release));
      }
      return new Promise((resolve) => {
        // The slot passes straight from the releasing run to this waiter (running stays the same).
        const grant = () => {
          signal?.removeEventListener('abort', onAbort);
          resolve(once(release));
        };
        const waiter: Waiter = { grant, key };
        const onAbort = () => {
          const i = waiters.indexOf(waiter);
          if (i >= 0) waiters.splice(i, 1);
          resolve(undefined);
        };
        if (first) waiters.unshift(waiter);
        else waiters.push(waiter);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
  };
}

function once(fn: () => void): () => void {
  let done = false;
  return () => {
    if (!done) {
      done = true;
      fn();
    }
  };
}
