// Ref and Fn::GetAtt values of the resources the rules care about, synthesized from their
// properties so references link (a boundary given as !Ref Policy names that policy).

import type { Loc } from '../../model/loc';
import { concatParts, hole, type Part, type PStr } from '../../model/pstr';
import { getEntry, type Val } from '../../model/value';
import type { CfnContext } from './context';

type PropsOf = (logicalId: string) => Val | undefined;

const ACCOUNT: Part = hole('the deploying account', undefined, 'account');
const REGION: Part = hole('the deploying region', undefined, 'region');
const PARTITION: Part = hole('the deploying partition', undefined, 'partition');

/** The value of `Ref logicalId` for a resource, or a located hole when it is only known after deploy. */
export function refOfResource(ctx: CfnContext, logicalId: string, loc: Loc, propsOf: PropsOf): Val {
  const decl = ctx.resources.get(logicalId)!;
  const props = propsOf(logicalId);
  const origin = { resource: logicalId, attr: 'Ref' };
  const named = (prop: string): PStr => nameOf(props, prop, logicalId);
  switch (decl.type) {
    case 'AWS::IAM::ManagedPolicy':
      return str(policyArn(props, logicalId), loc, origin);
    case 'AWS::IAM::Role':
      return str(named('RoleName'), loc, origin);
    case 'AWS::S3::Bucket':
      return str(named('BucketName'), loc, origin);
    case 'AWS::Lambda::Function':
      return str(named('FunctionName'), loc, origin);
    case 'AWS::Logs::LogGroup':
      return str(named('LogGroupName'), loc, origin);
    default:
      return str({ parts: [hole(`the id of ${logicalId} is known only after deployment`, loc)] }, loc, origin);
  }
}

/** The value of `Fn::GetAtt [logicalId, attr]`. */
export function getAttOf(ctx: CfnContext, logicalId: string, attr: string, loc: Loc, propsOf: PropsOf): Val {
  const decl = ctx.resources.get(logicalId)!;
  const props = propsOf(logicalId);
  const origin = { resource: logicalId, attr };
  const key = `${decl.type}.${attr}`;
  switch (key) {
    case 'AWS::IAM::Role.Arn':
      return str(
        concatParts([
          'arn:',
          PARTITION,
          ':iam::',
          ACCOUNT,
          ':role',
          pathOf(props),
          nameOf(props, 'RoleName', logicalId),
        ]),
        loc,
        origin,
      );
    case 'AWS::IAM::ManagedPolicy.PolicyArn':
      return str(policyArn(props, logicalId), loc, origin);
    case 'AWS::S3::Bucket.Arn':
      return str(concatParts(['arn:', PARTITION, ':s3:::', nameOf(props, 'BucketName', logicalId)]), loc, origin);
    case 'AWS::Lambda::Function.Arn':
      return str(
        concatParts([
          'arn:',
          PARTITION,
          ':lambda:',
          REGION,
          ':',
          ACCOUNT,
          ':function:',
          nameOf(props, 'FunctionName', logicalId),
        ]),
        loc,
        origin,
      );
    case 'AWS::Logs::LogGroup.Arn':
      return str(
        concatParts([
          'arn:',
          PARTITION,
          ':logs:',
          REGION,
          ':',
          ACCOUNT,
          ':log-group:',
          nameOf(props, 'LogGroupName', logicalId),
          ':*',
        ]),
        loc,
        origin,
      );
    default:
      return str({ parts: [hole(`${logicalId}.${attr} is known only after deployment`, loc)] }, loc, origin);
  }
}

function str(s: PStr, loc: Loc, origin: { resource: string; attr: string }): Val {
  return { k: 'str', s, loc, origin };
}

function policyArn(props: Val | undefined, logicalId: string): PStr {
  return concatParts([
    'arn:',
    PARTITION,
    ':iam::',
    ACCOUNT,
    ':policy',
    pathOf(props),
    nameOf(props, 'ManagedPolicyName', logicalId),
  ]);
}

function pathOf(props: Val | undefined): PStr {
  const p = props?.k === 'obj' ? getEntry(props, 'Path')?.value : undefined;
  if (p?.k === 'str') return p.s;
  return { parts: ['/'] };
}

function nameOf(props: Val | undefined, prop: string, logicalId: string): PStr {
  const v = props?.k === 'obj' ? getEntry(props, prop)?.value : undefined;
  if (v?.k === 'str') return v.s;
  if (v?.k === 'unknown') return { parts: [hole(v.reason, v.loc)] };
  return { parts: [hole(`${logicalId} gets a generated name`)] };
}
