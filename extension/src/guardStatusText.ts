// The words of the pennsieve-guard language status item, from one pennsieve/status. No editor types here.

import type { StatusParams } from '../../shared/protocol';

/** What the language status item says for one status. */
export function describeStatus(s: StatusParams): {
  text: string;
  detail: string;
  severity: 'ok' | 'warning' | 'error';
} {
  const profile = s.profile ? `profile ${s.profile}` : '';
  if (s.state === 'failed')
    return {
      text: '$(error) pennsieve-guard: check failed',
      detail: s.message ?? 'see the Pennsieve Compute log',
      severity: 'error',
    };
  const { error, warning, info } = s.counts;
  const parts = [
    error && `${error} error${error === 1 ? '' : 's'}`,
    warning && `${warning} warning${warning === 1 ? '' : 's'}`,
    info && `${info} info`,
  ].filter(Boolean);
  const text = parts.length
    ? `$(${error ? 'error' : 'warning'}) pennsieve-guard: ${parts.join(', ')}`
    : '$(pass) pennsieve-guard: no findings';
  const detail = [
    profile,
    `checked in ${Math.round(s.durationMs)} ms`,
    s.counts.new ? `${s.counts.new} new since HEAD` : '',
    s.message ?? '',
  ]
    .filter(Boolean)
    .join(' · ');
  return { text, detail, severity: s.message ? 'warning' : 'ok' };
}

/** The unit key the server reports for a document: its Terraform module folder, or the document itself. */
export function unitKeyOf(path: string, uri: string): string {
  if (!/\.tf(\.json)?$|\.tfvars(\.json)?$/i.test(path)) return `doc:${uri}`;
  return `tf:${path.slice(0, Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')))}`;
}
