// The diff as plain text (the CLI's default) and as Markdown (a pull-request comment, the hover).

import type {
  ReportedChange,
  ReportedDiff,
  ReportedPlace,
  ReportedRequest,
  ReportedSubject,
  ReportedTrustChange,
} from './locate';

const place = (p: ReportedPlace | undefined): string =>
  p ? `${p.file}:${p.line}${p.in === 'baseline' ? ' (baseline)' : ''}` : '';

/** One line per change: `+ s3:* on arn:aws:s3:::pennsieve-*` and the example request under it. */
export function formatDiffText(d: ReportedDiff): string {
  if (d.subjects.length === 0) return `No permission changes against ${d.baseline}.\n`;
  const lines: string[] = [];
  for (const s of d.subjects) {
    lines.push(`${s.kind === 'role' ? 'Role' : 'Policy'} ${s.subject} (${s.status}) ${place(s.at)}`);
    for (const c of s.added) lines.push(...changeLines('+', c));
    for (const c of s.removed) lines.push(...changeLines('-', c));
    for (const c of s.trust.added) lines.push(...trustLines('+', c));
    for (const c of s.trust.removed) lines.push(...trustLines('-', c));
    for (const v of s.verdicts) lines.push(`  ${v.worse ? '!' : '~'} ${v.ruleId} ${v.title}: ${v.before} → ${v.after}`);
    lines.push('');
  }
  lines.push(summaryLine(d));
  return lines.join('\n') + '\n';
}

function changeLines(sign: string, c: ReportedChange): string[] {
  const head = `  ${sign}${c.status === 'unknown' ? '?' : ''} ${c.label} on ${c.resources.join(', ')}`;
  if (c.status === 'unknown') return [`${head} — unknown: ${c.reason ?? ''}`];
  const out = [`${head}  ${place(c.cause)}`];
  if (c.example) out.push(`      e.g. ${requestText(c.example)}`);
  if (c.droppedDeny) out.push(`      a Deny that applied at ${place(c.droppedDeny)} no longer does`);
  return out;
}

function trustLines(sign: string, c: ReportedTrustChange): string[] {
  const head = `  ${sign}${c.status === 'unknown' ? '?' : ''} trust: ${c.principal} can ${c.actions.join(', ')}`;
  if (c.status === 'unknown') return [`${head} — unknown: ${c.reason ?? ''}`];
  return [`${head}  ${place(c.cause)}`, ...(c.example ? [`      e.g. ${requestText(c.example)}`] : [])];
}

/** `s3:PutObject on arn:aws:s3:::pennsieve-x/a (aws:SecureTransport=true)`. */
export function requestText(r: ReportedRequest): string {
  const ctx = Object.entries(r.context).map(([k, v]) => `${k}=${v === null ? 'absent' : JSON.stringify(v)}`);
  return `${r.principal ? `${r.principal} calls ` : ''}${r.action} on ${r.resource}${ctx.length ? ` with ${ctx.join(', ')}` : ''}`;
}

function summaryLine(d: ReportedDiff): string {
  const n = d.subjects.length;
  const verdict = d.widens
    ? 'permissions widen'
    : d.unknown
      ? 'some changes could not be decided (unknown values)'
      : 'nothing widens';
  return `${n} role${n === 1 ? '' : 's'} or polic${n === 1 ? 'y' : 'ies'} changed against ${d.baseline}: ${verdict}.`;
}

/** Markdown for a pull-request comment: a heading, then per subject its changes with examples. */
export function formatDiffMarkdown(d: ReportedDiff): string {
  const lines = [`### Permission changes against \`${d.baseline}\``, ''];
  if (d.subjects.length === 0) return lines.concat('No role or policy changes what it allows.', '').join('\n');
  lines.push(
    d.widens
      ? '**This change widens permissions.**'
      : d.unknown
        ? '**Some changes could not be decided: a value is unknown.**'
        : 'Nothing widens.',
    '',
  );
  for (const s of d.subjects) lines.push(...subjectMarkdown(s), '');
  return lines.join('\n');
}

/** One subject's section (also the language server's hover). */
export function subjectMarkdown(s: ReportedSubject): string[] {
  const out = [
    `#### ${s.kind === 'role' ? 'Role' : 'Policy'} \`${s.subject}\` — ${s.status}${s.at ? ` (${place(s.at)})` : ''}`,
    '',
  ];
  const item = (sign: string, c: ReportedChange) =>
    c.status === 'unknown'
      ? `- ${sign} ❓ \`${c.label}\` on \`${c.resources.join('`, `')}\` — unknown: ${c.reason ?? ''}`
      : `- ${sign} \`${c.label}\` on \`${c.resources.join('`, `')}\`${c.cause ? ` — ${place(c.cause)}` : ''}${c.example ? `<br>e.g. \`${requestText(c.example)}\`` : ''}${c.droppedDeny ? `<br>the Deny at ${place(c.droppedDeny)} no longer applies` : ''}`;
  const trust = (sign: string, c: ReportedTrustChange) =>
    `- ${sign} ${c.status === 'unknown' ? '❓ ' : ''}trust: **${c.principal}** can \`${c.actions.join('`, `')}\`${c.status === 'unknown' ? ` — unknown: ${c.reason ?? ''}` : c.example ? `<br>e.g. \`${requestText(c.example)}\`` : ''}`;
  for (const c of s.added) out.push(item('➕', c));
  for (const c of s.removed) out.push(item('➖', c));
  for (const c of s.trust.added) out.push(trust('➕', c));
  for (const c of s.trust.removed) out.push(trust('➖', c));
  for (const v of s.verdicts)
    out.push(`- ${v.worse ? '⚠️' : '✅'} ${v.ruleId} ${v.title}: ${v.before} → **${v.after}**`);
  return out;
}
