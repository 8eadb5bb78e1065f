// The roles and loose policies of a model, keyed by identity (unit + address, logical id or
// name) so that the same role is found in both versions wherever its text moved.

import type { Model, Role } from '../model/model';
import type { Loc } from '../model/loc';
import type { PolicyDoc } from '../model/policy';
import { renderPStr } from '../model/pstr';
import type { Val } from '../model/value';
import { principalsOf } from '../rules/support/principals';
import type { Permissions } from './semantics';

/** One role or loose policy. */
export interface DiffSubject {
  readonly key: string;
  readonly label: string;
  readonly kind: 'role' | 'policy';
  readonly loc: Loc;
  readonly permissions: Permissions;
  readonly trust?: PolicyDoc;
  readonly role?: Role;
}

/** Every subject of the model, by key (the first of duplicate keys wins; later ones get `#n`). */
export function subjectsOf(model: Model): Map<string, DiffSubject> {
  const out = new Map<string, DiffSubject>();
  for (const p of principalsOf(model)) {
    const role = p.role;
    let key = `${p.unit.id}|${p.label}`;
    for (let n = 2; out.has(key); n++) key = `${p.unit.id}|${p.label}#${n}`;
    const unresolved = role?.unresolved.map((u) => textOfVal(u.arn)) ?? [];
    // A boundary outside the files is not read: the diff compares identity policies without it
    // (it may report a widening the boundary blocks, never hide one) and names it when it changes.
    if (role?.boundary && !p.boundary) unresolved.push(`boundary ${textOfVal(role.boundary.value)}`);
    out.set(key, {
      key,
      label: p.label,
      kind: role ? 'role' : 'policy',
      loc: role ? (role.resource?.labelLoc ?? role.loc) : p.loc,
      permissions: { identity: p.identity, boundary: p.boundary ? [p.boundary] : undefined, unresolved },
      trust: role?.trust,
      role,
    });
  }
  return out;
}

function textOfVal(v: Val): string {
  return v.k === 'str' ? renderPStr(v.s) : v.k === 'unknown' ? `⟨${v.reason}⟩` : `⟨${v.k}⟩`;
}
