// The permission diff with locations as files and 1-based lines and columns: what `diff`
// prints as JSON, and what the text, Markdown and SARIF formats read.

import { relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EvalRequest } from '../iam/types';
import { LineIndex, type Loc } from '../model/loc';
import { renderPStr, type PStr } from '../model/pstr';
import { actionsLabel } from './summarise';
import type { PermissionChange, PermissionDiff, TrustChange, VerdictChange } from './types';

export interface ReportedPlace {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  /** `current`: the working copy; `baseline`: the file at the baseline ref. */
  readonly in: 'current' | 'baseline';
}

export interface ReportedRequest {
  readonly principal?: string;
  readonly action: string;
  readonly resource: string;
  readonly context: Readonly<Record<string, string | readonly string[] | null>>;
}

export interface ReportedChange {
  readonly status: 'yes' | 'unknown';
  readonly service: string;
  /** `s3:*`, `s3:* except s3:GetObject`, `s3:GetObject and 11 more`. */
  readonly label: string;
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  readonly example?: ReportedRequest;
  readonly cause?: ReportedPlace;
  readonly droppedDeny?: ReportedPlace;
  readonly reason?: string;
}

export interface ReportedTrustChange {
  readonly status: 'yes' | 'unknown';
  readonly principal: string;
  readonly principalType: string;
  readonly outsider: boolean;
  readonly actions: readonly string[];
  readonly example?: ReportedRequest;
  readonly cause?: ReportedPlace;
  readonly reason?: string;
}

export interface ReportedSubject {
  readonly subject: string;
  readonly kind: 'role' | 'policy';
  readonly status: 'added' | 'removed' | 'changed';
  readonly at?: ReportedPlace;
  readonly added: readonly ReportedChange[];
  readonly removed: readonly ReportedChange[];
  readonly trust: { readonly added: readonly ReportedTrustChange[]; readonly removed: readonly ReportedTrustChange[] };
  readonly verdicts: readonly (Omit<VerdictChange, 'loc'> & { readonly at?: ReportedPlace })[];
}

export interface ReportedDiff {
  readonly baseline: string;
  /** Something is newly allowed, someone can newly assume a role, or a verdict got worse. */
  readonly widens: boolean;
  /** Some widening could not be decided: a value is unknown. */
  readonly unknown: boolean;
  readonly subjects: readonly ReportedSubject[];
}

type Side = 'current' | 'baseline';

/** Locates `d`; `texts` maps file ids to their contents in each version. */
export function locateDiff(
  d: PermissionDiff,
  ref: string,
  texts: Record<Side, ReadonlyMap<string, string>>,
  baseDir: string,
  flags: { widens: boolean; unknown: boolean },
): ReportedDiff {
  const indexes = new Map<string, LineIndex>();
  const at = (loc: Loc | undefined, side: Side): ReportedPlace | undefined => {
    if (!loc) return undefined;
    let idx = indexes.get(`${side}|${loc.file}`);
    if (!idx) indexes.set(`${side}|${loc.file}`, (idx = new LineIndex(texts[side].get(loc.file) ?? '')));
    const a = idx.positionAt(loc.start);
    const b = idx.positionAt(Math.max(loc.start, loc.end));
    const path = loc.file.startsWith('file:') ? fileURLToPath(loc.file) : loc.file;
    const file = relative(baseDir, path).split(sep).join('/') || path;
    return {
      file,
      line: a.line + 1,
      column: a.character + 1,
      endLine: b.line + 1,
      endColumn: b.character + 1,
      in: side,
    };
  };
  const change = (c: PermissionChange): ReportedChange => ({
    status: c.status,
    service: c.service,
    label: actionsLabel(c),
    actions: c.actions,
    resources: c.resources,
    ...(c.example ? { example: request(c.example) } : {}),
    ...(c.cause ? { cause: at(c.cause, c.causeIn ?? 'current') } : {}),
    ...(c.droppedDeny ? { droppedDeny: at(c.droppedDeny, 'baseline') } : {}),
    ...(c.reason !== undefined ? { reason: c.reason } : {}),
  });
  const trust = (c: TrustChange): ReportedTrustChange => ({
    status: c.status,
    principal: c.principal,
    principalType: c.principalType,
    outsider: c.outsider,
    actions: c.actions,
    ...(c.example ? { example: request(c.example) } : {}),
    ...(c.cause ? { cause: at(c.cause, c.causeIn ?? 'current') } : {}),
    ...(c.reason !== undefined ? { reason: c.reason } : {}),
  });
  const subjects = d.subjects.map((s) => ({
    subject: s.subject,
    kind: s.kind,
    status: s.status,
    at: s.loc ? at(s.loc, 'current') : at(s.baseLoc, 'baseline'),
    added: s.added.map(change),
    removed: s.removed.map(change),
    trust: { added: s.trustAdded.map(trust), removed: s.trustRemoved.map(trust) },
    verdicts: s.verdicts.map(({ loc, ...v }) => ({ ...v, ...(loc ? { at: at(loc, 'current') } : {}) })),
  }));
  return { baseline: ref, widens: flags.widens, unknown: flags.unknown, subjects };
}

const str = (v: string | PStr): string => (typeof v === 'string' ? v : renderPStr(v));

function request(r: EvalRequest): ReportedRequest {
  const context: Record<string, string | readonly string[] | null> = {};
  for (const [k, v] of Object.entries(r.context ?? {}))
    context[k] = v === null ? null : Array.isArray(v) ? v.map(str) : str(v as string | PStr);
  return {
    ...(r.principal ? { principal: r.principal.value } : {}),
    action: r.action,
    resource: str(r.resource),
    context,
  };
}
