// Bounds on evaluating one Pulumi program: nesting depth and total steps (the engine's LIMITS),
// so that a hostile or generated program can neither overflow the stack nor keep the server busy.

import { LIMITS, limitReason } from '../limits';

const MAX_DEPTH = LIMITS.evalDepth;
const MAX_STEPS = LIMITS.evalSteps;

/** Counts depth and steps; `enter` returns the reason to stop, or undefined to go on. */
export class LimitGuard {
  private depth = 0;
  private steps = 0;

  enter(): string | undefined {
    if (this.depth >= MAX_DEPTH) return limitReason(`nested more than ${MAX_DEPTH} evaluations deep`);
    if (++this.steps > MAX_STEPS) return limitReason(`more than ${MAX_STEPS} evaluation steps`);
    this.depth++;
    return undefined;
  }

  leave(): void {
    this.depth--;
  }
}
