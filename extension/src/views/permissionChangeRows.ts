// The Permission Changes view's rows, from pennsieve/permissionChanges: per changed role or
// policy its one-line summary, below it each change with an example request (or the unknown
// value it hinges on). Plain data; no editor types.

import type { ChangedSubject, PermissionChangeEntry, PermissionChangesResult } from '../../../shared/diffProtocol';
import type { ReportRow, RowIcon } from './reportRow';

/** Subjects shown expanded when there are at most this many. */
const EXPAND_UP_TO = 5;

/** What the view shows when no row does. */
export function emptyMessage(r: PermissionChangesResult, folders: number): string {
  if (folders === 0) return 'Open a folder to see what your changes do to permissions against git HEAD.';
  if (r.repositories === 0) return 'No workspace folder is in a git repository: there is no HEAD to compare with.';
  return r.wideningOnly
    ? 'Nothing widens against HEAD. Only widening changes are shown (setting pennsieve.guard.wideningChangesOnly).'
    : 'No role or policy changes its permissions against HEAD.';
}

const SIGN: Readonly<Record<PermissionChangeEntry['direction'], string>> = { added: '+', removed: '−' };

function entryIcon(e: PermissionChangeEntry): RowIcon {
  if (e.kind === 'verdict') return e.widening ? 'error' : e.status === 'unknown' ? 'question' : 'pass';
  if (e.status === 'unknown') return 'question';
  return e.direction === 'added' ? 'add' : 'remove';
}

/** One change: `+ s3:PutObject on arn:aws:s3:::pennsieve-*`, an example request beside it. */
function entryRow(e: PermissionChangeEntry, parent: string, i: number): ReportRow {
  const sign =
    e.kind === 'verdict' ? (e.widening ? '⚠' : '~') : `${SIGN[e.direction]}${e.status === 'unknown' ? '?' : ''}`;
  const description =
    e.status === 'unknown' && e.reason !== undefined
      ? `unknown: ${e.reason}`
      : e.example
        ? `e.g. ${e.example}`
        : (e.reason ?? e.where);
  const tooltip = [
    `${sign} ${e.label}`,
    e.example && `A request that ${e.direction === 'added' ? 'now gets in' : 'no longer gets in'}: ${e.example}`,
    e.reason && (e.status === 'unknown' ? `Unknown: ${e.reason}` : e.reason),
    e.where && `Written at ${e.where}`,
  ]
    .filter(Boolean)
    .join('\n');
  return {
    key: `change:${parent}:${i}`,
    label: `${sign} ${e.label}`,
    description,
    tooltip,
    icon: entryIcon(e),
    reveal: e.location?.range,
    revealUri: e.location?.uri,
  };
}

function subjectIcon(s: ChangedSubject): RowIcon {
  if (s.changes.some((c) => c.widening && c.status === 'yes')) return 'warning';
  if (s.changes.some((c) => c.status === 'unknown')) return 'question';
  return 'diff';
}

/** A changed role or policy: its name, the lens summary beside it, its changes below. */
function subjectRow(s: ChangedSubject, expanded: boolean): ReportRow {
  const key = `subject:${s.file}:${s.subject}`;
  return {
    key,
    label: s.subject,
    description: s.summary.replace(/^(New since|Since) HEAD: /, ''),
    tooltip: `${s.kind === 'role' ? 'Role' : 'Policy'} ${s.subject} (${s.status}) in ${s.file}\n${s.summary}`,
    icon: subjectIcon(s),
    reveal: s.location?.range,
    revealUri: s.location?.uri,
    expanded,
    children: () => s.changes.map((e, i) => entryRow(e, key, i)),
  };
}

/** Every row of one answer: what could not be compared first (unknown, never left out), then the subjects. */
export function permissionChangeRows(r: PermissionChangesResult): ReportRow[] {
  const unknown = r.notCompared.map((text, i): ReportRow => ({
    key: `notCompared:${i}`,
    label: text,
    description: 'not compared: unknown',
    icon: 'question',
  }));
  const expanded = r.subjects.length <= EXPAND_UP_TO;
  return [...unknown, ...r.subjects.map((s) => subjectRow(s, expanded))];
}
