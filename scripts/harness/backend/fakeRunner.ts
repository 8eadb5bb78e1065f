// TEST-ONLY stand-in for the Terraform runner (backend/src/provisioner/terraform.ts): records every
// run, honours the abort signal, reports progress (a plan, then 3 resources), and can be told to
// fail or to hold runs until released.

import type { TerraformResult, TerraformRunOptions } from '../../../backend/src/provisioner/terraform';

export interface FakeRun {
  readonly options: TerraformRunOptions;
  readonly startedAt: number;
}

export interface FakeRunner {
  run(opts: TerraformRunOptions): Promise<TerraformResult>;
  readonly runs: FakeRun[];
  /** The most runs that were in progress at once. */
  readonly maxConcurrent: number;
  readonly active: number;
  /** Makes runs of this node identifier fail with `error` until cleared. */
  failNode(identifier: string, error: string): void;
  /** Holds every new run until `release()` (or until aborted). */
  hold(): void;
  release(): void;
}

/** Resolves after `ms`, or at once when `signal` aborts. */
function waitOrAbort(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Resolves when `signal` aborts (never without one). */
function untilAbort(signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => signal?.addEventListener('abort', () => resolve(), { once: true }));
}

/** A runner that provisions nothing: runs take `delayMs` (20 ms) and succeed unless told otherwise. */
export function createFakeRunner(opts: { delayMs?: number } = {}): FakeRunner {
  const runs: FakeRun[] = [];
  const failures = new Map<string, string>();
  let active = 0;
  let maxConcurrent = 0;
  let gate: Promise<void> | undefined;
  let openGate: (() => void) | undefined;

  return {
    runs,
    get maxConcurrent() {
      return maxConcurrent;
    },
    get active() {
      return active;
    },
    failNode: (identifier, error) => void failures.set(identifier, error),
    hold() {
      gate = new Promise<void>((resolve) => (openGate = resolve));
    },
    release() {
      openGate?.();
      gate = undefined;
    },
    async run(options) {
      const started = Date.now();
      runs.push({ options, startedAt: started });
      active++;
      maxConcurrent = Math.max(maxConcurrent, active);
      try {
        // Progress as the real runner reports it: a plan, then the apply of 3 resources, 1 done while held.
        options.onProgress?.({ stage: 'plan', resourcesDone: 0, resourcesTotal: null });
        const working = options.action === 'apply' ? 'apply' : 'destroy';
        options.onProgress?.({ stage: working, resourcesDone: 1, resourcesTotal: 3 });
        if (gate) await Promise.race([gate, untilAbort(options.signal)]);
        await waitOrAbort(opts.delayMs ?? 20, options.signal);
        const durationMs = Date.now() - started;
        if (options.signal?.aborted)
          return { ok: false, outputs: {}, error: `terraform ${options.action} was cancelled`, durationMs };
        options.onProgress?.({ stage: working, resourcesDone: 3, resourcesTotal: 3 });
        const failure = failures.get(options.vars.node_identifier);
        if (failure) return { ok: false, outputs: {}, error: failure, durationMs };
        const outputs =
          options.action === 'apply'
            ? {
                efs_id: `fs-${options.vars.node_identifier}`,
                compute_node_gateway_url: `https://${options.vars.node_identifier}.gateway.test`,
              }
            : {};
        return { ok: true, outputs, durationMs };
      } finally {
        active--;
      }
    },
  };
}
