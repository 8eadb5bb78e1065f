// pennsieve/auditRole: the deployed role the extension read from IAM, checked with the same
// engine and profile as any document. Publishes the live document's diagnostics and answers with
// both sides' findings and the drift from the template, all from this one run.

import { homedir } from 'node:os';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Connection } from 'vscode-languageserver/node';
import type { AuditFinding, AuditRoleParams, AuditRoleResult, AuditSide, RoleDrift } from '../../../shared/protocol';
import type { ProfileCache } from '../analysis/profiles';
import { uriToPath } from '../util/uris';
import { roleDrift, type RoleDocument } from '../audit/roleDrift';
import type { CheckResult } from '../engine/check';
import type { Engine } from '../engine/createEngine';
import { guaranteeTable } from '../engine/guarantees';
import type { Profile } from '../core/profile';
import type { Loc } from '../model/loc';
import { toDiagnostics } from './diagnostics';
import { toSubject } from './guarantees';
import type { SettingsStore } from './settings';

export interface RoleAuditDeps {
  readonly connection: Connection;
  readonly engine: Engine;
  readonly profiles: ProfileCache;
  readonly settings: SettingsStore;
}

/** The engine reads a document by its path's extension; the live role has no file, so it gets a virtual one. */
function virtualPath(uri: string, suffix = ''): string {
  const tail = uri.replace(/^[a-z][\w+.-]*:\/*/i, '').replace(/[^\w./-]/g, '_');
  return `/pennsieve-live/${tail.replace(/\.json$/i, '')}${suffix}.json`;
}

function sideOf(result: CheckResult, profile: Profile, text: string, id: string): AuditSide {
  const doc = TextDocument.create(id, 'json', 0, text);
  const rangeOf = (loc: Loc) =>
    loc.file === id
      ? { start: doc.positionAt(loc.start), end: doc.positionAt(Math.max(loc.start, loc.end)) }
      : undefined;
  // A rule that failed decides nothing: its guarantees are unknown, never proved.
  const failed = new Set(result.failures.map((f) => f.ruleId));
  const guarantees = guaranteeTable(result.model, profile, result.findings, failed)
    .filter((s) => s.loc.file === id)
    .map((s) => toSubject(s, rangeOf));
  const findings: AuditFinding[] = result.findings
    .filter((f) => f.loc.file === id)
    .map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      message: f.message,
      range: { start: doc.positionAt(f.loc.start), end: doc.positionAt(Math.max(f.loc.start, f.loc.end)) },
    }));
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return { findings, counts, guarantees };
}

function parseRole(text: string): RoleDocument | undefined {
  try {
    const v = JSON.parse(text) as unknown;
    return typeof v === 'object' && v !== null ? (v as RoleDocument) : undefined;
  } catch {
    return undefined;
  }
}

function driftOf(deps: RoleAuditDeps, live: string, template: string | undefined): RoleDrift | undefined {
  if (template === undefined) return undefined;
  const [a, b] = [parseRole(live), parseRole(template)];
  // A document that is not JSON has a PG801 finding of its own; there is nothing to compare.
  return a && b ? roleDrift(deps.engine.catalog, a, b) : undefined;
}

function check(deps: RoleAuditDeps, profile: Profile, id: string, path: string, text: string): CheckResult {
  return deps.engine.check([{ id, path, text }], profile);
}

/** The pennsieve/auditRole handler. Never answers from a cache: each request checks its own text. */
export function createRoleAuditHandler(deps: RoleAuditDeps): (params: AuditRoleParams) => Promise<AuditRoleResult> {
  return async (params) => {
    const settings = await deps.settings.get(params.uri);
    const dir = (params.folderUri && uriToPath(params.folderUri)) || homedir();
    const { profile, error } = deps.profiles.get(settings.guard.profile, dir);
    const started = performance.now();
    const live = check(deps, profile, params.uri, virtualPath(params.uri), params.text);
    const templateId = `${params.uri}#template`;
    const template =
      params.template === undefined
        ? undefined
        : check(deps, profile, templateId, virtualPath(params.uri, '.template'), params.template);
    const drift = driftOf(deps, params.text, params.template);
    const checkMs = performance.now() - started;
    const findings = live.findings
      .filter((f) => f.loc.file === params.uri)
      .map((finding) => ({ finding, isNew: false }));
    void deps.connection.sendDiagnostics({
      uri: params.uri,
      diagnostics: toDiagnostics({ uri: params.uri, text: params.text, findings }),
    });
    for (const f of live.failures)
      deps.connection.console.error(`Audit of ${params.uri}: rule ${f.ruleId} failed: ${f.message}`);
    return {
      profile: profile.source,
      ...(error ? { profileError: error } : {}),
      live: sideOf(live, profile, params.text, params.uri),
      ...(template && params.template !== undefined
        ? { template: sideOf(template, profile, params.template, templateId) }
        : {}),
      ...(drift ? { drift } : {}),
      failedRules: live.failures.map((f) => `${f.ruleId}: ${f.message.split('\n')[0]}`),
      checkMs,
    };
  };
}
