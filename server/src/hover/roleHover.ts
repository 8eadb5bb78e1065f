// Hover on a role (resource header or name): its effective permissions, identity policies ∩
// permissions boundary − explicit deny, summarised per service.

import type { Catalog } from '../catalog/catalog';
import type { GuaranteeRow } from '../engine/guarantees';
import { grantedActions, mayAllowAction } from '../iam';
import type { Role } from '../model/model';
import type { PolicyDoc } from '../model/policy';
import { renderPStr } from '../model/pstr';
import { code, levelSummary, plural } from './markdown';

const KIND_LABEL: Readonly<Record<Role['kind'], string>> = {
  crossAccount: 'the cross-account role',
  processor: 'a processor role',
  child: 'a child role',
};

interface Effective {
  readonly sure: string[];
  readonly maybe: string[];
  readonly cutByBoundary: string[];
  readonly unknown?: string;
}

const MARK = { proved: '✓', counterexample: '✗', unknown: '?' } as const;

/** Markdown for a role: its guarantees (when known), boundary and effective permissions per service. */
export function roleHover(catalog: Catalog, role: Role, guarantees?: readonly GuaranteeRow[]): string {
  const name = role.name ? renderPStr(role.name.value) : role.address;
  const boundary = role.boundary?.policy?.doc;
  const lines = [`**${code(name)}** — ${KIND_LABEL[role.kind]}${role.resource ? ` (${code(role.address)})` : ''}`, ''];
  if (guarantees?.length) lines.push(...guaranteeLines(guarantees), '');
  if (!role.boundary || role.boundary.value.k === 'null')
    lines.push('No permissions boundary: its identity policies apply in full.');
  else if (boundary) lines.push(`Permissions boundary: ${code(role.boundary.policy!.address)}.`);
  else lines.push('Its permissions boundary is not in this unit, so it is not applied below.');
  const e = effective(
    catalog,
    role.identity.map((a) => a.doc),
    boundary,
  );
  lines.push(
    '',
    `**Effective permissions** (identity ∩ boundary − deny): ${plural(e.sure.length, 'action')}${e.maybe.length ? `, ${e.maybe.length} more depending on unknown values` : ''}.`,
  );
  if (e.sure.length + e.maybe.length > 0) lines.push('', ...serviceTable(catalog, e.sure, e.maybe));
  if (e.cutByBoundary.length)
    lines.push(
      '',
      `Granted but cut by the boundary: ${plural(e.cutByBoundary.length, 'action')} (${summary(e.cutByBoundary)}).`,
    );
  if (e.unknown) lines.push('', `Part of the identity policies is not known here: ${e.unknown}`);
  lines.push('', 'Conditions and resources are not applied: this is what the role can do on some resource.');
  return lines.join('\n');
}

/** One line per guarantee: ✓ proved, ✗ the request that breaks it, ? the unknown value. */
function guaranteeLines(rows: readonly GuaranteeRow[]): string[] {
  const out = ['**Guarantees**', ''];
  for (const r of rows) {
    const why = r.verdict === 'proved' ? 'proved' : `${r.verdict}: ${escapeMarkdown(r.reason ?? '')}`;
    out.push(`- ${MARK[r.verdict]} \`${r.ruleId}\` ${r.title} — ${why}`);
  }
  return out;
}

function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_[\]<>]/g, (c) => `\\${c}`);
}

function effective(catalog: Catalog, identity: readonly PolicyDoc[], boundary: PolicyDoc | undefined): Effective {
  const candidates = new Set<string>();
  let unknown: string | undefined;
  for (const doc of identity) {
    if (doc.unknownStatements !== undefined) unknown ??= doc.unknownStatements;
    for (const st of doc.statements) {
      if (st.effect !== 'Allow') continue;
      const g = grantedActions(catalog, st);
      if ('unknown' in g) unknown ??= g.unknown;
      for (const a of 'unknown' in g ? g.granted : g) candidates.add(a.action);
    }
  }
  const out: Effective = { sure: [], maybe: [], cutByBoundary: [], unknown };
  for (const a of candidates) {
    const id = mayAllowAction(catalog, identity, a);
    if (id === 'no') continue;
    const b = boundary ? mayAllowAction(catalog, [boundary], a) : 'yes';
    if (b === 'no') out.cutByBoundary.push(a);
    else if (id === 'yes' && b === 'yes') out.sure.push(a);
    else out.maybe.push(a);
  }
  return out;
}

function serviceTable(catalog: Catalog, sure: readonly string[], maybe: readonly string[]): string[] {
  const rows = new Map<string, { n: number; maybe: number; levels: Map<string, number> }>();
  const add = (a: string, isMaybe: boolean) => {
    const svc = a.slice(0, a.indexOf(':'));
    const row = rows.get(svc) ?? { n: 0, maybe: 0, levels: new Map<string, number>() };
    row.n++;
    if (isMaybe) row.maybe++;
    for (const l of catalog.getAction(a)?.accessLevels ?? []) row.levels.set(l, (row.levels.get(l) ?? 0) + 1);
    rows.set(svc, row);
  };
  for (const a of sure) add(a, false);
  for (const a of maybe) add(a, true);
  const sorted = [...rows].sort((a, b) => b[1].n - a[1].n);
  const out = ['| Service | Actions | Access levels |', '| --- | ---: | --- |'];
  for (const [svc, r] of sorted.slice(0, 15)) {
    const all = catalog.actionsOf(svc).length;
    const count = r.n === all ? `all ${r.n}` : `${r.n}${r.maybe ? ` (${r.maybe} maybe)` : ''}`;
    out.push(`| ${code(svc)} | ${count} | ${levelSummary(r.levels)} |`);
  }
  if (sorted.length > 15) out.push(`| …${plural(sorted.length - 15, 'more service')} | | |`);
  return out;
}

function summary(actions: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const a of actions) counts.set(a.slice(0, a.indexOf(':')), (counts.get(a.slice(0, a.indexOf(':'))) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([s, n]) => `${s} ${n}`)
    .join(', ');
}
