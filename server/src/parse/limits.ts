// The engine's limits on untrusted input (a repository someone cloned). Each is far above what
// real IAM, Terraform or CloudFormation needs; an input that reaches one is not checked there and
// gets a PG801 finding at the place it was hit, while the rest of the input is still checked.

import type { Loc } from '../model/loc';
import type { ParseProblem } from '../model/source';

/** The limits, in one place (documented in docs/rules.md, PG801). */
export const LIMITS = {
  /** Characters of one source file; a larger file is reported, not parsed (CloudFormation's own limit is 1 MB). */
  fileChars: 1024 * 1024,
  /** Characters of one YAML file (the `yaml` library reads about 0.5 MB a second). */
  yamlChars: 512 * 1024,
  /** Nesting of brackets, blocks, YAML levels, template directives and evaluated values. */
  nesting: 128,
  /** Nested evaluations (one expression's value needing another's) in one module or template. */
  evalDepth: 400,
  /** Expression evaluations in one module (or intrinsic evaluations in one template). */
  evalSteps: 2_000_000,
  /** Nodes of one evaluated value, counting shared parts every time they are used. */
  valueNodes: 250_000,
  /** Characters of one evaluated string. */
  stringChars: 1024 * 1024,
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
