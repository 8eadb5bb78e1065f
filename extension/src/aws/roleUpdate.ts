// Bringing the live cross-account role to the template with the user's own credentials: the
// template's inline policy (PutRolePolicy), its trust with the account's external ID
// (UpdateAssumeRolePolicy), the session limit (UpdateRole), and removing the policies the template
// does not have. Each step that ran is reported, so a failure part-way says what was done.

import {
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  PutRolePolicyCommand,
  UpdateAssumeRolePolicyCommand,
  UpdateRoleCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import type { LiveRole } from './crossAccountRole';
import { MAX_SESSION_SECONDS, inlinePolicyName } from './roleSpec';
import { withExternalId } from './trustPolicy';

type Json = Record<string, unknown>;

/** What the template requires of the role. */
export interface RoleTarget {
  readonly policyDocument: Json;
  readonly trustPolicyDocument: Json;
  readonly maxSessionDuration?: number;
  /** The account's external ID (kept in the trust); absent: the template's trust as is. */
  readonly externalId?: string;
}

/** One change to the role: what it is, in words, and the IAM call that makes it. */
export interface RoleStep {
  readonly label: string;
  readonly send: (iam: IAMClient) => Promise<unknown>;
}

/** The steps that would change the role, in the order they run (their labels are the confirmation). */
export function plannedSteps(live: LiveRole, t: RoleTarget): RoleStep[] {
  const RoleName = live.roleName;
  const name = inlinePolicyName(RoleName);
  const steps: RoleStep[] = [];
  const current = live.inline.find((p) => p.name === name)?.document;
  if (JSON.stringify(current) !== JSON.stringify(t.policyDocument)) {
    steps.push({
      label: `write inline policy ${name}`,
      send: (iam) =>
        iam.send(
          new PutRolePolicyCommand({ RoleName, PolicyName: name, PolicyDocument: JSON.stringify(t.policyDocument) }),
        ),
    });
  }
  const trust = t.externalId ? withExternalId(t.trustPolicyDocument, t.externalId) : t.trustPolicyDocument;
  if (JSON.stringify(live.trustPolicy) !== JSON.stringify(trust)) {
    steps.push({
      label: 'replace the trust policy',
      send: (iam) => iam.send(new UpdateAssumeRolePolicyCommand({ RoleName, PolicyDocument: JSON.stringify(trust) })),
    });
  }
  const MaxSessionDuration = t.maxSessionDuration ?? MAX_SESSION_SECONDS;
  if (live.maxSessionDuration !== MaxSessionDuration) {
    steps.push({
      label: `set the session limit to ${MaxSessionDuration} s`,
      send: (iam) => iam.send(new UpdateRoleCommand({ RoleName, MaxSessionDuration })),
    });
  }
  for (const p of live.inline) {
    if (p.name !== name)
      steps.push({
        label: `delete inline policy ${p.name}`,
        send: (iam) => iam.send(new DeleteRolePolicyCommand({ RoleName, PolicyName: p.name })),
      });
  }
  for (const p of live.attached) {
    if (p.arn)
      steps.push({
        label: `detach ${p.arn}`,
        send: (iam) => iam.send(new DetachRolePolicyCommand({ RoleName, PolicyArn: p.arn })),
      });
  }
  return steps;
}

/** True when bringing the live role to the template would change anything (the steps are not run). */
export function differsFromTemplate(live: LiveRole, t: RoleTarget): boolean {
  return plannedSteps(live, t).length > 0;
}

/** Runs the steps in order; returns their labels. On failure, the error names the steps done before it. */
export async function applyRoleUpdate(iam: IAMClient, steps: readonly RoleStep[]): Promise<string[]> {
  const done: string[] = [];
  for (const step of steps) {
    try {
      await step.send(iam);
    } catch (err) {
      throw new Error(
        `Could not ${step.label}${done.length ? ` (done before: ${done.join(', ')})` : ''}: ${(err as Error).message}`,
        { cause: err },
      );
    }
    done.push(step.label);
  }
  return done;
}
