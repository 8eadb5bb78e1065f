// Who holds which policies: every role with its identity policies and resolved boundary, plus
// policies not attached to any known role ("loose": standalone files, unattached managed policies,
// user and group policies), each judged as if attached to some principal.

import type { Model, Role, RoleKind } from '../../model/model';
import type { PolicyDoc } from '../../model/policy';
import type { Unit } from '../../model/resources';
import type { Loc } from '../../model/loc';
import { basename } from 'node:path';
import { textOf } from '../../model/pstr';

export interface Principal {
  /** For messages: the role's address or the policy's file. */
  readonly label: string;
  readonly role?: Role;
  readonly kind: RoleKind | 'loose';
  readonly unit: Unit;
  readonly loc: Loc;
  readonly identity: readonly PolicyDoc[];
  /** The boundary's document when the boundary resolves to one in the unit. */
  readonly boundary?: PolicyDoc;
}

/** Every principal of the model; memoized per model. */
export function principalsOf(model: Model): readonly Principal[] {
  let list = cache.get(model);
  if (!list) {
    list = build(model);
    cache.set(model, list);
  }
  return list;
}

const cache = new WeakMap<Model, readonly Principal[]>();

/** How findings and verdict tables name a role: its address, or its name for roles read from documents. */
export function roleLabel(role: Role): string {
  return role.synthetic || !role.resource
    ? ((role.name && textOf(role.name.value)) ?? basename(role.address))
    : role.address;
}

function build(model: Model): Principal[] {
  const out: Principal[] = [];
  for (const role of model.roles) {
    out.push({
      label: roleLabel(role),
      role,
      kind: role.kind,
      unit: role.unit,
      loc: role.loc,
      identity: role.identity.map((a) => a.doc),
      boundary: role.boundary?.policy?.doc,
    });
  }
  for (const l of model.looseIdentityPolicies) {
    out.push({ label: basename(l.doc.loc.file), kind: 'loose', unit: l.unit, loc: l.loc, identity: [l.doc] });
  }
  for (const p of model.policies) {
    if (p.isBoundary || !p.doc || p.attachedTo.length > 0) continue;
    out.push({ label: p.address, kind: 'loose', unit: p.unit, loc: p.loc, identity: [p.doc] });
  }
  return out;
}

/** Every policy document with how it is used, each document once per usage. */
export interface DocUse {
  readonly doc: PolicyDoc;
  readonly usage: 'trust' | 'identity' | 'boundary' | 'resource';
}

export function docsOf(model: Model): readonly DocUse[] {
  let list = docCache.get(model);
  if (list) return list;
  const seen = new Set<PolicyDoc>();
  const out: DocUse[] = [];
  const add = (doc: PolicyDoc | undefined, usage: DocUse['usage']) => {
    if (!doc || seen.has(doc)) return;
    seen.add(doc);
    out.push({ doc, usage });
  };
  for (const r of model.roles) add(r.trust, 'trust');
  for (const rp of model.resourcePolicies) add(rp.doc, 'resource');
  for (const p of model.policies) if (p.isBoundary) add(p.doc, 'boundary');
  for (const pr of principalsOf(model)) for (const d of pr.identity) add(d, 'identity');
  for (const p of model.policies) add(p.doc, 'identity');
  list = out;
  docCache.set(model, list);
  return list;
}

const docCache = new WeakMap<Model, readonly DocUse[]>();
