// One audit run as rows for the Role Audit view: the run, its findings, rules that failed, and the
// drift from the template with each side's verdicts. No editor types here.

import type { AuditFinding, AuditRoleResult, AuditSide, RoleDrift, ServiceDrift } from '../../../shared/protocol';
import type { ReportRow } from '../views/reportRow';
import { describeVerdicts, guaranteesRow } from '../views/verdictRows';

export type { ReportRow } from '../views/reportRow';

/** One run of "Audit Deployed Role", as the view shows it. */
export interface AuditRun {
  readonly roleName: string;
  /** The account's name or AWS account number. */
  readonly accountLabel: string;
  readonly awsAccountId: string;
  /** The live document's URI (findings open there). */
  readonly uri: string;
  readonly at: Date;
  readonly result: AuditRoleResult;
  /** Why there is no drift: the template could not be fetched. */
  readonly templateError?: string;
  /** Reading the role from IAM, the language server's answer (engine time is `result.checkMs`), the whole command. */
  readonly timings: { readonly iamMs: number; readonly serverMs: number; readonly totalMs: number };
}

/** Actions shown under one service before a "… more" row. */
export const MAX_ACTION_ROWS = 200;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "2 errors, 1 warning" or "no findings". */
export function describeCounts(side: AuditSide): string {
  const { error, warning, info } = side.counts;
  const parts = [error && plural(error, 'error'), warning && plural(warning, 'warning'), info && `${info} info`].filter(
    Boolean,
  );
  return parts.length ? parts.join(', ') : 'no findings';
}

function findingRow(f: AuditFinding, i: number): ReportRow {
  return {
    key: `finding:${i}`,
    label: f.ruleId,
    description: f.message,
    tooltip: `${f.ruleId} (line ${f.range.start.line + 1}): ${f.message}`,
    icon: f.severity,
    reveal: f.range,
  };
}

function findingsRow(run: AuditRun): ReportRow {
  const live = run.result.live;
  return {
    key: 'findings',
    label: 'Findings',
    expanded: true,
    description: describeCounts(live),
    icon: live.counts.error ? 'error' : live.counts.warning ? 'warning' : 'pass',
    children: live.findings.length ? () => live.findings.map(findingRow) : undefined,
  };
}

function failuresRow(failed: readonly string[]): ReportRow {
  return {
    key: 'failed',
    label: 'Rules that failed',
    description: `${failed.length}: this audit is incomplete`,
    tooltip: 'A rule crashed on this role; its guarantee was not checked. See the log.',
    icon: 'error',
    children: () =>
      failed.map((f, i) => ({
        key: `failed:${i}`,
        label: f.split(':')[0]!,
        description: f.slice(f.indexOf(':') + 1).trim(),
        icon: 'error' as const,
      })),
  };
}

function actionRows(service: ServiceDrift): ReportRow[] {
  const rows: ReportRow[] = [
    ...service.allowsAdded.map((a) => ({
      key: `+a:${a}`,
      label: a,
      description: 'allowed, not in the template',
      icon: 'add' as const,
    })),
    ...service.allowsRemoved.map((a) => ({
      key: `-a:${a}`,
      label: a,
      description: 'in the template, no longer allowed',
      icon: 'remove' as const,
    })),
    ...service.deniesAdded.map((a) => ({
      key: `+d:${a}`,
      label: a,
      description: 'denied, not in the template',
      icon: 'remove' as const,
    })),
    ...service.deniesRemoved.map((a) => ({
      key: `-d:${a}`,
      label: a,
      description: 'the template denies it; the role no longer does',
      icon: 'add' as const,
    })),
  ];
  if (rows.length <= MAX_ACTION_ROWS) return rows;
  return [
    ...rows.slice(0, MAX_ACTION_ROWS),
    { key: `more:${service.service}`, label: `… ${rows.length - MAX_ACTION_ROWS} more`, icon: 'ellipsis' },
  ];
}

/** "+3 allowed, −1 denied" for one service. */
export function describeServiceDrift(s: ServiceDrift): string {
  const parts = [
    s.allowsAdded.length && `+${s.allowsAdded.length} allowed`,
    s.allowsRemoved.length && `−${s.allowsRemoved.length} allowed`,
    s.deniesAdded.length && `+${s.deniesAdded.length} denied`,
    s.deniesRemoved.length && `−${s.deniesRemoved.length} denied`,
  ];
  return parts.filter(Boolean).join(', ');
}

