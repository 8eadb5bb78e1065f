// Reads IAM resources of both languages into one declaration shape: which property of which
// resource type holds the trust policy, the boundary, inline and managed policies.

import type { Loc } from './loc';
import { concatParts, type PStr } from './pstr';
import { argOf, type IacResource } from './resources';
import { asItems, getProp, type Val } from './value';

export interface Located<T> {
  readonly value: T;
  readonly loc: Loc;
}

export interface RoleDecl {
  readonly res: IacResource;
  readonly name?: Located<PStr>;
  readonly path: string;
  readonly trust?: Val;
  readonly boundary?: Located<Val>;
  readonly maxSession?: Located<Val>;
  readonly inline: readonly Located<Val>[];
  readonly managedArns: readonly Located<Val>[];
}

export interface PolicyDecl {
  readonly res: IacResource;
  readonly name?: Located<PStr>;
  readonly path: string;
  readonly doc?: Val;
  /** CloudFormation ManagedPolicy `Roles`: attaches itself. */
  readonly roles: readonly Val[];
}

/** A policy document written directly onto roles (and possibly users/groups). */
export interface InlineDecl {
  readonly res: IacResource;
  readonly doc: Val;
  readonly roles: readonly Val[];
  readonly onUsersOrGroups: boolean;
}

export interface AttachDecl {
  readonly res: IacResource;
  readonly policyArn: Val;
  readonly roles: readonly Val[];
  readonly onUsersOrGroups: boolean;
}

export interface IamDecls {
  readonly roles: RoleDecl[];
  readonly policies: PolicyDecl[];
  readonly inlines: InlineDecl[];
  readonly attachments: AttachDecl[];
}

/** Sorts the IAM resources of a unit into declarations; resources that certainly do not exist are skipped. */
export function collectIamDecls(resources: readonly IacResource[]): IamDecls {
  const out: IamDecls = { roles: [], policies: [], inlines: [], attachments: [] };
  for (const r of resources) {
    if (r.exists === 'no') continue;
    readDecl(r, out);
  }
  return out;
}

function readDecl(r: IacResource, out: IamDecls): void {
  const a = (k: string) => argOf(r, k);
  switch (r.type) {
    case 'aws_iam_role':
      out.roles.push({
        res: r,
        name: nameOf(a('name')),
        path: pathOf(a('path')),
        trust: a('assume_role_policy'),
        boundary: located(a('permissions_boundary')),
        maxSession: located(a('max_session_duration')),
        inline: listOf(a('inline_policy'))
          .map((b) => getProp(b, 'policy'))
          .filter(isVal)
          .map((v) => ({ value: v, loc: v.loc })),
        managedArns: listOf(a('managed_policy_arns')).map((v) => ({ value: v, loc: v.loc })),
      });
      return;
    case 'AWS::IAM::Role':
      out.roles.push({
        res: r,
        name: nameOf(a('RoleName')),
        path: pathOf(a('Path')),
        trust: a('AssumeRolePolicyDocument'),
        boundary: located(a('PermissionsBoundary')),
        maxSession: located(a('MaxSessionDuration')),
        inline: listOf(a('Policies'))
          .map((p) => getProp(p, 'PolicyDocument'))
          .filter(isVal)
          .map((v) => ({ value: v, loc: v.loc })),
        managedArns: listOf(a('ManagedPolicyArns')).map((v) => ({ value: v, loc: v.loc })),
      });
      return;
    case 'aws_iam_policy':
      out.policies.push({ res: r, name: nameOf(a('name')), path: pathOf(a('path')), doc: a('policy'), roles: [] });
      return;
    case 'AWS::IAM::ManagedPolicy':
      out.policies.push({
        res: r,
        name: nameOf(a('ManagedPolicyName')),
        path: pathOf(a('Path')),
        doc: a('PolicyDocument'),
        roles: listOf(a('Roles')),
      });
      if (a('Users') || a('Groups'))
        out.inlines.push({ res: r, doc: a('PolicyDocument') ?? unknownDoc(r), roles: [], onUsersOrGroups: true });
      return;
    case 'aws_iam_role_policy':
      out.inlines.push({ res: r, doc: a('policy') ?? unknownDoc(r), roles: listOf(a('role')), onUsersOrGroups: false });
      return;
    case 'AWS::IAM::RolePolicy':
      out.inlines.push({
        res: r,
        doc: a('PolicyDocument') ?? unknownDoc(r),
        roles: listOf(a('RoleName')),
        onUsersOrGroups: false,
      });
      return;
    case 'AWS::IAM::Policy':
      out.inlines.push({
        res: r,
        doc: a('PolicyDocument') ?? unknownDoc(r),
        roles: listOf(a('Roles')),
        onUsersOrGroups: !!(a('Users') || a('Groups')),
      });
      return;
    case 'aws_iam_user_policy':
    case 'aws_iam_group_policy':
      out.inlines.push({ res: r, doc: a('policy') ?? unknownDoc(r), roles: [], onUsersOrGroups: true });
      return;
    case 'AWS::IAM::UserPolicy':
    case 'AWS::IAM::GroupPolicy':
      out.inlines.push({ res: r, doc: a('PolicyDocument') ?? unknownDoc(r), roles: [], onUsersOrGroups: true });
      return;
    case 'AWS::Serverless::Function':
    case 'AWS::Serverless::StateMachine':
      if (!a('Role')) out.roles.push(samRole(r));
      return;
    case 'AWS::IAM::User':
    case 'AWS::IAM::Group':
      for (const p of listOf(a('Policies')))
        out.inlines.push({
          res: r,
          doc: getProp(p, 'PolicyDocument') ?? unknownDoc(r),
          roles: [],
          onUsersOrGroups: true,
        });
      for (const arn of listOf(a('ManagedPolicyArns'))) pushAttachment(out, r, arn, [], true);
      return;
    case 'aws_iam_role_policy_attachment':
      pushAttachment(out, r, a('policy_arn'), listOf(a('role')), false);
      return;
    case 'aws_iam_policy_attachment':
      pushAttachment(out, r, a('policy_arn'), listOf(a('roles')), !!(a('users') || a('groups')));
      return;
    case 'aws_iam_user_policy_attachment':
    case 'aws_iam_group_policy_attachment':
      pushAttachment(out, r, a('policy_arn'), [], true);
      return;
  }
}

