// Evaluated units -> the Model: roles linked to trust, boundary, inline and managed policies.

import { collectIamDecls, type PolicyDecl, type RoleDecl } from './iamDecls';
import { linkPolicy, linkRole } from './linking';
import type { Loc } from './loc';
import type { Model } from './model';
import { policyFromValue } from '../parse/policyDocument/policyFromValue';
import type { IacResource, Unit } from './resources';
import type { ParseProblem } from './source';
import type { Val } from './value';
import type { StandaloneDoc } from './model';
import { addStandalone } from './standalone';
import {
  classifyRole,
  type ModelOptions,
  type PolicyBuild,
  type PolicyPair,
  type RoleBuild,
  type Sink,
} from './roleBuild';

export type { ModelOptions, NameMatcher, PolicyBuild, PolicyPair, RoleBuild, Sink } from './roleBuild';
import { collectResourcePolicies } from './resourcePolicies';
import { lookupAwsManaged } from './awsManaged';

export interface UnitInput {
  readonly unit: Unit;
  readonly resources: readonly IacResource[];
}

/** Builds the model for all units and standalone documents. */
export function buildModel(
  units: readonly UnitInput[],
  standalone: readonly StandaloneDoc[],
  problems: readonly ParseProblem[],
  opts: ModelOptions,
): Model {
  const sink: Sink = { roles: [], policies: [], loose: [], resourcePolicies: [], unresolved: [] };
  const resources: IacResource[] = [];
  for (const u of units) {
    resources.push(...u.resources);
    addUnit(u, sink, opts);
  }
  for (const s of standalone) addStandalone(s, sink, opts);
  return {
    units: [...units.map((u) => u.unit), ...standalone.map((s) => s.unit)],
    roles: sink.roles,
    policies: sink.policies,
    looseIdentityPolicies: sink.loose,
    resourcePolicies: sink.resourcePolicies,
    unresolvedLoose: sink.unresolved,
    resources,
    problems,
  };
}

function addUnit(u: UnitInput, sink: Sink, opts: ModelOptions): void {
  const decls = collectIamDecls(u.resources);
  const syntax = u.unit.language === 'cloudformation' ? 'cloudformation' : 'jsonencode';
  const policies = decls.policies.map((decl) => ({ decl, policy: toPolicy(decl, syntax, opts) }));
  const roles = decls.roles.map((decl) => ({ decl, role: toRole(decl, syntax, opts, policies) }));
  for (const { decl, role } of roles) {
    role.boundary?.policy?.boundaryOf.push(role);
    for (const arn of decl.managedArns) attachManaged(role, arn.value, arn.loc, policies);
  }
  for (const inl of decls.inlines) {
    const doc = policyFromValue(inl.doc, syntax);
    const targets = inl.roles.map((ref) => linkRole(ref, roles)).filter((r): r is RoleBuild => !!r);
    for (const role of targets) role.identity.push({ doc, loc: inl.res.labelLoc });
    if (inl.onUsersOrGroups || targets.length === 0) sink.loose.push({ doc, unit: u.unit, loc: inl.res.labelLoc });
  }
  for (const att of decls.attachments) {
    if (att.onUsersOrGroups) attachLoose(u, att.policyArn, att.policyArn.loc, policies, sink);
    for (const ref of att.roles) {
      const role = linkRole(ref, roles);
      if (role) attachManaged(role, att.policyArn, att.res.labelLoc, policies);
    }
  }
  for (const { decl, policy } of policies) {
    for (const ref of decl.roles) {
      const role = linkRole(ref, roles);
      if (role && policy.doc) {
        role.identity.push({ doc: policy.doc, loc: decl.res.labelLoc, policy });
        policy.attachedTo.push(role);
      }
    }
    if (policy.boundaryOf.length > 0) policy.isBoundary = true;
  }
  addResourcePolicies(u, syntax, sink);
  sink.roles.push(...roles.map((r) => r.role));
  sink.policies.push(...policies.map((p) => p.policy));
}

function addResourcePolicies(u: UnitInput, syntax: 'cloudformation' | 'jsonencode', sink: Sink): void {
  for (const rp of collectResourcePolicies(u.resources)) {
    sink.resourcePolicies.push({
      address: rp.res.address,
      unit: u.unit,
      resource: rp.res,
      kind: rp.kind,
      loc: rp.res.labelLoc,
      doc: policyFromValue(rp.doc, syntax),
    });
  }
}

function attachManaged(role: RoleBuild, arn: Val, loc: Loc, pairs: readonly PolicyPair[]): void {
  const policy = linkPolicy(arn, pairs);
  if (policy?.doc) {
    role.identity.push({ doc: policy.doc, loc, policy });
    policy.attachedTo.push(role);
    return;
  }
  const aws = policy ? undefined : lookupAwsManaged(arn, loc);
  if (aws?.kind === 'found') role.identity.push({ doc: aws.doc, loc });
  else role.unresolved.push({ arn, loc, ...(aws?.kind === 'missing' ? { reason: aws.reason } : {}) });
}

/** A managed policy attached to users or groups: an AWS-managed one is judged as a loose policy
 *  (customer-managed ones already are, while attached to no role); one not in the data is reported. */
function attachLoose(u: UnitInput, arn: Val, loc: Loc, pairs: readonly PolicyPair[], sink: Sink): void {
  if (linkPolicy(arn, pairs)) return;
  const aws = lookupAwsManaged(arn, loc);
  if (aws.kind === 'found') sink.loose.push({ doc: aws.doc, unit: u.unit, loc });
  else sink.unresolved.push({ arn, loc, ...(aws.kind === 'missing' ? { reason: aws.reason } : {}) });
}

function toPolicy(d: PolicyDecl, syntax: 'cloudformation' | 'jsonencode', opts: ModelOptions): PolicyBuild {
  return {
    address: d.res.address,
    unit: d.res.unit,
    resource: d.res,
    name: d.name,
    path: d.path,
    loc: d.name?.loc ?? d.res.labelLoc,
    doc: d.doc ? policyFromValue(d.doc, syntax) : undefined,
    boundaryOf: [],
    attachedTo: [],
    isBoundary: !!d.name && opts.matchName(opts.profile.boundary.namePattern, d.name.value) === 'yes',
  };
}

function toRole(
  d: RoleDecl,
  syntax: 'cloudformation' | 'jsonencode',
  opts: ModelOptions,
  policies: readonly PolicyPair[],
): RoleBuild {
  const boundary = d.boundary && {
    value: d.boundary.value,
    loc: d.boundary.loc,
    policy: linkPolicy(d.boundary.value, policies),
  };
  return {
    address: d.res.address,
    unit: d.res.unit,
    resource: d.res,
    synthetic: false,
    name: d.name,
    path: d.path,
    kind: classifyRole(d.name?.value, d.res.address, opts),
    loc: d.res.labelLoc,
    trust: d.trust ? policyFromValue(d.trust, syntax) : undefined,
    boundary,
    maxSessionDuration: d.maxSession,
    identity: d.inline.map((i) => ({ doc: policyFromValue(i.value, syntax), loc: i.loc })),
    unresolved: [],
  };
}