function sideRow(key: string, label: string, side: AuditSide | undefined): ReportRow {
  if (!side) return { key, label, description: 'not checked', icon: 'info' };
  const ids = [...new Set(side.findings.map((f) => f.ruleId))].join(', ');
  const findings = side.findings.length ? `${describeCounts(side)}: ${ids}` : 'no findings';
  return {
    key,
    label,
    description: `${describeVerdicts(side.guarantees)} · ${findings}`,
    icon: side.counts.error ? 'error' : 'pass',
  };
}

function driftChildren(run: AuditRun, drift: RoleDrift): ReportRow[] {
  const trust = [
    ...drift.trustedAdded.map((p) => ({
      key: `+t:${p}`,
      label: p,
      description: 'trusted, not in the template',
      icon: 'add' as const,
    })),
    ...drift.trustedRemoved.map((p) => ({
      key: `-t:${p}`,
      label: p,
      description: 'trusted by the template, no longer by the role',
      icon: 'remove' as const,
    })),
  ];
  return [
    sideRow('side:live', 'Live role', run.result.live),
    sideRow('side:template', 'Template', run.result.template),
    ...(trust.length
      ? [
          {
            key: 'trust',
            label: 'Trust policy',
            description: `${trust.length} principal change(s)`,
            icon: 'account' as const,
            children: () => trust,
          },
        ]
      : []),
    ...drift.services.map((s) => ({
      key: `service:${s.service}`,
      label: s.service,
      description: describeServiceDrift(s),
      icon: 'symbol-namespace' as const,
      children: () => actionRows(s),
    })),
  ];
}

/** "+12 −3 actions in 2 services" (what the role gained and lost, allows and denies together). */
export function describeDrift(drift: RoleDrift): string {
  const added = drift.services.reduce((n, s) => n + s.allowsAdded.length + s.deniesRemoved.length, 0);
  const removed = drift.services.reduce((n, s) => n + s.allowsRemoved.length + s.deniesAdded.length, 0);
  const trust = drift.trustedAdded.length + drift.trustedRemoved.length;
  if (!added && !removed && !trust) return 'matches the template';
  const actions =
    added || removed ? `+${added} −${removed} actions in ${plural(drift.services.length, 'service')}` : '';
  return [actions, trust ? `${trust} trust change(s)` : ''].filter(Boolean).join('; ');
}

function driftRow(run: AuditRun): ReportRow {
  const drift = run.result.drift;
  if (!drift)
    return {
      key: 'drift',
      label: 'Drift from template',
      description: run.templateError ? `template unavailable: ${run.templateError}` : 'not compared',
      icon: 'info',
    };
  return {
    key: 'drift',
    label: 'Drift from template',
    description: describeDrift(drift),
    icon: 'diff',
    expanded: true,
    children: () => driftChildren(run, drift),
  };
}

/** The top rows for a run: what was audited, then findings, failures and drift. */
export function reportRows(run: AuditRun): ReportRow[] {
  const r = run.result;
  const summary: ReportRow = {
    key: 'run',
    label: run.roleName,
    description: `${run.accountLabel} · ${run.at.toLocaleString()}`,
    tooltip: [
      `AWS account ${run.awsAccountId}`,
      `Profile ${r.profile}${r.profileError ? ` (${r.profileError})` : ''}`,
      `IAM ${Math.round(run.timings.iamMs)} ms, language server ${Math.round(run.timings.serverMs)} ms (engine ${Math.round(r.checkMs)} ms), total ${Math.round(run.timings.totalMs)} ms`,
    ].join('\n'),
    icon: 'shield',
  };
  // Every guarantee proved: the summary says so and the row stays closed; otherwise it opens.
  const guarantees = guaranteesRow(r.live.guarantees);
  return [
    summary,
    { ...guarantees, expanded: guarantees.icon !== 'pass' },
    findingsRow(run),
    ...(r.failedRules.length ? [failuresRow(r.failedRules)] : []),
    driftRow(run),
  ];
}
