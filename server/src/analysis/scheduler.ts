// When units are checked: per unit, a short debounce that adapts to how long the unit's checks
// take and restarts with every change (edits queued in the connection arrive one per event-loop
// turn, so a burst sent at once becomes one check), but never delays the first change of a burst
// by more than maxWaitMs; never two checks of a unit at once (changes arriving during a check
// trigger exactly one more). While the unit's edits are received but not yet applied (`isHeld`),
// its check waits for them, up to MAX_HOLD_MS after the burst's first change.

/** Debounce bounds. */
export interface SchedulerOptions {
  /** Shortest wait after the first change of a burst, in ms. */
  readonly minDelayMs: number;
  /** Longest wait, in ms (reached when checks are slow). */
  readonly maxDelayMs: number;
  /** Longest time a change waits for its check while further changes keep arriving, in ms. */
  readonly maxWaitMs?: number;
}

/**
 * A check of one unit; `since` is when the oldest change it covers arrived (performance.now()).
 * Resolves with the check's CPU cost in ms (what the debounce adapts to; waits on git do not
 * count), or ABANDONED when it gave up for a newer check, which then also answers for `since`.
 */
export type RunUnit = (unit: string, since: number) => Promise<number | void | typeof ABANDONED>;

/** What a run returns when it was abandoned for the check queued after it. */
export const ABANDONED = Symbol('abandoned');

interface UnitState {
  timer?: ReturnType<typeof setTimeout>;
  running: boolean;
  again: boolean;
  since?: number;
  /** Moving average of run durations, ms. */
  avgMs: number;
}

/** Bounds for typing: a pause of 1–10 ms ends a burst; a burst is gathered for at most 40 ms. */
export const DEFAULT_SCHEDULER_OPTIONS: SchedulerOptions = { minDelayMs: 1, maxDelayMs: 10, maxWaitMs: 40 };

/** Longest a check waits for edits already received (they are applied within a few event-loop turns). */
export const MAX_HOLD_MS = 1000;

/** Per-unit scheduling of checks; see the file comment. */
export class CheckScheduler {
  private readonly units = new Map<string, UnitState>();

  constructor(
    private readonly run: RunUnit,
    private readonly onError: (unit: string, err: unknown) => void,
    private readonly opts: SchedulerOptions = DEFAULT_SCHEDULER_OPTIONS,
    private readonly isHeld: (unit: string) => boolean = () => false,
  ) {}

  /** Asks for a check of `unit` soon. */
  schedule(unit: string): void {
    const s = this.state(unit);
    s.since ??= performance.now();
    if (s.running) {
      s.again = true;
      return;
    }
    this.arm(unit, s);
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
   * check. Changes during a check queue exactly one more check, after the same pause.
   */
  private delayFor(s: UnitState): number {
    return Math.round(Math.min(this.opts.maxDelayMs, Math.max(this.opts.minDelayMs, s.avgMs / 8)));
  }

  /** (Re)starts the wait for a pause: delayFor(s), but no later than maxWaitMs after the burst's first change. */
  private arm(unit: string, s: UnitState): void {
    if (s.timer) clearTimeout(s.timer);
    const left = (s.since ?? performance.now()) + (this.opts.maxWaitMs ?? Infinity) - performance.now();
    s.timer = setTimeout(() => void this.fire(unit, s), Math.max(0, Math.min(this.delayFor(s), left)));
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
    if (this.isHeld(unit) && performance.now() - (s.since ?? 0) < MAX_HOLD_MS) {
      s.timer = setTimeout(() => void this.fire(unit, s), 1);
      return;
    }
    s.running = true;
    const since = s.since ?? performance.now();
    s.since = undefined;
    let cost: number | void | typeof ABANDONED = undefined;
    try {
      cost = await this.run(unit, since);
    } catch (err) {
      this.onError(unit, err);
    } finally {
      if (typeof cost === 'number') s.avgMs = s.avgMs === 0 ? cost : s.avgMs * 0.7 + cost * 0.3;
      // The next check answers for the changes this one gave up on.
      if (cost === ABANDONED) s.since = Math.min(s.since ?? since, since);
      s.running = false;
      // The state (and its average) stays for the next burst.
      if (s.again) {
        s.again = false;
        this.arm(unit, s);
      }
    }
  }
}
