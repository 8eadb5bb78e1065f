// Custom LSP messages between the extension and the pennsieve-guard language server, and the
// shape of the data the server puts on its diagnostics. One namespace per message.

import { NotificationType, RequestType0 } from 'vscode-languageserver-protocol';

/** Diagnostic `source` of every finding the server publishes. */
export const DIAGNOSTIC_SOURCE = 'pennsieve-guard';

/** Suffix the server appends to the message of a finding that is new relative to git HEAD. */
export const NEW_FINDING_SUFFIX = ' (new since HEAD)';

/** What `Diagnostic.data` carries for a pennsieve-guard diagnostic. */
export interface GuardDiagnosticData {
  /** True when the finding is not present in the same file(s) at git HEAD. */
  readonly isNew: boolean;
  /** The engine's fix hint (`{ kind: 'addBoundary', ... }`) when the rule offers a quick fix. */
  readonly fix?: { readonly kind: string } & Readonly<Record<string, unknown>>;
  /** Document version the diagnostic was computed for. */
  readonly version?: number;
}

/** Finding counts of one check, by severity, plus how many are new since HEAD. */
export interface StatusCounts {
  readonly error: number;
  readonly warning: number;
  readonly info: number;
  readonly new: number;
}

/** The payload of pennsieve/status. */
export interface StatusParams {
  /** The unit checked: a Terraform module directory or a document URI. */
  readonly unit: string;
  /** Every document whose diagnostics this check published. */
  readonly uris: readonly string[];
  readonly state: 'ok' | 'failed';
  /** From the first change that triggered the check to publishDiagnostics, in ms. */
  readonly durationMs: number;
  /** Time spent in the engine itself, in ms. */
  readonly checkMs: number;
  /** Counts of the published findings (after the newFindingsOnly filter). */
  readonly counts: StatusCounts;
  /** The profile in force: `builtin:pennsieve` or a file path. */
  readonly profile: string;
  /** Why the check failed, or a profile problem worth showing. */
  readonly message?: string;
}

/**
 * Sent by the server after every check of a unit, right after its publishDiagnostics
 * notifications: drives the status bar item and gives benchmarks a precise end mark.
 */
export namespace StatusNotification {
  export const method = 'pennsieve/status' as const;
  export const type = new NotificationType<StatusParams>(method);
}

/**
 * Sent by the client (a "re-check" command) to drop every cache (profiles, git HEAD
 * baselines, files read from disk) and check every open document again.
 */
export namespace RecheckRequest {
  export const method = 'pennsieve/recheck' as const;
  export const type = new RequestType0<void, void>(method);
}
