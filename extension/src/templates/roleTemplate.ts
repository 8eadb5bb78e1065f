// The cross-account role from GET /role-policy as CloudFormation YAML and as Terraform, for a
// security team to review and apply. The external ID is a parameter/variable, never a value.

import type { RolePolicy } from '../api/accounts';
import { MAX_SESSION_SECONDS, ROLE_TAG, inlinePolicyName } from '../aws/roleSpec';
import { withExternalIdValue } from '../aws/trustPolicy';
import { HclExpression, hclString, toHcl } from './hcl';
import { toYaml } from './yaml';

const DESCRIPTION =
  'Lets Pennsieve provision compute nodes in this AWS account (cross-account role from GET /role-policy).';

/**
 * A CloudFormation template with an `ExternalId` parameter (NoEcho) and a `RoleArn` output.
 * `roleName` is the registered account's role (default: the template's fresh name).
 */
export function toCloudFormation(policy: RolePolicy, roleName = policy.roleName): string {
  const template = {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: DESCRIPTION,
    Parameters: {
      ExternalId: {
        Type: 'String',
        NoEcho: true,
        MinLength: 16,
        Description: 'A secret only you and Pennsieve know; register the account with the same value.',
      },
    },
    Resources: {
      PennsieveComputeRole: {
        Type: 'AWS::IAM::Role',
        Properties: {
          RoleName: roleName,
          MaxSessionDuration: policy.maxSessionDuration ?? MAX_SESSION_SECONDS,
          AssumeRolePolicyDocument: withExternalIdValue(policy.trustPolicyDocument, { Ref: 'ExternalId' }),
          Policies: [{ PolicyName: inlinePolicyName(roleName), PolicyDocument: policy.policyDocument }],
          Tags: [{ Key: ROLE_TAG.key, Value: ROLE_TAG.value }],
        },
      },
    },
    Outputs: {
      RoleArn: { Value: { 'Fn::GetAtt': ['PennsieveComputeRole', 'Arn'] } },
    },
  };
  return `# ${DESCRIPTION}\n${toYaml(template)}`;
}

/**
 * A Terraform configuration with a sensitive `external_id` variable and a `role_arn` output, laid
 * out as `terraform fmt` writes it. `roleName` as for toCloudFormation.
 */
export function toTerraform(policy: RolePolicy, roleName = policy.roleName): string {
  const trust = withExternalIdValue(policy.trustPolicyDocument, new HclExpression('var.external_id'));
  return `# ${DESCRIPTION}

variable "external_id" {
  description = "A secret only you and Pennsieve know; register the account with the same value."
  type        = string
  sensitive   = true
}

resource "aws_iam_role" "pennsieve_compute" {
  name                 = ${hclString(roleName)}
  max_session_duration = ${policy.maxSessionDuration ?? MAX_SESSION_SECONDS}
  assume_role_policy = jsonencode(${toHcl(trust, 2)})
  tags = {
    ${hclString(ROLE_TAG.key)} = ${hclString(ROLE_TAG.value)}
  }
}

resource "aws_iam_role_policy" "pennsieve_compute" {
  name = ${hclString(inlinePolicyName(roleName))}
  role = aws_iam_role.pennsieve_compute.id
  policy = jsonencode(${toHcl(policy.policyDocument, 2)})
}

output "role_arn" {
  value = aws_iam_role.pennsieve_compute.arn
}
`;
}
