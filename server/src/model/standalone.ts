// Standalone JSON documents: a policy file, or a role template ({roleName, policyDocument,
// trustPolicyDocument}) as /role-policy returns it. The profile's file globs say whether a
// policy belongs to the cross-account role or is a boundary.

import { matchesPathGlob } from '../util/pathGlob';
import type { ModelOptions, RoleBuild, Sink } from './buildModel';
import { classifyRole } from './buildModel';
import type { Loc } from './loc';
import type { PolicyDoc } from './policy';
import type { PStr } from './pstr';
import type { Unit } from './resources';
import type { Val } from './value';

export type StandaloneDoc =
  | { readonly kind: 'policy'; readonly unit: Unit; readonly path: string; readonly doc: PolicyDoc }
  | {
      readonly kind: 'roleTemplate';
      readonly unit: Unit;
      readonly path: string;
      readonly loc: Loc;
      readonly roleName?: { readonly value: PStr; readonly loc: Loc };
      readonly trust?: PolicyDoc;
      readonly identity?: PolicyDoc;
      readonly maxSession?: { readonly value: Val; readonly loc: Loc };
    };

/** True when a document is a trust policy (its statements name principals). */
export function isTrustDoc(doc: PolicyDoc): boolean {
  return doc.statements.some((s) => s.principal || s.notPrincipal);
}

/** Adds a standalone document to the model under construction. */
export function addStandalone(s: StandaloneDoc, sink: Sink, opts: ModelOptions): void {
  if (s.kind === 'roleTemplate') {
    sink.roles.push(syntheticRole(s.unit, s.path, s.loc, classifyRole(s.roleName?.value, s.path, opts), {
      name: s.roleName, trust: s.trust, identity: s.identity, maxSession: s.maxSession, describesRole: true,
    }));
    return;
  }
  const { doc, unit, path } = s;
  const trust = isTrustDoc(doc);
  if (matchesPathGlob(opts.profile.crossAccountRole.policyFiles, path)) {
    sink.roles.push(syntheticRole(unit, path, doc.loc, 'crossAccount', trust ? { trust: doc } : { identity: doc }));
  } else if (!trust && matchesPathGlob(opts.profile.boundary.policyFiles, path)) {
    sink.policies.push({
      address: path, unit, path: '/', loc: doc.loc, doc, boundaryOf: [], attachedTo: [], isBoundary: true,
    });
  } else if (trust) {
    sink.roles.push(syntheticRole(unit, path, doc.loc, 'child', { trust: doc }));
  } else {
    sink.loose.push({ doc, unit, loc: doc.loc });
  }
}

interface SyntheticParts {
  readonly name?: { readonly value: PStr; readonly loc: Loc };
  readonly trust?: PolicyDoc;
  readonly identity?: PolicyDoc;
  readonly maxSession?: { readonly value: Val; readonly loc: Loc };
  /** A role template describes a whole role; a lone policy file does not. */
  readonly describesRole?: boolean;
}

function syntheticRole(unit: Unit, path: string, loc: Loc, kind: RoleBuild['kind'], p: SyntheticParts): RoleBuild {
  return {
    address: path,
    unit,
    synthetic: !p.describesRole,
    name: p.name,
    path: '/',
    kind,
    loc: p.name?.loc ?? loc,
    trust: p.trust,
    maxSessionDuration: p.maxSession,
    identity: p.identity ? [{ doc: p.identity, loc: p.identity.loc }] : [],
    unresolved: [],
  };
}
