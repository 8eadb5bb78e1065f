// Polling with a deadline: the only way e2e tests wait (no fixed sleeps).

/** Options shared by every `waitFor…` helper. */
export interface WaitOptions {
  /** Milliseconds before giving up. Default 15 000, scaled by `PENNSIEVE_E2E_TIMEOUT_SCALE`. */
  timeout?: number;
  /** Milliseconds between probes. Default 200. */
  interval?: number;
}

/** Multiplies every default timeout; set e.g. `PENNSIEVE_E2E_TIMEOUT_SCALE=2` on a slow machine. */
export function scaled(ms: number): number {
  const scale = Number(process.env.PENNSIEVE_E2E_TIMEOUT_SCALE || '1');
  return Math.round(ms * (Number.isFinite(scale) && scale > 0 ? scale : 1));
}

/** Thrown by a probe to stop waiting at once (the awaited state can no longer come). */
export class WaitAborted extends Error {}

/**
 * Calls `probe` until it returns something other than `undefined`, `null` or `false`, and
 * returns that. On timeout it throws, naming `what` and what `describe` says was last seen.
 * A probe that throws counts as "not yet" (its last error is reported on timeout), except
 * with {@link WaitAborted}, which is rethrown at once.
 */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false>,
  describe?: () => Promise<string> | string,
  options: WaitOptions = {},
): Promise<T> {
  const timeout = options.timeout ?? scaled(15_000);
  const interval = options.interval ?? 200;
  const deadline = Date.now() + timeout;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== null && value !== false) return value;
      lastError = undefined;
    } catch (error) {
      if (error instanceof WaitAborted) throw error;
      lastError = error;
    }
    if (Date.now() >= deadline) break;
    await delay(Math.min(interval, Math.max(0, deadline - Date.now())));
  }
  let seen = '';
  if (describe) {
    try {
      seen = `; last seen: ${await describe()}`;
    } catch (error) {
      seen = `; could not describe the state: ${String(error)}`;
    }
  }
  const cause = lastError ? `; last error: ${lastError instanceof Error ? lastError.message : String(lastError)}` : '';
  throw new Error(`Timed out after ${timeout} ms waiting for ${what}${seen}${cause}`);
}

/** Pause between polls. Never use it as a wait for a UI state. */
function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
