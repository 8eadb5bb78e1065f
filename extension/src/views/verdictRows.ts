// Guarantee verdicts as report rows: proved, counterexample (with the request that gets in) or
// unknown (with the value that could not be resolved). The Role Audit and Guarantees views share
// them. No editor types here.

import type { GuaranteeEntry, GuaranteeSubject } from '../../../shared/protocol';
import type { ReportRow, RowIcon } from './reportRow';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "12 proved, 2 counterexamples, 1 unknown" over every subject of a side. */
export function describeVerdicts(subjects: readonly GuaranteeSubject[]): string {
  const all = subjects.flatMap((s) => s.guarantees);
  if (all.length === 0) return 'no guarantees apply';
  const n = (v: GuaranteeEntry['verdict']) => all.filter((g) => g.verdict === v).length;
  const parts = [
    `${n('proved')} proved`,
    n('counterexample') && plural(n('counterexample'), 'counterexample'),
    n('unknown') && `${n('unknown')} unknown`,
  ];
  return parts.filter(Boolean).join(', ');
}

const VERDICT_ICON: Readonly<Record<GuaranteeEntry['verdict'], RowIcon>> = {
  proved: 'pass',
  counterexample: 'error',
  unknown: 'question',
};

/** What a counterexample request is, for a tooltip. */
function describeRequest(g: GuaranteeEntry): string | undefined {
  const c = g.counterexample;
  if (!c) return undefined;
  const context = Object.entries(c.context).map(
    ([k, v]) => `${k} = ${v === null ? '(absent)' : Array.isArray(v) ? v.join(', ') : v}`,
  );
  return [
    `A request that gets in: ${c.principal} calls ${c.action} on ${c.resource}`,
    ...context,
    ...c.denies.map((d) => `A deny does not apply: ${d.why}`),
  ].join('\n');
}

/** One guarantee: ✓ proved, ✗ counterexample (the request in the tooltip) or ? unknown (why). */
export function guaranteeRow(g: GuaranteeEntry, subject: string, i: number): ReportRow {
  const tooltip = [`${g.ruleId} ${g.title}: ${g.verdict}`, g.reason, describeRequest(g)].filter(Boolean).join('\n');
  return {
    key: `guarantee:${subject}:${i}`,
    label: g.title,
    description: g.verdict === 'proved' ? g.ruleId : `${g.ruleId} · ${g.reason ?? g.verdict}`,
    tooltip,
    icon: VERDICT_ICON[g.verdict],
    reveal: g.location?.range,
    revealUri: g.location?.uri,
  };
}

/** A "Guarantees" row over `subjects`: one subject lists its guarantees directly; several are grouped. */
export function guaranteesRow(subjects: readonly GuaranteeSubject[]): ReportRow {
  const all = subjects.flatMap((s) => s.guarantees);
  const icon: RowIcon = all.some((g) => g.verdict === 'counterexample')
    ? 'error'
    : all.some((g) => g.verdict === 'unknown')
      ? 'question'
      : 'pass';
  const children = (): ReportRow[] =>
    subjects.length === 1
      ? subjects[0]!.guarantees.map((g, i) => guaranteeRow(g, subjects[0]!.subject, i))
      : subjects.map((s) => ({
          key: `subject:${s.subject}`,
          label: s.subject,
          description: describeVerdicts([s]),
          icon: 'shield' as const,
          children: () => s.guarantees.map((g, i) => guaranteeRow(g, s.subject, i)),
        }));
  return {
    key: 'guarantees',
    label: 'Guarantees',
    description: describeVerdicts(subjects),
    icon,
    children: all.length ? children : undefined,
  };
}

const KIND: Readonly<Record<GuaranteeSubject['kind'], string>> = {
  crossAccount: 'cross-account role',
  child: 'role',
  processor: 'processor role',
  boundary: 'permissions boundary',
  policy: 'policy',
  resource: 'resource policy',
};

/** A subject as a row, its guarantees below it. */
export function subjectRow(s: GuaranteeSubject, uri: string): ReportRow {
  return {
    key: `subject:${s.subject}`,
    label: s.subject,
    description: `${KIND[s.kind]} · ${describeVerdicts([s])}`,
    icon: s.guarantees.some((g) => g.verdict === 'counterexample')
      ? 'error'
      : s.guarantees.some((g) => g.verdict === 'unknown')
        ? 'question'
        : 'pass',
    reveal: s.range,
    revealUri: uri,
    expanded: true,
    children: () => s.guarantees.map((g, i) => guaranteeRow(g, s.subject, i)),
  };
}
