// Custom LSP messages for roles someone else created or that lag the template: checking an
// existing role before registering it, and the delta an update to the latest template makes.
// They build on pennsieve/auditRole's shapes (shared/protocol.ts).

import { RequestType } from 'vscode-languageserver-protocol';
import type { AuditRoleParams, AuditRoleResult, AuditSide } from './protocol';

/**
 * What the client puts in place of external IDs before sending a role: the value the user
 * entered becomes `matches`, any other value `other`. The server compares tokens, never secrets.
 */
export const EXTERNAL_ID_TOKENS = { matches: '<the external ID you entered>', other: '<another external ID>' } as const;

/** One pass/fail check with what it found, in words. */
export interface ExistingRoleCheck {
  readonly ok: boolean;
  readonly detail: string;
}

/** The payload of pennsieve/checkExistingRole: the audit's, with external IDs as tokens. */
export type CheckExistingRoleParams = AuditRoleParams & { readonly template: string };

/** The answer: the audit of the live role plus the two registration checks, and the decision. */
export interface CheckExistingRoleResult {
  readonly audit: AuditRoleResult;
  /** The trust names the platform's principal (from the template's trust). */
  readonly principal: ExistingRoleCheck;
  /** Every statement letting the platform in requires exactly the external ID the user entered. */
  readonly externalId: ExistingRoleCheck;
  /** Every guarantee proved, no error finding, no failed rule, both checks passed. */
  readonly accepted: boolean;
  /** Why not, one line each (the first counterexample first). */
  readonly reasons: readonly string[];
}

/**
 * Sent by "Register Existing Role…" once it has read the role with the user's credentials: the
 * server runs the audit (publishing the live document's diagnostics) and the registration checks.
 */
export namespace CheckExistingRoleRequest {
  export const method = 'pennsieve/checkExistingRole' as const;
  export const type = new RequestType<CheckExistingRoleParams, CheckExistingRoleResult, void>(method);
}

/** Resources one service's allows name, added or removed between the live role and the template. */
export interface ServiceResourceDelta {
  readonly service: string;
  readonly resourcesAdded: readonly string[];
  readonly resourcesRemoved: readonly string[];
}

/** The payload of pennsieve/roleUpdate: the live role and the template it would become. */
export type RoleUpdateParams = AuditRoleParams & { readonly template: string };

/** What updating the live role to the template changes, and the guarantees before and after. */
export interface RoleUpdateResult {
  readonly profile: string;
  /** Whether the two differ at all (policy or trust); the command is offered only then. */
  readonly differs: boolean;
  /** The live role's verdicts (before) and the template's (after). */
  readonly before: AuditSide;
  readonly after: AuditSide;
  /** Per service: actions the update adds (template minus live) and removes (live minus template). */
  readonly services: readonly {
    readonly service: string;
    readonly added: readonly string[];
    readonly removed: readonly string[];
  }[];
  readonly resources: readonly ServiceResourceDelta[];
  readonly trustChanged: boolean;
  readonly failedRules: readonly string[];
}

/** Sent by "Update Role to Latest Template…" to see the delta before applying it. */
export namespace RoleUpdateRequest {
  export const method = 'pennsieve/roleUpdate' as const;
  export const type = new RequestType<RoleUpdateParams, RoleUpdateResult, void>(method);
}
