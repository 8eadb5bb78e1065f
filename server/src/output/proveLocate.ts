// The verdict table with 1-based file/line coordinates relative to the CLI's folder.

import { relative, sep } from 'node:path';
import type { SubjectKind, Verdict } from '../engine/guarantees';
import type { SubjectGuarantees } from '../engine/guarantees';
import type { RuleId } from '../core/finding';
import type { ReportedCounterexample } from '../engine/locate';
import { LineIndex, type Loc } from '../model/loc';

/** One row as printed. */
export interface LocatedRow {
  readonly ruleId: RuleId;
  readonly title: string;
  readonly verdict: Verdict;
  readonly reason?: string;
  readonly file?: string;
  readonly line?: number;
  readonly counterexample?: ReportedCounterexample;
}

/** One subject as printed. */
export interface LocatedSubject {
  readonly subject: string;
  readonly kind: SubjectKind;
  readonly file: string;
  readonly line: number;
  readonly guarantees: readonly LocatedRow[];
}

/** Converts offsets to file and line; `texts` maps file ids to their contents. */
export function locateTable(
  table: readonly SubjectGuarantees[],
  texts: ReadonlyMap<string, string>,
  baseDir: string,
): LocatedSubject[] {
  const indexes = new Map<string, LineIndex>();
  const at = (loc: Loc) => {
    let idx = indexes.get(loc.file);
    if (!idx) indexes.set(loc.file, (idx = new LineIndex(texts.get(loc.file) ?? '')));
    return {
      file: relative(baseDir, loc.file).split(sep).join('/') || loc.file,
      line: idx.positionAt(loc.start).line + 1,
    };
  };
  return table.map((s) => ({
    subject: s.subject,
    kind: s.kind,
    ...at(s.loc),
    guarantees: s.rows.map((r) => {
      const cx = r.counterexample;
      return {
        ruleId: r.ruleId,
        title: r.title,
        verdict: r.verdict,
        ...(r.reason ? { reason: r.reason } : {}),
        ...(r.loc ? at(r.loc) : {}),
        ...(cx
          ? {
              counterexample: {
                principal: cx.principal,
                action: cx.action,
                resource: cx.resource,
                context: cx.context,
                allowedBy: cx.allowedBy ? at(cx.allowedBy) : null,
                denies: cx.denies.map((d) => ({ ...at(d.loc), why: d.why })),
              },
            }
          : {}),
      };
    }),
  }));
}
