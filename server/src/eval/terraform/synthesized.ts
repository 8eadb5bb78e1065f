// Computed attributes Terraform only knows after apply, synthesized from the arguments so that
// references link and names match: ARNs with symbolic partition/account/region holes, names,
// ids, and the self-describing data sources (caller identity, region, partition, policy documents).

import type { Loc } from '../../model/loc';
import { hole, type Part, type PStr, type SelfSymbol } from '../../model/pstr';
import type { Val } from '../../model/value';
import type { Evaluator } from './evalTypes';
import { policyDocumentJson } from './policyDocument';
import type { ResourceInstance } from './resourceInstance';
import { joinParts, strVal, toPStr } from '../../parse/values';

interface SynthCtx {
  readonly ev: Evaluator;
  readonly inst: ResourceInstance;
  readonly loc: Loc;
}

type Synth = (c: SynthCtx) => Val;
type Piece = Part | PStr;

const SELF_REASON: Record<SelfSymbol, string> = {
  partition: 'the partition of the deploying account',
  account: 'the deploying account',
  region: 'the deploying region',
};

function self(c: SynthCtx, symbol: SelfSymbol): Part {
  return hole(SELF_REASON[symbol], c.loc, symbol);
}

/** The resource's name: `name`, else `name_prefix` plus a generated suffix, else generated. */
function nameOf(c: SynthCtx, nameAttr = 'name', prefixAttr = 'name_prefix'): PStr {
  const { inst, loc } = c;
  if (inst.has(nameAttr)) return argText(c, nameAttr);
  if (inst.has(prefixAttr))
    return joinParts([argText(c, prefixAttr), hole(`Terraform appends a random suffix to ${prefixAttr}`, loc)]);
  return { parts: [hole(`Terraform generates the ${nameAttr} of ${inst.address}`, loc)] };
}

function argText(c: SynthCtx, name: string): PStr {
  const v = c.inst.attr(name);
  return toPStr(v) ?? { parts: [hole(`${c.inst.address}.${name} is not a string`, c.loc)] };
}

function idHole(c: SynthCtx): Part {
  return hole(`the id of ${c.inst.address} is known only after apply`, c.loc);
}

/** `arn:<partition>:<service>:<region?>:<account?>:<rest>` */
function arn(c: SynthCtx, service: string, regional: boolean, rest: readonly Piece[], global = false): Val {
  const pieces: Piece[] = ['arn:', self(c, 'partition'), `:${service}:`];
  if (regional) pieces.push(self(c, 'region'));
  pieces.push(':');
  if (!global) pieces.push(self(c, 'account'));
  pieces.push(':', ...rest);
  return strVal(joinParts(pieces), c.loc);
}

/** IAM ARNs: `arn:<p>:iam::<a>:<kind><path><name>` (path defaults to `/`). */
function iamArn(kind: string): Synth {
  return (c) => arn(c, 'iam', false, [kind, c.inst.has('path') ? argText(c, 'path') : '/', nameOf(c)]);
}

const name: Synth = (c) => strVal(nameOf(c), c.loc);

const MANAGED: Record<string, Record<string, Synth>> = {
  aws_iam_role: { arn: iamArn('role'), name, id: name },
  aws_iam_policy: { arn: iamArn('policy'), id: iamArn('policy'), name },
  aws_iam_user: { arn: iamArn('user'), name, id: name },
  aws_iam_instance_profile: { arn: iamArn('instance-profile'), name, id: name },
  aws_iam_role_policy: { name, id: (c) => strVal(joinParts([argText(c, 'role'), ':', nameOf(c)]), c.loc) },
  aws_s3_bucket: {
    bucket: (c) => strVal(nameOf(c, 'bucket', 'bucket_prefix'), c.loc),
    id: (c) => strVal(nameOf(c, 'bucket', 'bucket_prefix'), c.loc),
    arn: (c) => arn(c, 's3', false, [nameOf(c, 'bucket', 'bucket_prefix')], true),
  },
  aws_efs_file_system: { arn: (c) => arn(c, 'elasticfilesystem', true, ['file-system/', idHole(c)]) },
  aws_efs_access_point: { arn: (c) => arn(c, 'elasticfilesystem', true, ['access-point/', idHole(c)]) },
  aws_cloudwatch_log_group: { name, id: name, arn: (c) => arn(c, 'logs', true, ['log-group:', nameOf(c)]) },
  aws_kms_key: { arn: (c) => arn(c, 'kms', true, ['key/', idHole(c)]) },
  aws_kms_alias: { arn: (c) => arn(c, 'kms', true, [nameOf(c)]) },
  aws_lambda_function: {
    arn: (c) => arn(c, 'lambda', true, ['function:', nameOf(c, 'function_name', '')]),
    id: (c) => strVal(nameOf(c, 'function_name', ''), c.loc),
  },
  aws_sfn_state_machine: { name, arn: (c) => arn(c, 'states', true, ['stateMachine:', nameOf(c)]) },
  aws_dynamodb_table: { name, id: name, arn: (c) => arn(c, 'dynamodb', true, ['table/', nameOf(c)]) },
  aws_ecs_cluster: { name, arn: (c) => arn(c, 'ecs', true, ['cluster/', nameOf(c)]) },
  aws_sns_topic: { name, arn: (c) => arn(c, 'sns', true, [nameOf(c)]) },
  aws_sqs_queue: { name, arn: (c) => arn(c, 'sqs', true, [nameOf(c)]) },
  aws_secretsmanager_secret: {
    name,
    arn: (c) =>
      arn(c, 'secretsmanager', true, [
        'secret:',
        nameOf(c),
        '-',
        hole('Secrets Manager appends a random suffix', c.loc),
      ]),
  },
  aws_ecr_repository: { name, arn: (c) => arn(c, 'ecr', true, ['repository/', nameOf(c)]) },
};

function selfData(attrs: readonly string[], symbol: SelfSymbol): Record<string, Synth> {
  const out: Record<string, Synth> = {};
  for (const a of attrs) {
    out[a] = (c) => strVal({ parts: [hole(`${c.inst.address}.${a} is ${SELF_REASON[symbol]}`, c.loc, symbol)] }, c.loc);
  }
  return out;
}

const DATA: Record<string, Record<string, Synth>> = {
  'data.aws_caller_identity': selfData(['account_id', 'id'], 'account'),
  'data.aws_region': selfData(['name', 'region', 'id'], 'region'),
  'data.aws_partition': selfData(['partition', 'id'], 'partition'),
  'data.aws_iam_policy_document': {
    json: (c) => policyDocumentJson(c.ev, c.inst),
    minified_json: (c) => policyDocumentJson(c.ev, c.inst),
  },
};

/** Computed attributes each type offers, for whole-instance objects. */
export const SYNTHESIZED_ATTRS: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  [...Object.entries(MANAGED), ...Object.entries(DATA)].map(([type, attrs]) => [type, Object.keys(attrs)]),
);

/** A synthesized attribute, or undefined when the type does not define `attr`. */
export function synthesizeAttr(ev: Evaluator, inst: ResourceInstance, attr: string): Val | undefined {
  const synth = (MANAGED[inst.type] ?? DATA[inst.type])?.[attr];
  if (!synth) return undefined;
  return synth({ ev, inst, loc: inst.labelLoc });
}
