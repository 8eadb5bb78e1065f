// The engine's limits on untrusted input (a repository someone cloned). Each is far above what
// real IAM, Terraform or CloudFormation needs; an input that reaches one is not checked there and
// gets a PG801 finding at the place it was hit, while the rest of the input is still checked.

import type { Loc } from '../model/loc';
import type { ParseProblem } from '../model/source';

/** The limits, in one place (documented in docs/rules.md, PG801). */
export const LIMITS = {
  /**
   * Characters of one Terraform or YAML file; a larger file is reported, not parsed. Reading,
   * evaluating and checking this much takes about a second of CPU.
   */
  fileChars: 512 * 1024,
  /** Characters of one JSON document (CloudFormation's own maximum template size; JSON reads fast). */
  jsonChars: 1024 * 1024,
  /** Nesting of brackets, blocks, YAML levels, template directives and evaluated values. */
  nesting: 128,
  /** Nested evaluations (one expression's value needing another's) in one module or template. */
  evalDepth: 400,
  /** Evaluation steps (expressions, and elements of new collections) in one module or template; a 2,000-line module takes about 3,000. */
  evalSteps: 500_000,
  /** Elements plus string characters of one evaluated value, shared parts counted each time they are used. */
  valueSize: 2_000_000,
  /** Terraform module calls nested in one another (root → a → b is 2). */
  moduleDepth: 32,
  /** Terraform module calls followed from one root module, all levels together. */
  moduleCalls: 1000,
  /** Syntax errors reported in one document (then one PG801 for the limit). */
  syntaxErrors: 100,
  /** Syntax errors past which what the parser recovered of a document is not read at all. */
  syntaxErrorsRead: 1000,
  /** Bytes `file()` and `templatefile()` read from one file. */
  readBytes: 1024 * 1024,
} as const;

/** Thrown inside a front end when an input reaches a limit; caught where the input can be reported. */
export class LimitError extends Error {
  constructor(readonly detail: string) {
    super(`beyond the checker's limits: ${detail}`);
    this.name = 'LimitError';
  }
}

/** The PG801 problem for a limit reached at `loc`; `detail` says which limit, e.g. "nested deeper than 128 levels". */
export function limitProblem(loc: Loc, detail: string): ParseProblem {
  return { message: `Not checked, beyond the checker's limits: ${detail}`, loc };
}

/** The unknown-value reason for a value that was not evaluated because of a limit. */
export function limitReason(detail: string): string {
  return `the value is beyond the checker's limits (${detail})`;
}

/** True for the RangeError V8 throws when the stack overflows. */
export function isStackOverflow(err: unknown): boolean {
  return err instanceof RangeError && /call stack/i.test(err.message);
}
