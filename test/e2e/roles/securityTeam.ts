// What a customer's security team does outside the editor, straight against moto: apply the
// exported template themselves (here, an older one without one statement), or a role that does
// not trust the platform, and later change the live role by hand.

import {
  CreateRoleCommand,
  DeleteRolePolicyCommand,
  GetRolePolicyCommand,
  IAMClient,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import type { RolePolicy } from '../../../extension/src/api/accounts';
import { inlinePolicyName } from '../../../extension/src/aws/roleSpec';
import { withExternalId } from '../../../extension/src/aws/trustPolicy';

type Json = Record<string, unknown>;

/** The statement the "older template" lacks: updating the role adds iam:TagRole and iam:UntagRole. */
export const MISSING_SID = 'TagNodeRoles';

export class SecurityTeam {
  private readonly iam: IAMClient;

  constructor(motoEndpoint: string) {
    this.iam = new IAMClient({
      region: 'us-east-1',
      endpoint: motoEndpoint,
      credentials: { accessKeyId: 'AKIASECURITYTEAM0001', secretAccessKey: 'moto' },
    });
  }

  /** The template's role as an older template had it: the same trust, one statement fewer. */
  async applyOlderTemplate(policy: RolePolicy, externalId: string): Promise<string> {
    const doc = policy.policyDocument as { Statement: Json[] };
    const older = { ...doc, Statement: doc.Statement.filter((s) => s.Sid !== MISSING_SID) };
    if (older.Statement.length !== doc.Statement.length - 1) throw new Error(`the template has no ${MISSING_SID}`);
    return this.create(policy.roleName, withExternalId(policy.trustPolicyDocument, externalId), older);
  }

  /** A role with the template's permissions that trusts another account (111122223333), not the platform. */
  async applyUntrusted(policy: RolePolicy, roleName: string, externalId: string): Promise<string> {
    const trust = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole' }],
    };
    return this.create(roleName, withExternalId(trust, externalId), policy.policyDocument);
  }

  /** The role's inline policy named after it, as IAM has it now. */
  async inlinePolicy(roleName: string): Promise<Json> {
    const res = await this.iam.send(
      new GetRolePolicyCommand({ RoleName: roleName, PolicyName: inlinePolicyName(roleName) }),
    );
    return JSON.parse(decodeURIComponent(res.PolicyDocument!)) as Json;
  }

  async putInline(roleName: string, name: string, doc: Json): Promise<void> {
    await this.iam.send(
      new PutRolePolicyCommand({ RoleName: roleName, PolicyName: name, PolicyDocument: JSON.stringify(doc) }),
    );
  }

  async deleteInline(roleName: string, name: string): Promise<void> {
    await this.iam.send(new DeleteRolePolicyCommand({ RoleName: roleName, PolicyName: name }));
  }

  destroy(): void {
    this.iam.destroy();
  }

  private async create(roleName: string, trust: Json, permissions: Json): Promise<string> {
    const res = await this.iam.send(
      new CreateRoleCommand({
        RoleName: roleName,
        AssumeRolePolicyDocument: JSON.stringify(trust),
        MaxSessionDuration: 7200,
      }),
    );
    await this.putInline(roleName, inlinePolicyName(roleName), permissions);
    return res.Role!.Arn!;
  }
}
