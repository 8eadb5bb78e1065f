// The Pulumi AWS resources the checker reads, and how each maps onto the model's resource types.
// Pulumi's AWS Classic provider is generated from the Terraform provider, so every type is the
// Terraform resource with camelCase argument names; the model reads them as Terraform resources.

/** One supported resource type. */
export interface ResourceKind {
  /** As written in TypeScript: `aws.iam.Role`. */
  readonly display: string;
  /** The Terraform type the model knows it by: `aws_iam_role`. */
  readonly tfType: string;
  /** Arguments named differently in Terraform than by the camelCase rule. */
  readonly renames?: Readonly<Record<string, string>>;
}

const IAM: Readonly<Record<string, Omit<ResourceKind, 'display'>>> = {
  Role: { tfType: 'aws_iam_role', renames: { inlinePolicies: 'inline_policy' } },
  Policy: { tfType: 'aws_iam_policy' },
  RolePolicy: { tfType: 'aws_iam_role_policy' },
  RolePolicyAttachment: { tfType: 'aws_iam_role_policy_attachment' },
  PolicyAttachment: { tfType: 'aws_iam_policy_attachment' },
  UserPolicy: { tfType: 'aws_iam_user_policy' },
  GroupPolicy: { tfType: 'aws_iam_group_policy' },
  UserPolicyAttachment: { tfType: 'aws_iam_user_policy_attachment' },
  GroupPolicyAttachment: { tfType: 'aws_iam_group_policy_attachment' },
  User: { tfType: 'aws_iam_user' },
  AccessKey: { tfType: 'aws_iam_access_key' },
  UserLoginProfile: { tfType: 'aws_iam_user_login_profile' },
};

const KINDS: ReadonlyMap<string, ResourceKind> = new Map(
  Object.entries(IAM).map(([name, k]) => [`iam.${name}`, { ...k, display: `aws.iam.${name}` }]),
);

/** The kind for `aws.<module>.<name>` (TypeScript), or undefined when the checker does not read it. */
export function resourceKind(module: string, name: string): ResourceKind | undefined {
  return KINDS.get(`${module}.${name}`);
}

/** The kind for a Pulumi type token (`aws:iam:Role`, `aws:iam/role:Role`), or undefined. */
export function resourceKindOfToken(token: string): ResourceKind | undefined {
  const m = /^aws:([a-z0-9]+)(?:\/[A-Za-z0-9]+)?:([A-Za-z0-9]+)$/.exec(token);
  return m ? resourceKind(m[1], m[2]) : undefined;
}

const SNAKE = new Map<string, string>();

/** The Terraform argument name of a Pulumi argument: `assumeRolePolicy` -> `assume_role_policy`. */
export function tfArgName(kind: ResourceKind, name: string): string {
  const renamed =
    kind.renames && Object.prototype.hasOwnProperty.call(kind.renames, name) ? kind.renames[name] : undefined;
  if (renamed) return renamed;
  let snake = SNAKE.get(name);
  if (snake === undefined) {
    snake = name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    if (SNAKE.size < 10_000) SNAKE.set(name, snake);
  }
  return snake;
}

/** A Pulumi invoke the checker evaluates: `aws.iam.getPolicyDocument`, `aws.getCallerIdentity`, ... */
export type InvokeKind = 'policyDocument' | 'callerIdentity' | 'region' | 'partition';

const INVOKES: Readonly<Record<string, InvokeKind>> = {
  'iam.getPolicyDocument': 'policyDocument',
  'iam.getPolicyDocumentOutput': 'policyDocument',
  getCallerIdentity: 'callerIdentity',
  getCallerIdentityOutput: 'callerIdentity',
  getRegion: 'region',
  getRegionOutput: 'region',
  getPartition: 'partition',
  getPartitionOutput: 'partition',
};

/** The invoke at `aws.<path>` (path without the `aws` root), if the checker evaluates it. */
export function invokeKind(path: readonly string[]): InvokeKind | undefined {
  const key = path.join('.');
  return Object.prototype.hasOwnProperty.call(INVOKES, key) ? INVOKES[key] : undefined;
}

/** The invoke for a Pulumi YAML function token (`aws:iam:getPolicyDocument`, `aws:index/getCallerIdentity:getCallerIdentity`). */
export function invokeKindOfToken(token: string): InvokeKind | undefined {
  const m = /^aws:([a-z0-9]+)(?:\/[A-Za-z0-9]+)?:([A-Za-z0-9]+)$/.exec(token);
  if (!m) return undefined;
  return invokeKind(m[1] === 'index' ? [m[2]] : [m[1], m[2]]);
}
