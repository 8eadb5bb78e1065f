// A Terraform run's progress, read from its machine-readable UI (-json): which stage it is in, how
// many resource changes the plan holds and how many have completed.

/** Where a run is: `init`, then `plan` and `apply` (an apply) or `destroy` (a destroy). */
export type RunStage = 'init' | 'plan' | 'apply' | 'destroy';

export interface RunProgress {
  readonly stage: RunStage;
  readonly resourcesDone: number;
  /** Changes in the plan (created, updated and destroyed resources); null until it is known. */
  readonly resourcesTotal: number | null;
}

export interface ProgressTracker {
  /** A new command of the run starts: `plan` and `destroy` reset the counts (a retried apply plans again). */
  enter(stage: RunStage): void;
  /** One event of Terraform's -json UI. */
  event(event: Readonly<Record<string, unknown>>): void;
}

/** An apply hook of a resource change (data sources' reads use the same hooks and are not counted). */
function isChange(e: Readonly<Record<string, unknown>>, type: string): boolean {
  return e['type'] === type && (e['hook'] as { action?: string } | undefined)?.action !== 'read';
}

/** Follows one run for `action`, reporting each change of its progress to `emit`. */
export function createProgressTracker(
  action: 'apply' | 'destroy',
  emit: (progress: RunProgress) => void,
): ProgressTracker {
  let current: RunProgress = { stage: 'init', resourcesDone: 0, resourcesTotal: null };
  const set = (next: Partial<RunProgress>) => {
    const updated = { ...current, ...next };
    if (
      updated.stage === current.stage &&
      updated.resourcesDone === current.resourcesDone &&
      updated.resourcesTotal === current.resourcesTotal
    )
      return;
    current = updated;
    emit(current);
  };
  const working: RunStage = action === 'apply' ? 'apply' : 'destroy';
  return {
    enter(stage) {
      set(stage === 'init' ? { stage } : { stage, resourcesDone: 0, resourcesTotal: null });
    },
    event(e) {
      if (e['type'] === 'change_summary') {
        const changes = e['changes'] as
          { add?: number; change?: number; remove?: number; import?: number; operation?: string } | undefined;
        if (changes?.operation === 'plan')
          set({ resourcesTotal: (changes.add ?? 0) + (changes.change ?? 0) + (changes.remove ?? 0) });
      } else if (isChange(e, 'apply_start')) {
        set({ stage: working });
      } else if (isChange(e, 'apply_complete')) {
        set({ stage: working, resourcesDone: current.resourcesDone + 1 });
      }
    },
  };
}
