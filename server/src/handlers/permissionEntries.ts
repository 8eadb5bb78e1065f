// One changed subject's delta as the Permission Changes view's lines: permissions, trust and
// verdicts, each with its example request, its unknown value, and where its cause is written.

import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ChangeLocation, PermissionChangeEntry } from '../../../shared/diffProtocol';
import type { TextRange } from '../../../shared/protocol';
import type { UnitAnalysis } from '../analysis/analyzer';
import { requestText } from '../diff/formatText';
import type { ReportedChange, ReportedPlace, ReportedSubject, ReportedTrustChange } from '../diff/locate';
import type { PermissionChange, SubjectDelta, TrustChange } from '../diff/types';
import type { Loc } from '../model/loc';

/** LSP ranges of locations in the analysis's (current) texts. */
export function rangesOf(analysis: UnitAnalysis): (loc: Loc) => TextRange | undefined {
  const docs = new Map<string, TextDocument | null>();
  return (loc) => {
    let d = docs.get(loc.file);
    if (d === undefined) {
      const text = analysis.text(loc.file);
      docs.set(loc.file, (d = text === undefined ? null : TextDocument.create(loc.file, '', 0, text)));
    }
    return d ? { start: d.positionAt(loc.start), end: d.positionAt(loc.end) } : undefined;
  };
}

type RangeOf = (loc: Loc) => TextRange | undefined;

const where = (p: ReportedPlace | undefined): string | undefined =>
  p && `${p.file}:${p.line}${p.in === 'baseline' ? ' (HEAD)' : ''}`;

function locationOf(
  loc: Loc | undefined,
  side: 'current' | 'baseline' | undefined,
  rangeOf: RangeOf,
): ChangeLocation | undefined {
  if (!loc || side === 'baseline') return undefined;
  const range = rangeOf(loc);
  return range && { uri: loc.file, range };
}

/** What a permission or trust change and its report share (its cause, status, example, reason). */
type Changed = Pick<PermissionChange & TrustChange, 'cause' | 'causeIn' | 'status'>;
type Reported = Pick<ReportedChange & ReportedTrustChange, 'cause' | 'example' | 'reason'>;

function line(
  kind: 'permission' | 'trust',
  direction: 'added' | 'removed',
  c: Changed,
  r: Reported,
  rangeOf: RangeOf,
  text: { group: string; label: string },
): PermissionChangeEntry {
  const location = locationOf(c.cause, c.causeIn ?? 'current', rangeOf);
  const at = where(r.cause);
  return {
    direction,
    kind,
    status: c.status,
    widening: direction === 'added',
    ...text,
    ...(r.example ? { example: requestText(r.example) } : {}),
    ...(r.reason !== undefined ? { reason: r.reason } : {}),
    ...(location ? { location } : {}),
    ...(at ? { where: at } : {}),
  };
}

const permission = (direction: 'added' | 'removed', c: PermissionChange, r: ReportedChange, rangeOf: RangeOf) =>
  line('permission', direction, c, r, rangeOf, { group: c.service, label: `${r.label} on ${r.resources.join(', ')}` });

const trust = (direction: 'added' | 'removed', c: TrustChange, r: ReportedTrustChange, rangeOf: RangeOf) =>
  line('trust', direction, c, r, rangeOf, { group: 'sts', label: `trust: ${r.principal} can ${r.actions.join(', ')}` });

/** Every line of one subject's delta, in the order the CLI prints them. */
export function changeEntries(
  delta: SubjectDelta,
  reported: ReportedSubject,
  rangeOf: RangeOf,
): PermissionChangeEntry[] {
  return [
    ...delta.added.map((c, i) => permission('added', c, reported.added[i], rangeOf)),
    ...delta.removed.map((c, i) => permission('removed', c, reported.removed[i], rangeOf)),
    ...delta.trustAdded.map((c, i) => trust('added', c, reported.trust.added[i], rangeOf)),
    ...delta.trustRemoved.map((c, i) => trust('removed', c, reported.trust.removed[i], rangeOf)),
    ...delta.verdicts.map((v): PermissionChangeEntry => {
      const location = locationOf(v.loc, 'current', rangeOf);
      return {
        direction: 'added',
        kind: 'verdict',
        status: v.after === 'unknown' ? 'unknown' : 'yes',
        widening: v.worse,
        group: v.ruleId,
        label: `${v.ruleId} ${v.title}: ${v.before} → ${v.after}`,
        ...(v.reason !== undefined ? { reason: v.reason } : {}),
        ...(location ? { location } : {}),
      };
    }),
  ];
}
