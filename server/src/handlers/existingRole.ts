// pennsieve/checkExistingRole: the audit of a role someone else created, plus the two checks
// registration needs (the trust names the platform's principal, the external ID is the one the
// user entered), and the decision. A role is accepted only when every guarantee is proved.

import type { AuditRoleResult } from '../../../shared/protocol';
import type { CheckExistingRoleParams, CheckExistingRoleResult } from '../../../shared/roleProtocol';
import { checkExternalId, checkPlatformPrincipal } from '../audit/existingRole';
import { parseRoleJson } from '../audit/roleJson';
import { createRoleAuditHandler, type RoleAuditDeps } from './roleAudit';

/** Why the audit alone refuses the role: failed rules, broken or undecided guarantees, errors. */
export function auditReasons(audit: AuditRoleResult): string[] {
  const reasons = audit.failedRules.map((r) => `The check is incomplete: rule ${r}`);
  if (!audit.live.guarantees.some((s) => s.kind === 'crossAccount')) {
    reasons.push(
      "The role is not read as the cross-account role (its name does not match the profile's pattern), so the cross-account guarantees were not checked",
    );
  }
  for (const subject of audit.live.guarantees) {
    for (const g of subject.guarantees) {
      if (g.verdict === 'counterexample') reasons.push(`${g.ruleId} ${g.title}: ${g.reason ?? 'a request breaks it'}`);
      if (g.verdict === 'unknown')
        reasons.push(`${g.ruleId} ${g.title} could not be decided: ${g.reason ?? 'a value is unknown'}`);
    }
  }
  const errors = audit.live.findings.filter(
    (f) => f.severity === 'error' && !reasons.some((r) => r.startsWith(`${f.ruleId} `)),
  );
  reasons.push(...errors.map((f) => `${f.ruleId}: ${f.message}`));
  return reasons;
}

/** The pennsieve/checkExistingRole handler. */
export function createExistingRoleHandler(
  deps: RoleAuditDeps,
): (params: CheckExistingRoleParams) => Promise<CheckExistingRoleResult> {
  const auditRole = createRoleAuditHandler(deps);
  return async (params) => {
    const audit = await auditRole(params);
    const [live, template] = [parseRoleJson(params.text), parseRoleJson(params.template)];
    const principal = checkPlatformPrincipal(live, template);
    const externalId = checkExternalId(live, template);
    const reasons = [...auditReasons(audit), ...[principal, externalId].filter((c) => !c.ok).map((c) => c.detail)];
    return { audit, principal, externalId, accepted: reasons.length === 0, reasons };
  };
}
