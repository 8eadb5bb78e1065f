// Resource-based policies: the argument of each resource type that holds one (an S3 bucket
// policy, a KMS key policy, an SQS queue policy, ...), and Lambda permissions read as the
// one-statement policy AWS adds to the function's resource policy.

import type { Loc } from './loc';
import { known } from './pstr';
import { argOf, type IacResource } from './resources';
import type { ObjEntry, ObjVal, Val } from './value';

/** A resource policy argument found on a resource, before it is read as a document. */
export interface ResourcePolicyDecl {
  readonly res: IacResource;
  /** For messages: "S3 bucket policy". */
  readonly kind: string;
  readonly doc: Val;
}

/** Resource type -> the argument holding its resource policy, and what to call it. */
const POLICY_ARGS: Readonly<Record<string, readonly [string, string]>> = {
  aws_s3_bucket_policy: ['policy', 'S3 bucket policy'],
  aws_s3_bucket: ['policy', 'S3 bucket policy'],
  aws_s3_access_point: ['policy', 'S3 access point policy'],
  aws_s3control_bucket_policy: ['policy', 'S3 bucket policy'],
  aws_ecr_repository_policy: ['policy', 'ECR repository policy'],
  aws_ecrpublic_repository_policy: ['policy', 'ECR repository policy'],
  aws_ecr_registry_policy: ['policy', 'ECR registry policy'],
  aws_kms_key: ['policy', 'KMS key policy'],
  aws_kms_replica_key: ['policy', 'KMS key policy'],
  aws_sns_topic_policy: ['policy', 'SNS topic policy'],
  aws_sns_topic: ['policy', 'SNS topic policy'],
  aws_sqs_queue_policy: ['policy', 'SQS queue policy'],
  aws_sqs_queue: ['policy', 'SQS queue policy'],
  aws_secretsmanager_secret_policy: ['policy', 'Secrets Manager secret policy'],
  aws_secretsmanager_secret: ['policy', 'Secrets Manager secret policy'],
  aws_efs_file_system_policy: ['policy', 'EFS file system policy'],
  aws_backup_vault_policy: ['policy', 'Backup vault policy'],
  aws_glacier_vault: ['access_policy', 'Glacier vault policy'],
  aws_elasticsearch_domain: ['access_policies', 'Elasticsearch domain policy'],
  aws_elasticsearch_domain_policy: ['access_policies', 'Elasticsearch domain policy'],
  aws_opensearch_domain: ['access_policies', 'OpenSearch domain policy'],
  aws_opensearch_domain_policy: ['access_policies', 'OpenSearch domain policy'],
  aws_api_gateway_rest_api: ['policy', 'API Gateway policy'],
  aws_api_gateway_rest_api_policy: ['policy', 'API Gateway policy'],
  aws_cloudwatch_event_bus_policy: ['policy', 'EventBridge bus policy'],
  aws_cloudwatch_log_resource_policy: ['policy_document', 'CloudWatch Logs resource policy'],
  aws_dynamodb_resource_policy: ['policy', 'DynamoDB resource policy'],
  aws_kinesis_resource_policy: ['policy', 'Kinesis resource policy'],
  aws_glue_resource_policy: ['policy', 'Glue resource policy'],
  aws_codeartifact_domain_permissions_policy: ['policy_document', 'CodeArtifact domain policy'],
  aws_codeartifact_repository_permissions_policy: ['policy_document', 'CodeArtifact repository policy'],
  aws_media_store_container_policy: ['policy', 'MediaStore container policy'],
  aws_schemas_registry_policy: ['policy', 'EventBridge schema registry policy'],
  'AWS::S3::BucketPolicy': ['PolicyDocument', 'S3 bucket policy'],
  'AWS::S3::AccessPoint': ['Policy', 'S3 access point policy'],
  'AWS::SQS::QueuePolicy': ['PolicyDocument', 'SQS queue policy'],
  'AWS::SQS::QueueInlinePolicy': ['PolicyDocument', 'SQS queue policy'],
  'AWS::SNS::TopicPolicy': ['PolicyDocument', 'SNS topic policy'],
  'AWS::SNS::TopicInlinePolicy': ['PolicyDocument', 'SNS topic policy'],
  'AWS::KMS::Key': ['KeyPolicy', 'KMS key policy'],
  'AWS::KMS::ReplicaKey': ['KeyPolicy', 'KMS key policy'],
  'AWS::ECR::Repository': ['RepositoryPolicyText', 'ECR repository policy'],
  'AWS::ECR::RegistryPolicy': ['PolicyText', 'ECR registry policy'],
  'AWS::SecretsManager::ResourcePolicy': ['ResourcePolicy', 'Secrets Manager secret policy'],
  'AWS::EFS::FileSystem': ['FileSystemPolicy', 'EFS file system policy'],
  'AWS::Backup::BackupVault': ['AccessPolicy', 'Backup vault policy'],
  'AWS::OpenSearchService::Domain': ['AccessPolicies', 'OpenSearch domain policy'],
  'AWS::Elasticsearch::Domain': ['AccessPolicies', 'Elasticsearch domain policy'],
  'AWS::ApiGateway::RestApi': ['Policy', 'API Gateway policy'],
  'AWS::Logs::ResourcePolicy': ['PolicyDocument', 'CloudWatch Logs resource policy'],
};

