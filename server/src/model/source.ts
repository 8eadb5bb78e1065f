// Input files and the problems found while reading them.

import type { Loc } from './loc';

export type SourceKind =
  'terraform' | 'terraform-json' | 'cloudformation' | 'policy-json' | 'plan-json' | 'role-template';

/** One input file as the engine sees it: the CLI reads it from disk, the server from a buffer. */
export interface SourceFile {
  /** Stable id used in every Loc: absolute path (CLI) or URI (server). */
  readonly id: string;
  /** Absolute file-system path; Terraform files are grouped into modules by its directory. */
  readonly path: string;
  readonly text: string;
  /** Buffer version when it comes from an editor; used as a cache key with `id`. */
  readonly version?: number;
}

/** A file that could not be read as what it claims to be (bad JSON/HCL/YAML). Reported as PG801. */
export interface ParseProblem {
  readonly message: string;
  readonly loc: Loc;
  /** `info`: input that was not checked but is not malformed (a module whose source is not installed). Default: error. */
  readonly severity?: 'info';
}
