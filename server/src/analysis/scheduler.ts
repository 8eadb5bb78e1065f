// When units are checked: per unit, a short debounce that adapts to how long the unit's checks
// take, bursts coalesced into one check, never two checks of a unit at once (changes arriving
// during a check trigger exactly one more).

/** Debounce bounds. */
export interface SchedulerOptions {
  /** Shortest wait after the first change of a burst, in ms. */
  readonly minDelayMs: number;
  /** Longest wait, in ms (reached when checks are slow). */
  readonly maxDelayMs: number;
}

/**
 * A check of one unit; `since` is when the first change it covers arrived (performance.now()).
 * Resolves with the check's CPU cost in ms (what the debounce adapts to; waits on git do not count).
 */
export type RunUnit = (unit: string, since: number) => Promise<number | void>;

interface UnitState {
  timer?: ReturnType<typeof setTimeout>;
  running: boolean;
  again: boolean;
  since?: number;
  /** Moving average of run durations, ms. */
  avgMs: number;
}

/** Bounds for typing: a burst is gathered for at most 10 ms. */
export const DEFAULT_SCHEDULER_OPTIONS: SchedulerOptions = { minDelayMs: 1, maxDelayMs: 10 };

/** Per-unit scheduling of checks; see the file comment. */
export class CheckScheduler {
  private readonly units = new Map<string, UnitState>();

  constructor(
    private readonly run: RunUnit,
    private readonly onError: (unit: string, err: unknown) => void,
    private readonly opts: SchedulerOptions = DEFAULT_SCHEDULER_OPTIONS,
  ) {}

  /** Asks for a check of `unit` soon. */
  schedule(unit: string): void {
    const s = this.state(unit);
    s.since ??= performance.now();
    if (s.running) {
      s.again = true;
      return;
    }
    if (s.timer) return;
    s.timer = setTimeout(() => void this.fire(unit, s), this.delayFor(s));
  }

  /** Drops a pending check (a running one finishes; its caller decides whether to publish). */
  cancel(unit: string): void {
    const s = this.units.get(unit);
    if (!s) return;
    if (s.timer) clearTimeout(s.timer);
    s.timer = undefined;
    s.again = false;
    s.since = undefined;
    if (!s.running) this.units.delete(unit);
  }

  /** True when a check of `unit` is waiting to run (its current result is about to be replaced). */
  isPending(unit: string): boolean {
    const s = this.units.get(unit);
    return !!s && (!!s.timer || s.again);
  }

  dispose(): void {
    for (const unit of [...this.units.keys()]) this.cancel(unit);
  }

  /**
   * An eighth of the typical check time, within bounds: quick units start at once; slow ones wait
   * a few ms so changes sent together (a paste, a multi-cursor edit, key repeat) land in one
   * check. Changes during a check never wait for this: they queue exactly one more check.
   */
  private delayFor(s: UnitState): number {
    return Math.round(Math.min(this.opts.maxDelayMs, Math.max(this.opts.minDelayMs, s.avgMs / 8)));
  }

  private state(unit: string): UnitState {
    let s = this.units.get(unit);
    if (!s) {
      s = { running: false, again: false, avgMs: 0 };
      this.units.set(unit, s);
    }
    return s;
  }

  private async fire(unit: string, s: UnitState): Promise<void> {
    s.timer = undefined;
    s.running = true;
    const since = s.since ?? performance.now();
    s.since = undefined;
    let cost: number | void = undefined;
    try {
      cost = await this.run(unit, since);
    } catch (err) {
      this.onError(unit, err);
    } finally {
      if (typeof cost === 'number') s.avgMs = s.avgMs === 0 ? cost : s.avgMs * 0.7 + cost * 0.3;
      s.running = false;
      // The state (and its average) stays for the next burst.
      if (s.again) {
        s.again = false;
        s.timer = setTimeout(() => void this.fire(unit, s), 0);
      }
    }
  }
}
