// Findings people can read: after every rule has run, one finding per rule and token, no info
// that repeats a PG801 or a PG101, and a managed policy's findings once however many roles use it.

import type { Loc } from '../model/loc';
import type { Finding, RelatedLocation, Severity } from '../core/finding';

const RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

/**
 * Groups `findings` (in order, the first of each group kept in place):
 * - the same rule on the same token is one finding: the most severe one, naming every subject it
 *   is about (`alsoSubjects`, so per-role verdict tables stay right), with the others' distinct
 *   messages appended and their related locations kept;
 * - an info finding inside the span of a PG801 finding is dropped (the document is malformed:
 *   PG801 already says nothing in it can be trusted);
 * - PG102 on a token or statement where PG101 fires (or cannot decide) is dropped: anyone includes
 *   other accounts, and the guarantee table carries PG101's verdict over to PG102.
 */
export function groupFindings(findings: readonly Finding[]): Finding[] {
  const malformed = findings.filter((f) => f.ruleId === 'PG801' && f.severity !== 'info').map((f) => f.loc);
  const openTrust = new Set(
    findings
      .filter((f) => f.ruleId === 'PG101')
      .flatMap((f) => [locKey(f.loc), ...(f.counterexample?.allowedBy ? [locKey(f.counterexample.allowedBy)] : [])]),
  );
  const groups = new Map<string, Finding[]>();
  const order: string[] = [];
  for (const f of findings) {
    if (f.severity === 'info' && f.ruleId !== 'PG801' && malformed.some((m) => inside(f.loc, m))) continue;
    if (
      f.ruleId === 'PG102' &&
      (openTrust.has(locKey(f.loc)) ||
        (f.counterexample?.allowedBy && openTrust.has(locKey(f.counterexample.allowedBy))))
    )
      continue;
    const key = `${f.ruleId}|${locKey(f.loc)}`;
    const g = groups.get(key);
    if (g) g.push(f);
    else {
      groups.set(key, [f]);
      order.push(key);
    }
  }
  return order.map((k) => mergeGroup(groups.get(k)!));
}

/** One finding for several of one rule on one token. */
export function mergeGroup(group: readonly Finding[]): Finding {
  if (group.length === 1) return group[0];
  const sorted = [...group].sort((a, b) => RANK[a.severity] - RANK[b.severity]);
  const first = sorted[0];
  const messages = [...new Set(sorted.map((f) => f.message))];
  const subjects = [...new Set(group.map((f) => f.subject).filter((s): s is string => s !== undefined))];
  const related = mergeRelated(group);
  return {
    ...first,
    message: messages.length === 1 ? first.message : `${first.message} (also here: ${messages.slice(1).join('; ')})`,
    ...(related.length ? { related } : {}),
    ...(subjects.length > 1
      ? {
          subject: first.subject ?? subjects[0],
          alsoSubjects: subjects.filter((s) => s !== (first.subject ?? subjects[0])),
        }
      : {}),
  };
}

function mergeRelated(group: readonly Finding[]): RelatedLocation[] {
  const seen = new Set<string>();
  const out: RelatedLocation[] = [];
  for (const f of group)
    for (const r of f.related ?? []) {
      const key = `${locKey(r.loc)}|${r.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(r);
    }
  return out;
}

function locKey(l: Loc): string {
  return `${l.file}|${l.start}|${l.end}`;
}

function inside(a: Loc, area: Loc): boolean {
  return a.file === area.file && a.start >= area.start && a.end <= area.end;
}
