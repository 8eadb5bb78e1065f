// Two checked versions → the permission diff: subjects matched by identity, per subject the
// requests gained and lost (skipped when both versions mean the same), trust gained and lost,
// and guarantee verdicts that moved.

import type { Catalog } from '../catalog/catalog';
import type { Finding } from '../core/finding';
import { guaranteeTable, type SubjectGuarantees, type Verdict } from '../engine/guarantees';
import type { Profile } from '../core/profile';
import type { Model } from '../model/model';
import { gainedRequests } from './gained';
import { docKey, permissionsKey, type Permissions } from './semantics';
import { subjectsOf, type DiffSubject } from './subjects';
import { summarise } from './summarise';
import { trustGained } from './trust';
import type { PermissionChange, PermissionDiff, SubjectDelta, VerdictChange } from './types';

/** One checked version. */
export interface CheckedVersion {
  readonly model: Model;
  readonly findings: readonly Finding[];
  /** Rules that failed: their verdicts are unknown. */
  readonly failed?: ReadonlySet<string>;
}

/** The diff of `current` against `baseline`. Never throws for unknown values: they make parts `unknown`. */
export function compareVersions(
  catalog: Catalog,
  profile: Profile,
  current: CheckedVersion,
  baseline: CheckedVersion,
): PermissionDiff {
  const now = subjectsOf(current.model);
  const then = memo(subjectMemo, baseline.model, () => subjectsOf(baseline.model));
  const tableNow = tableByKey(current, profile);
  const tableThen = memo(tableMemo, baseline.findings, () => tableByKey(baseline, profile));
  const out: SubjectDelta[] = [];
  for (const key of new Set([...now.keys(), ...then.keys(), ...tableNow.keys(), ...tableThen.keys()])) {
    const d = deltaOf(catalog, now.get(key), then.get(key), verdictChanges(tableNow.get(key), tableThen.get(key)), key);
    if (d) out.push(d);
  }
  return { subjects: out };
}

const EMPTY: Permissions = { identity: [] };

// The baseline is the same object across the editor's many diffs against HEAD: its subjects and
// verdict table are computed once.
const subjectMemo = new WeakMap<object, Map<string, DiffSubject>>();
const tableMemo = new WeakMap<object, Map<string, SubjectGuarantees>>();
// Fingerprints of the baseline's subjects, kept with them (the current side's are new objects each time).
const permissionsKeyMemo = new WeakMap<object, string>();
const docKeyMemo = new WeakMap<object, string>();

function memo<T>(m: WeakMap<object, T>, key: object, make: () => T): T {
  let v = m.get(key);
  if (v === undefined) m.set(key, (v = make()));
  return v;
}

function deltaOf(
  catalog: Catalog,
  a: DiffSubject | undefined,
  b: DiffSubject | undefined,
  verdicts: VerdictChange[],
  key: string,
): SubjectDelta | undefined {
  const after = a?.permissions ?? EMPTY;
  const before = b?.permissions ?? EMPTY;
  const same =
    memo(permissionsKeyMemo, after, () => permissionsKey(after)) ===
    memo(permissionsKeyMemo, before, () => permissionsKey(before));
  const added = same
    ? []
    : [
        ...summarise(catalog, gainedRequests(catalog, after, before, catalog.allActions()), 'current'),
        ...external(after, before),
      ];
  const removed = same
    ? []
    : [
        ...summarise(catalog, gainedRequests(catalog, before, after, catalog.allActions()), 'baseline'),
        ...external(before, after),
      ];
  const trustKey = (t: DiffSubject['trust']) => (t ? memo(docKeyMemo, t, () => docKey(t)) : docKey(t));
  const sameTrust = trustKey(a?.trust) === trustKey(b?.trust);
  const trustAdded = sameTrust ? [] : trustGained(catalog, a?.trust, b?.trust, 'current');
  const trustRemoved = sameTrust ? [] : trustGained(catalog, b?.trust, a?.trust, 'baseline');
  if (added.length + removed.length + trustAdded.length + trustRemoved.length + verdicts.length === 0 && a && b)
    return undefined;
  if (!a && !b && verdicts.length === 0) return undefined;
  return {
    subject: a?.label ?? b?.label ?? key.slice(key.indexOf('|') + 1),
    kind: (a ?? b)?.kind ?? 'policy',
    status: !b ? 'added' : !a ? 'removed' : 'changed',
    loc: a?.loc,
    baseLoc: b?.loc,
    added,
    removed,
    trustAdded,
    trustRemoved,
    verdicts,
  };
}

/** Policies or a boundary outside the files that one version has and the other does not: unknown. */
function external(after: Permissions, before: Permissions): PermissionChange[] {
  const had = new Set(before.unresolved ?? []);
  return (after.unresolved ?? [])
    .filter((u) => !had.has(u))
    .map((u) => ({
      status: 'unknown' as const,
      service: '*',
      actions: [],
      serviceActions: 0,
      resources: ['*'],
      reason: `${u.startsWith('boundary ') ? 'the permissions boundary' : 'an attached policy'} outside the checked files changed: ${u.replace(/^boundary /, '')}`,
    }));
}

const RANK: Record<Verdict | 'absent', number> = { absent: 0, proved: 0, unknown: 1, counterexample: 2 };

function verdictChanges(now: SubjectGuarantees | undefined, then: SubjectGuarantees | undefined): VerdictChange[] {
  const out: VerdictChange[] = [];
  for (const id of new Set([...(now?.rows ?? []), ...(then?.rows ?? [])].map((r) => r.ruleId))) {
    const a = now?.rows.find((r) => r.ruleId === id);
    const b = then?.rows.find((r) => r.ruleId === id);
    const after = a?.verdict ?? 'absent';
    const before = b?.verdict ?? 'absent';
    if (after === before || (!then && after === 'proved') || (!now && before === 'proved')) continue;
    out.push({
      ruleId: id,
      title: (a ?? b)!.title,
      before,
      after,
      worse: RANK[after] > RANK[before],
      reason: a?.reason ?? b?.reason,
      loc: a?.loc,
    });
  }
  return out;
}

function tableByKey(v: CheckedVersion, profile: Profile): Map<string, SubjectGuarantees> {
  const unitOf = new Map<string, string>();
  for (const r of v.model.resources) unitOf.set(r.loc.file, r.unit.id);
  for (const l of v.model.looseIdentityPolicies) unitOf.set(l.loc.file, l.unit.id);
  const out = new Map<string, SubjectGuarantees>();
  for (const s of guaranteeTable(v.model, profile, v.findings, v.failed)) {
    const key = `${unitOf.get(s.loc.file) ?? s.loc.file}|${s.subject}`;
    if (!out.has(key)) out.set(key, s);
  }
  return out;
}
