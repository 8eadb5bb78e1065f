// A FIFO limit on simultaneous Terraform runs.

export interface RunQueue {
  /**
   * Waits for a free slot and returns its release function, or undefined when `signal` aborts
   * first (the caller then runs nothing and releases nothing).
   */
  acquire(signal?: AbortSignal): Promise<(() => void) | undefined>;
  readonly running: number;
  readonly waiting: number;
}

export function createRunQueue(limit: number): RunQueue {
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`the run limit must be a positive integer: ${limit}`);
  let running = 0;
  const waiters: Array<() => void> = [];

  const release = () => {
    const next = waiters.shift();
    if (next) next();
    else running--;
  };

  return {
    get running() {
      return running;
    },
    get waiting() {
      return waiters.length;
    },
    acquire(signal) {
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
        const onAbort = () => {
          const i = waiters.indexOf(grant);
          if (i >= 0) waiters.splice(i, 1);
          resolve(undefined);
        };
        waiters.push(grant);
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
