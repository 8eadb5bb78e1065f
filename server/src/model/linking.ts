// Resolves references between IAM resources of one unit: by origin (a Terraform reference or a
// CloudFormation Ref/GetAtt), else by the name or ARN written as text.

import type { RoleBuild, PolicyPair } from './roleBuild';
import type { RoleDecl } from './iamDecls';
import { isHole, type PStr } from './pstr';
import type { Val } from './value';

interface RolePair {
  readonly decl: RoleDecl;
  readonly role: RoleBuild;
}

/** The role a reference (`role = aws_iam_role.x.name`, `!Ref Role`, `"my-role"`, a role ARN) points at. */
export function linkRole(ref: Val, roles: readonly RolePair[]): RoleBuild | undefined {
  if (ref.origin) {
    const byOrigin = roles.find((r) => r.decl.res.address === ref.origin!.resource);
    if (byOrigin) return byOrigin.role;
  }
  if (ref.k !== 'str') return undefined;
  const text = renderKey(tailAfter(ref.s, ':role/') ?? ref.s);
  return roles.find((r) => r.decl.name && renderKey(r.decl.name.value) === text)?.role;
}

/** The managed policy a reference (boundary, policy_arn, ManagedPolicyArns entry) points at. */
export function linkPolicy(ref: Val, policies: readonly PolicyPair[]): PolicyPair['policy'] | undefined {
  if (ref.origin) {
    const byOrigin = policies.find((p) => p.decl.res.address === ref.origin!.resource);
    if (byOrigin) return byOrigin.policy;
  }
  if (ref.k !== 'str') return undefined;
  const tail = tailAfter(ref.s, ':policy/');
  if (!tail) return undefined;
  const text = renderKey(tail);
  return policies.find(
    (p) => p.decl.name && (renderKey(p.decl.name.value) === text || text.endsWith('/' + renderKey(p.decl.name.value))),
  )?.policy;
}

/** The parts after the last literal occurrence of `marker`, e.g. the name part of an ARN. */
function tailAfter(s: PStr, marker: string): PStr | undefined {
  for (let i = s.parts.length - 1; i >= 0; i--) {
    const p = s.parts[i];
    if (isHole(p)) continue;
    const at = p.lastIndexOf(marker);
    if (at >= 0) return { parts: [p.slice(at + marker.length), ...s.parts.slice(i + 1)] };
  }
  return undefined;
}

/** A comparable rendering: holes by their reason, so `pennsieve-boundary-${var.id}` equals itself. */
function renderKey(s: PStr): string {
  return s.parts.map((p) => (isHole(p) ? `\u0000${p.symbol ?? p.hole}\u0000` : p)).join('');
}
