// The live cross-account role as one role-template document (the shape /role-policy returns),
// and the guarantee engine run over it in-process. No editor types here.

import type { LiveRole } from '../aws/crossAccountRole';
import { externalIdOf, withExternalIdValue } from '../aws/trustPolicy';
import { maskSecret } from '../util/mask';
import type { createEngine } from '../../../server/src/engine/createEngine';
import type { loadProfile } from '../../../server/src/engine/loadProfile';

/** The parts of the guarantee engine the audit uses. */
export interface GuardEngine {
  readonly createEngine: typeof createEngine;
  readonly loadProfile: typeof loadProfile;
}

/** Loads the engine on first use: it and its action catalog are large, and most sessions never audit. */
export async function loadGuardEngine(): Promise<GuardEngine> {
  const [engine, profiles] = await Promise.all([
    import('../../../server/src/engine/createEngine'),
    import('../../../server/src/engine/loadProfile'),
  ]);
  return { createEngine: engine.createEngine, loadProfile: profiles.loadProfile };
}

export interface AuditFinding {
  readonly ruleId: string;
  readonly severity: 'error' | 'warning' | 'info';
  readonly message: string;
  /** UTF-16 offsets into the document text. */
  readonly start: number;
  readonly end: number;
}

export interface AuditResult {
  readonly findings: readonly AuditFinding[];
  /** The profile in force: `builtin:pennsieve` or a file path. */
  readonly profile: string;
  /** Rules that crashed (the engine skips them); worth a log line. */
  readonly failedRules: readonly string[];
}

type Json = Record<string, unknown>;

function statementsOf(doc: Json): unknown[] {
  const s = doc.Statement;
  return Array.isArray(s) ? s : s ? [s] : [];
}

/**
 * The role as a role template: trust policy, session limit, and every identity policy (inline
 * and attached) merged into one `policyDocument`, which IAM evaluates the same way (the union
 * of allows, any deny wins). `sources` says where each part came from.
 */
export function liveRoleDocument(live: LiveRole): string {
  const policies = [...live.inline, ...live.attached];
  const doc = {
    roleName: live.roleName,
    arn: live.arn,
    maxSessionDuration: live.maxSessionDuration,
    permissionsBoundary: live.permissionsBoundaryArn,
    // The document is shown in an editor: the external ID appears masked, like everywhere else.
    trustPolicyDocument: maskExternalId(live.trustPolicy),
    policyDocument: { Version: '2012-10-17', Statement: policies.flatMap((p) => statementsOf(p.document)) },
    sources: {
      inlinePolicies: live.inline.map((p) => p.name),
      attachedPolicies: live.attached.map((p) => p.arn ?? p.name),
    },
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

function maskExternalId(trust: Json): Json {
  const id = externalIdOf(trust);
  return id ? withExternalIdValue(trust, maskSecret(id)) : trust;
}

/**
 * Runs the guarantee engine on one document. `profileSpec` is `pennsieve.guard.profile` ("" =
 * the workspace profile file found from `cwd`, else the built-in `pennsieve`).
 */
export function auditRoleDocument(
  engine: GuardEngine,
  doc: { readonly id: string; readonly path: string; readonly text: string },
  profileSpec: string,
  cwd: string,
): AuditResult {
  const profile = engine.loadProfile(profileSpec || undefined, cwd);
  const result = engine.createEngine().check([{ id: doc.id, path: doc.path, text: doc.text }], profile);
  const findings = result.findings
    .filter((f) => f.loc.file === doc.id)
    .map((f) => ({ ruleId: f.ruleId, severity: f.severity, message: f.message, start: f.loc.start, end: Math.max(f.loc.end, f.loc.start) }));
  return { findings, profile: profile.source, failedRules: result.failures.map((x) => `${x.ruleId}: ${x.message}`) };
}
