// `prove` as text: per role or policy, one line per guarantee (✓ proved, ✗ counterexample,
// ? unknown), the counterexample's request or the unknown value under it, and a summary.

import type { Verdict } from '../engine/guarantees';
import type { LocatedRow, LocatedSubject } from './proveLocate';

const MARK: Readonly<Record<Verdict, string>> = { proved: '✓', counterexample: '✗', unknown: '?' };
const KIND: Readonly<Record<LocatedSubject['kind'], string>> = {
  crossAccount: 'cross-account role',
  child: 'child role',
  processor: 'processor role',
  boundary: 'permissions boundary',
  policy: 'policy',
  resource: 'resource policy',
};
const C = { red: '\x1b[31m', green: '\x1b[32m', yellow: '\x1b[33m', dim: '\x1b[2m', bold: '\x1b[1m', reset: '\x1b[0m' };

/** The table for a terminal. */
export function formatProveText(subjects: readonly LocatedSubject[], opts: { color: boolean }): string {
  const paint = (code: string, s: string) => (opts.color ? code + s + C.reset : s);
  const color: Readonly<Record<Verdict, string>> = { proved: C.green, counterexample: C.red, unknown: C.yellow };
  const lines: string[] = [];
  for (const s of subjects) {
    lines.push('', `${paint(C.bold, s.subject)} ${paint(C.dim, `(${KIND[s.kind]}, ${s.file}:${s.line})`)}`);
    for (const r of s.guarantees) {
      lines.push(`  ${paint(color[r.verdict], MARK[r.verdict])} ${r.ruleId}  ${r.title}: ${r.verdict}`);
      lines.push(...details(r).map((d) => `      ${paint(C.dim, d)}`));
    }
  }
  const count = (v: Verdict) => subjects.reduce((n, s) => n + s.guarantees.filter((r) => r.verdict === v).length, 0);
  lines.push(
    '',
    `${subjects.length} role${subjects.length === 1 ? '' : 's'} and policies: ${count('proved')} proved, ${count('counterexample')} counterexample${count('counterexample') === 1 ? '' : 's'}, ${count('unknown')} unknown`,
    '',
  );
  return lines.join('\n');
}

function details(r: LocatedRow): string[] {
  if (r.verdict === 'proved') return [];
  const out = [`${r.reason ?? ''}${r.file ? ` (${r.file}:${r.line})` : ''}`];
  const cx = r.counterexample;
  if (cx) {
    if (cx.allowedBy) out.push(`allowed by ${cx.allowedBy.file}:${cx.allowedBy.line}`);
    for (const d of cx.denies) out.push(`deny at ${d.file}:${d.line} does not apply: ${d.why}`);
  }
  return out;
}
