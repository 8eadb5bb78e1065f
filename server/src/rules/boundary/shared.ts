// Helpers for boundary rules: the boundary policies of the model and their granted actions.

import type { Catalog } from '../../catalog/catalog';
import { grantedActions } from '../../iam';
import type { Loc } from '../../model/loc';
import type { Model } from '../../model/model';
import type { PatternItem, Statement } from '../../model/policy';
import { isHole, type PStr } from '../../model/pstr';

/** Documents used as permissions boundaries (by a role, or named like one). */
export function boundaryDocs(model: Model) {
  return model.policies.filter((p) => p.isBoundary && p.doc).map((p) => ({ policy: p, doc: p.doc! }));
}

export interface EntryGrants {
  readonly groups: readonly { readonly loc: Loc; readonly item?: PatternItem; readonly actions: readonly string[] }[];
  readonly unknown?: { readonly reason: string; readonly loc: Loc };
}

// Several rules ask about the same statements in one check; statements are rebuilt per check.
const memo = new WeakMap<Statement, EntryGrants>();

/** Allowed actions of an Allow statement grouped by the Action entry (or NotAction key) granting them. */
export function grantsByEntry(catalog: Catalog, s: Statement): EntryGrants {
  let r = memo.get(s);
  if (!r) {
    r = computeGrants(catalog, s);
    memo.set(s, r);
  }
  return r;
}

function computeGrants(catalog: Catalog, s: Statement): EntryGrants {
  const g = grantedActions(catalog, s);
  if ('unknown' in g) return { groups: [], unknown: { reason: g.unknown, loc: g.loc } };
  const byLoc = new Map<string, { loc: Loc; item?: PatternItem; actions: string[] }>();
  for (const a of g) {
    const loc = a.item?.loc ?? a.listLoc;
    const key = `${loc.start}:${loc.end}`;
    let group = byLoc.get(key);
    if (!group) {
      group = { loc, item: a.item, actions: [] };
      byLoc.set(key, group);
    }
    group.actions.push(a.action);
  }
  return { groups: [...byLoc.values()] };
}

/** The policy name inside a policy ARN (after `:policy/` and any path). */
export function policyNameOfArn(arn: PStr): PStr | undefined {
  for (let i = arn.parts.length - 1; i >= 0; i--) {
    const p = arn.parts[i];
    if (isHole(p)) continue;
    const at = p.lastIndexOf(':policy/');
    if (at < 0) continue;
    const tail: PStr = { parts: [p.slice(at + ':policy/'.length), ...arn.parts.slice(i + 1)] };
    return stripPath(tail);
  }
  return undefined;
}

function stripPath(s: PStr): PStr {
  for (let i = s.parts.length - 1; i >= 0; i--) {
    const p = s.parts[i];
    if (isHole(p)) continue;
    const slash = p.lastIndexOf('/');
    if (slash >= 0) return { parts: [p.slice(slash + 1), ...s.parts.slice(i + 1)] };
  }
  return s;
}