/** The resource policies written on `resources` (those certainly not created are skipped). */
export function collectResourcePolicies(resources: readonly IacResource[]): ResourcePolicyDecl[] {
  const out: ResourcePolicyDecl[] = [];
  for (const r of resources) {
    if (r.exists === 'no') continue;
    const spec = POLICY_ARGS[r.type];
    if (spec) {
      const doc = argOf(r, spec[0]);
      if (doc && doc.k !== 'null') out.push({ res: r, kind: spec[1], doc });
      continue;
    }
    if (r.type === 'aws_lambda_permission' || r.type === 'AWS::Lambda::Permission')
      out.push({ res: r, kind: 'Lambda permission', doc: lambdaPermissionDoc(r) });
  }
  return out;
}

/** Argument names of the two languages: Terraform first, CloudFormation second. */
const LAMBDA_ARGS = {
  principal: ['principal', 'Principal'],
  action: ['action', 'Action'],
  sourceArn: ['source_arn', 'SourceArn'],
  sourceAccount: ['source_account', 'SourceAccount'],
  orgId: ['principal_org_id', 'PrincipalOrgID'],
} as const;

/**
 * The statement AWS writes into the function's policy for a permission: the principal (an
 * account, an ARN or `*` under AWS, a service name under Service), the action on the function,
 * and SourceArn/SourceAccount/PrincipalOrgID as conditions.
 */
function lambdaPermissionDoc(r: IacResource): Val {
  const cfn = r.type.startsWith('AWS::') ? 1 : 0;
  const arg = (names: readonly [string, string]) => argOf(r, names[cfn]);
  const loc = r.labelLoc;
  const principal = arg(LAMBDA_ARGS.principal) ?? { k: 'unknown', reason: 'the permission names no principal', loc };
  const conditions: ObjEntry[] = [];
  const cond = (op: string, key: string, v: Val | undefined) => {
    if (v && v.k !== 'null') conditions.push(entry(op, v.loc, obj([entry(key, v.loc, v)], v.loc)));
  };
  cond('ArnLike', 'aws:SourceArn', arg(LAMBDA_ARGS.sourceArn));
  cond('StringEquals', 'aws:SourceAccount', arg(LAMBDA_ARGS.sourceAccount));
  cond('StringEquals', 'aws:PrincipalOrgID', arg(LAMBDA_ARGS.orgId));
  const statement: ObjEntry[] = [
    entry('Effect', loc, str('Allow', loc)),
    entry('Principal', principal.loc, principalOf(principal)),
    entry('Action', arg(LAMBDA_ARGS.action)?.loc ?? loc, arg(LAMBDA_ARGS.action) ?? str('lambda:InvokeFunction', loc)),
    entry('Resource', loc, str('*', loc)),
  ];
  if (conditions.length) statement.push(entry('Condition', loc, obj(conditions, loc)));
  return obj(
    [
      entry('Version', loc, str('2012-10-17', loc)),
      entry('Statement', loc, { k: 'list', items: [obj(statement, loc)], loc }),
    ],
    loc,
  );
}

/** `*` and account ids or ARNs are AWS principals; `x.amazonaws.com` is a service. */
function principalOf(v: Val): Val {
  if (v.k === 'str' && v.s.parts.length === 1 && typeof v.s.parts[0] === 'string') {
    const text = v.s.parts[0];
    if (text === '*') return v;
    if (/\.amazonaws\.com(\.cn)?$/.test(text)) return obj([entry('Service', v.loc, v)], v.loc);
  }
  return obj([entry('AWS', v.loc, v)], v.loc);
}

function entry(key: string, keyLoc: Loc, value: Val): ObjEntry {
  return { key, keyLoc, value };
}

function obj(entries: ObjEntry[], loc: Loc): ObjVal {
  return { k: 'obj', entries, loc };
}

function str(text: string, loc: Loc): Val {
  return { k: 'str', s: known(text), loc };
}
