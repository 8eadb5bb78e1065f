// Custom LSP messages between the extension and the pennsieve-guard language server, and the
// shape of the data the server puts on its diagnostics. One namespace per message.

import { NotificationType, RequestType, RequestType0 } from 'vscode-languageserver-protocol';

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
 * notifications: the extension's language status item shows it for the active file (counts,
 * profile, time, or why the check failed), and benchmarks take it as a precise end mark.
 */
export namespace StatusNotification {
  export const method = 'pennsieve/status' as const;
  export const type = new NotificationType<StatusParams>(method);
}

/**
 * Sent by the client's "Pennsieve: Re-check All Files" command (also the language status item's
 * action) to drop every cache (profiles, git HEAD baselines, files read from disk) and check
 * every open document again.
 */
export namespace RecheckRequest {
  export const method = 'pennsieve/recheck' as const;
  export const type = new RequestType0<void, void>(method);
}

/** A position in a text: 0-based line and UTF-16 character, as LSP counts them. */
export interface TextPosition {
  readonly line: number;
  readonly character: number;
}

/** One finding of an audit, located in the text the request sent. */
export interface AuditFinding {
  readonly ruleId: string;
  readonly severity: 'error' | 'warning' | 'info';
  readonly message: string;
  readonly range: { readonly start: TextPosition; readonly end: TextPosition };
}

/** What the check of one role document found. */
export interface AuditSide {
  readonly findings: readonly AuditFinding[];
  readonly counts: { readonly error: number; readonly warning: number; readonly info: number };
  /** Each guarantee the profile declares for the role, with its verdict (as pennsieve/guarantees gives them). */
  readonly guarantees: readonly GuaranteeSubject[];
}

/**
 * Actions that one service's permissions gained or lost between the template and the live role
 * (the live role minus the template, and the template minus the live role), expanded with the
 * server's action catalog. An allow counts whatever its resources and conditions; so does a deny.
 */
export interface ServiceDrift {
  /** The service prefix, e.g. `iam`. */
  readonly service: string;
  readonly allowsAdded: readonly string[];
  readonly allowsRemoved: readonly string[];
  readonly deniesAdded: readonly string[];
  readonly deniesRemoved: readonly string[];
}

/** The live role against the template: per service, and the principals its trust policy allows. */
export interface RoleDrift {
  /** Only services with a change, sorted by prefix. */
  readonly services: readonly ServiceDrift[];
  readonly trustedAdded: readonly string[];
  readonly trustedRemoved: readonly string[];
}

/** The payload of pennsieve/auditRole. */
export interface AuditRoleParams {
  /** The URI the live role is shown under (`pennsieve-live:/<account>/<role>.json`); the server publishes its diagnostics there. */
  readonly uri: string;
  /** The live role as a role-template document (JSON): trust policy, session limit, boundary, merged identity policies. */
  readonly text: string;
  /** The template `GET /role-policy` serves, as the account registered it (same shape); absent: no drift. */
  readonly template?: string;
  /** The workspace folder whose profile applies (`file:` URI); absent: the built-in default. */
  readonly folderUri?: string;
}

/** The answer to pennsieve/auditRole: this run's verdicts, never a cached earlier one. */
export interface AuditRoleResult {
  /** The profile in force: `builtin:pennsieve` or a file path. */
  readonly profile: string;
  /** Why the configured profile could not be used (the default was). */
  readonly profileError?: string;
  readonly live: AuditSide;
  readonly template?: AuditSide;
  readonly drift?: RoleDrift;
  /** Rules that failed on the live role: the audit is incomplete, and says so. */
  readonly failedRules: readonly string[];
  /** Engine time for both documents, in ms. */
  readonly checkMs: number;
}

/**
 * Sent by the client's "Audit Deployed Role" command once it has read the live role with the
 * user's own AWS credentials. The server checks the text with the same engine and profile as any
 * document, publishes the diagnostics for `uri`, and answers with the findings of both sides and
 * the drift from the template.
 */
export namespace AuditRoleRequest {
  export const method = 'pennsieve/auditRole' as const;
  export const type = new RequestType<AuditRoleParams, AuditRoleResult, void>(method);
}

/** A range in a text: 0-based lines and UTF-16 characters. */
export interface TextRange {
  readonly start: TextPosition;
  readonly end: TextPosition;
}

/** The three verdicts of a guarantee, never a fourth. */
export type GuaranteeVerdict = 'proved' | 'counterexample' | 'unknown';

/** A request that breaks a guarantee (the CLI's `counterexample` object, with LSP locations). */
export interface GuaranteeCounterexample {
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  /** Context keys as the request carries them; null: the key is absent. */
  readonly context: Readonly<Record<string, string | readonly string[] | null>>;
  readonly allowedBy: { readonly uri: string; readonly range: TextRange } | null;
  readonly denies: readonly { readonly uri: string; readonly range: TextRange; readonly why: string }[];
}

/** One guarantee of one role or policy. */
export interface GuaranteeEntry {
  /** The rule id, e.g. `PG301`. */
  readonly ruleId: string;
  readonly title: string;
  readonly verdict: GuaranteeVerdict;
  /** Counterexample: what breaks; unknown: which value could not be resolved. */
  readonly reason?: string;
  /** Where the finding is (absent when proved). */
  readonly location?: { readonly uri: string; readonly range: TextRange };
  readonly counterexample?: GuaranteeCounterexample;
}

/** A role (cross-account, child or processor), a permissions boundary or a loose policy. */
export interface GuaranteeSubject {
  /** The role's address or name, or the policy's address or file. */
  readonly subject: string;
  readonly kind: 'crossAccount' | 'child' | 'processor' | 'boundary' | 'policy' | 'resource';
  /** Where it is written in the requested document. */
  readonly range: TextRange;
  readonly guarantees: readonly GuaranteeEntry[];
}

/** The payload of pennsieve/guarantees. */
export interface GuaranteesParams {
  readonly textDocument: { readonly uri: string };
}

/** The answer: the subjects written in that document (possibly none), from the latest check. */
export interface GuaranteesResult {
  /** The profile in force: `builtin:pennsieve` or a file path. */
  readonly profile: string;
  readonly subjects: readonly GuaranteeSubject[];
}

/**
 * Sent by the client (the Guarantees view) for the document it shows: per role and policy
 * written in it, each guarantee the profile declares with ✓ proved, ✗ counterexample (with the
 * request) or ? unknown (with the value). The same table as `pennsieve-guard prove`.
 */
export namespace GuaranteesRequest {
  export const method = 'pennsieve/guarantees' as const;
  export const type = new RequestType<GuaranteesParams, GuaranteesResult, void>(method);
}
