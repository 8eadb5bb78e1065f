// pennsieve/permissionChanges: the permission diff of the working tree against git HEAD, per
// role and resource policy, for the extension's Permission Changes view. The server computes it
// (server/src/handlers/permissionChanges.ts); the extension only renders it.

import { RequestType } from 'vscode-languageserver-protocol';
import type { TextRange } from './protocol';

/** A place in a file of the working tree (absent for what only the baseline has). */
export interface ChangeLocation {
  readonly uri: string;
  readonly range: TextRange;
}

/** One line of a subject's delta: a group of requests, a trust principal or a guarantee verdict. */
export interface PermissionChangeEntry {
  /** `added`: newly allowed, trust gained, verdict moved; `removed`: no longer allowed, trust lost. */
  readonly direction: 'added' | 'removed';
  readonly kind: 'permission' | 'trust' | 'verdict';
  /** `unknown`: the answer hinges on a value that could not be resolved (`reason` names it). */
  readonly status: 'yes' | 'unknown';
  /** Newly allowed, trust gained (or undecided), or a verdict that got worse. */
  readonly widening: boolean;
  /** The service prefix (`s3`), `sts` for trust, or the guarantee's rule id (`PG301`). */
  readonly group: string;
  /** `s3:* on arn:aws:s3:::pennsieve-*`, `trust: 111122223333 can sts:AssumeRole`, `PG301 …: proved → counterexample`. */
  readonly label: string;
  /** A concrete request the change lets in (or keeps out), in words. */
  readonly example?: string;
  /** For `unknown`: the value the answer hinges on. */
  readonly reason?: string;
  /** The token that causes it, when it is in the working tree. */
  readonly location?: ChangeLocation;
  /** `main.tf:12`, `main.tf:12 (HEAD)`: where the cause is written, for people. */
  readonly where?: string;
}

/** A role or loose policy whose permissions the working tree changes. */
export interface ChangedSubject {
  /** The role's address or name, or the policy's label (as `prove` names it). */
  readonly subject: string;
  readonly kind: 'role' | 'policy';
  readonly status: 'added' | 'removed' | 'changed';
  /** The lens text: `Since HEAD: + s3:* on pennsieve-*; − nothing`. */
  readonly summary: string;
  /** The file it is written in, relative to its workspace folder. */
  readonly file: string;
  /** Where it is written now (absent for a removed subject). */
  readonly location?: ChangeLocation;
  readonly changes: readonly PermissionChangeEntry[];
}

/** The answer. */
export interface PermissionChangesResult {
  /** `HEAD`. */
  readonly baseline: string;
  /** The `pennsieve.guard.wideningChangesOnly` setting the answer was filtered with. */
  readonly wideningOnly: boolean;
  readonly subjects: readonly ChangedSubject[];
  /**
   * What could not be compared, one line each (a unit that failed, files past the limit, a
   * folder outside git): the view shows each as unknown, never as "no changes".
   */
  readonly notCompared: readonly string[];
  /** Workspace folders inside a git repository (none: the view says there is nothing to compare with). */
  readonly repositories: number;
}

/**
 * Sent by the Permission Changes view after each check the server reports, on saves and on
 * Refresh: the server lists the files git reports changed in each workspace folder (and open
 * unsaved buffers), checks their units as the editor sees them and diffs each against HEAD.
 */
export namespace PermissionChangesRequest {
  export const method = 'pennsieve/permissionChanges' as const;
  /** No parameters (`{}`): every workspace folder is compared. */
  export const type = new RequestType<Record<string, never>, PermissionChangesResult, void>(method);
}
