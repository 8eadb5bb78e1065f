// Bounds on evaluating one script: nesting depth and total steps, so that a hostile or generated
// program can neither overflow the stack nor keep the language server busy.

/** Nested evaluations (an expression needing another's value) before the value is given up. */
const MAX_DEPTH = 300;
/** Evaluation steps per file before every further value is given up. */
const MAX_STEPS = 1_000_000;

/** Counts depth and steps; `enter` returns the reason to stop, or undefined to go on. */
export class LimitGuard {
  private depth = 0;
  private steps = 0;

  enter(): string | undefined {
    if (this.depth >= MAX_DEPTH) return `the value is nested more than ${MAX_DEPTH} levels deep, beyond the checker's limits`;
    if (++this.steps > MAX_STEPS) return `the program needs more than ${MAX_STEPS} evaluation steps, beyond the checker's limits`;
    this.depth++;
    return undefined;
  }

  leave(): void {
    this.depth--;
  }
}
