// pennsieve/roleUpdate: what bringing the live role to the latest template would change, per
// service (actions added and removed, resources), and the guarantee verdicts before (the live
// role) and after (the template), from one audit run.

import type { RoleDrift } from '../../../shared/protocol';
import type { RoleUpdateParams, RoleUpdateResult } from '../../../shared/roleProtocol';
import { resourceDelta } from '../audit/resourceDelta';
import { parseRoleJson } from '../audit/roleJson';
import { createRoleAuditHandler, type RoleAuditDeps } from './roleAudit';

/** The update's action delta: what the template allows beyond the live role is added, and back. */
function servicesOf(drift: RoleDrift | undefined): RoleUpdateResult['services'] {
  return (drift?.services ?? [])
    .map((s) => ({
      service: s.service,
      added: [...s.allowsRemoved, ...s.deniesRemoved.map((a) => `Deny ${a}`)],
      removed: [...s.allowsAdded, ...s.deniesAdded.map((a) => `Deny ${a}`)],
    }))
    .filter((s) => s.added.length + s.removed.length > 0);
}

/** The pennsieve/roleUpdate handler. */
export function createRoleUpdateHandler(deps: RoleAuditDeps): (params: RoleUpdateParams) => Promise<RoleUpdateResult> {
  const auditRole = createRoleAuditHandler(deps);
  return async (params) => {
    const audit = await auditRole(params);
    const [live, template] = [parseRoleJson(params.text), parseRoleJson(params.template)];
    const services = servicesOf(audit.drift);
    const resources = resourceDelta(live, template);
    const trustChanged = JSON.stringify(live.trustPolicyDocument) !== JSON.stringify(template.trustPolicyDocument);
    const policyChanged = JSON.stringify(live.policyDocument) !== JSON.stringify(template.policyDocument);
    const sessionChanged =
      template.maxSessionDuration !== undefined && live.maxSessionDuration !== template.maxSessionDuration;
    const empty = { findings: [], counts: { error: 0, warning: 0, info: 0 }, guarantees: [] };
    return {
      profile: audit.profile,
      differs: trustChanged || policyChanged || sessionChanged || services.length + resources.length > 0,
      before: audit.live,
      after: audit.template ?? empty,
      services,
      resources,
      trustChanged,
      failedRules: audit.failedRules,
    };
  };
}
