// Infrastructure resources after evaluation, the same shape for Terraform and CloudFormation.

import type { Loc } from './loc';
import type { ObjVal, Val } from './value';

export type Tri = 'yes' | 'no' | 'unknown';

export type DeploymentMode = 'basic' | 'secure' | 'compliant';

/**
 * A unit of analysis: one Terraform module directory, one CloudFormation template, one Pulumi
 * program file, or one standalone JSON document. Resources only reference each other within a unit.
 */
export interface Unit {
  /** Module directory path, or the file id for templates and JSON documents. */
  readonly id: string;
  readonly language: 'terraform' | 'cloudformation' | 'json' | 'plan' | 'pulumi';
  /** The deployment mode in force: the module's own `deployment_mode` default or
   *  `DeploymentMode` parameter default wins over the profile's. */
  readonly mode: { readonly value: DeploymentMode; readonly loc?: Loc; readonly source: 'profile' | 'unit' };
  /** Terraform provider `default_tags`, merged into every taggable resource's tags. */
  readonly defaultTags?: ObjVal;
  /** Terraform: the module calls followed from this root module, for findings in their files. */
  readonly moduleCalls?: readonly ModuleCallSite[];
}

/** A followed Terraform module call: findings in its module's files name it as related information. */
export interface ModuleCallSite {
  /** `module.role`, `module.app.module.role`. */
  readonly address: string;
  /** The `module "role"` header. */
  readonly loc: Loc;
  /** The call's arguments: name and the span of its expression in the caller. */
  readonly args: readonly { readonly name: string; readonly loc: Loc }[];
  /** Ids of the called module's files. */
  readonly files: readonly string[];
  /** The call that called the module holding this call (nested modules). */
  readonly parent?: ModuleCallSite;
}

export interface IacResource {
  /** Terraform type (`aws_iam_role`, `data.aws_iam_policy_document`; Pulumi resources by their Terraform type) or CloudFormation type (`AWS::IAM::Role`). */
  readonly type: string;
  /** Terraform address (`aws_iam_role.processor`), CloudFormation logical id (`ProcessorRole`) or Pulumi type and name (`aws.iam.Role ci-role`). */
  readonly address: string;
  readonly unit: Unit;
  /** The whole block / resource entry. */
  readonly loc: Loc;
  /** The block header (type and labels) or logical id key: where resource-level findings go. */
  readonly labelLoc: Loc;
  /** Evaluated arguments. Terraform nested blocks appear as lists of objects under their block type. */
  readonly props: ObjVal;
  /** Whether it is created at all: `count = 0`, an unmet CloudFormation `Condition` gives 'no'. */
  readonly exists: Tri;
}

/** Argument `key` of a resource, if written. */
export function argOf(r: IacResource, key: string): Val | undefined {
  for (const e of r.props.entries) if (e.key === key) return e.value;
  return undefined;
}