/**
 * The role SAM creates for a function or state machine without `Role` (after SAM `Globals` are
 * merged: `PermissionsBoundary`, `AssumeRolePolicyDocument`, `RolePath`): `Policies` entries are
 * inline documents (`Statement`), AWS-managed policy names or ARNs, or policy templates (not
 * expanded here: an unknown attachment, reported as not checked).
 */
function samRole(r: IacResource): RoleDecl {
  const inline: Located<Val>[] = [];
  const managedArns: Located<Val>[] = [];
  for (const p of listOf(argOf(r, 'Policies'))) {
    if (p.k === 'obj' && p.entries.some((e) => e.key === 'Statement')) inline.push({ value: p, loc: p.loc });
    else if (p.k === 'str') managedArns.push({ value: samPolicyArn(p), loc: p.loc });
    else {
      const template = p.k === 'obj' && p.entries.length === 1 ? p.entries[0].key : undefined;
      const reason = template ? `the SAM policy template ${template} is not expanded` : 'the policy is not known';
      managedArns.push({ value: { k: 'unknown', reason, loc: p.loc }, loc: p.loc });
    }
  }
  return {
    res: r,
    path: pathOf(argOf(r, 'RolePath')),
    trust: argOf(r, 'AssumeRolePolicyDocument'),
    boundary: located(argOf(r, 'PermissionsBoundary')),
    inline,
    managedArns,
  };
}

/** A SAM `Policies` string: an ARN as written, else the name of an AWS-managed policy. */
function samPolicyArn(v: Val & { k: 'str' }): Val {
  const first = v.s.parts[0];
  if (typeof first === 'string' && first.startsWith('arn:')) return v;
  return { ...v, s: concatParts(['arn:aws:iam::aws:policy/', v.s]) };
}

function pushAttachment(out: IamDecls, r: IacResource, arn: Val | undefined, roles: Val[], loose: boolean): void {
  if (arn) out.attachments.push({ res: r, policyArn: arn, roles, onUsersOrGroups: loose });
}

function unknownDoc(r: IacResource): Val {
  return { k: 'unknown', reason: 'the policy document is missing', loc: r.labelLoc };
}

function isVal(v: Val | undefined): v is Val {
  return v !== undefined;
}

function located(v: Val | undefined): Located<Val> | undefined {
  return v ? { value: v, loc: v.loc } : undefined;
}

function listOf(v: Val | undefined): Val[] {
  if (!v || v.k === 'null') return [];
  return [...asItems(v)];
}

function nameOf(v: Val | undefined): Located<PStr> | undefined {
  if (!v) return undefined;
  if (v.k === 'str') return { value: v.s, loc: v.loc };
  if (v.k === 'unknown') return { value: { parts: [{ hole: v.reason, loc: v.loc }] }, loc: v.loc };
  return undefined;
}

function pathOf(v: Val | undefined): string {
  if (v?.k === 'str' && v.s.parts.length === 1 && typeof v.s.parts[0] === 'string') return v.s.parts[0];
  return '/';
}
