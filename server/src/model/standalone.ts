// Standalone JSON documents: a policy file, or a role template ({roleName, policyDocument,
// trustPolicyDocument}) as /role-policy returns it. The profile's file globs say whether a
// policy belongs to the cross-account role or is a boundary.

import { matchesPathGlob } from '../util/pathGlob';
import { classifyRole, type ModelOptions, type NameMatcher, type RoleBuild, type Sink } from './roleBuild';
import type { Loc } from './loc';
import type { StandaloneDoc } from './model';
import type { PolicyDoc } from './policy';
import { known, textOf, type PStr } from './pstr';
import type { Unit } from './resources';
import type { Val } from './value';

/** True when a document names principals: a trust policy or a resource policy. */
export function isTrustDoc(doc: PolicyDoc): boolean {
  return doc.statements.some((s) => s.principal || s.notPrincipal);
}

/**
 * True when a document that names principals is a resource policy rather than a trust policy:
 * no statement with principals can grant an `sts:AssumeRole*` action (`*`, `sts:*` and
 * `sts:Assume*` can; an action list not fully known is read as a trust policy, as before).
 */
export function isResourcePolicyDoc(doc: PolicyDoc, matchName: NameMatcher): boolean {
  const named = doc.statements.filter((s) => s.principal || s.notPrincipal);
  if (named.length === 0 || doc.unknownStatements !== undefined) return false;
  return named.every(
    (s) =>
      !!s.action && s.action.unknown === undefined && s.action.items.every((it) => !mayAssume(it.value, matchName)),
  );
}

const ASSUME_ACTIONS = ['sts:AssumeRole', 'sts:AssumeRoleWithWebIdentity', 'sts:AssumeRoleWithSAML'];

function mayAssume(v: PStr, matchName: NameMatcher): boolean {
  const text = textOf(v);
  if (text === undefined) return true;
  return ASSUME_ACTIONS.some((a) => matchName(text, known(a), { ignoreCase: true }) !== 'no');
}

/** Adds a standalone document to the model under construction. */
export function addStandalone(s: StandaloneDoc, sink: Sink, opts: ModelOptions): void {
  if (s.kind === 'roleTemplate') {
    sink.roles.push(
      syntheticRole(s.unit, s.path, s.loc, classifyRole(s.roleName?.value, s.path, opts), {
        name: s.roleName,
        trust: s.trust,
        identity: s.identity,
        maxSession: s.maxSession,
        describesRole: true,
      }),
    );
    return;
  }
  const { doc, unit, path } = s;
  if (isResourcePolicyDoc(doc, opts.matchName)) {
    sink.resourcePolicies.push({ address: path, unit, kind: 'resource policy', loc: doc.loc, doc });
    return;
  }
  const trust = isTrustDoc(doc);
  if (matchesPathGlob(opts.profile.crossAccountRole.policyFiles, path)) {
    sink.roles.push(syntheticRole(unit, path, doc.loc, 'crossAccount', trust ? { trust: doc } : { identity: doc }));
  } else if (!trust && matchesPathGlob(opts.profile.boundary.policyFiles, path)) {
    sink.policies.push({
      address: path,
      unit,
      path: '/',
      loc: doc.loc,
      doc,
      boundaryOf: [],
      attachedTo: [],
      isBoundary: true,
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
