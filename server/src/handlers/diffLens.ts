// The permission diff against HEAD in the editor: a CodeLens above each role or policy of the
// document that the working copy changes ("Since HEAD: + s3:* on pennsieve-*; − nothing"), and a
// hover on that line with the full delta. Thin adapter over diff/ and analysis/headDiff.

import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CodeLens, CodeLensParams, Hover, HoverParams } from 'vscode-languageserver/node';
import type { UnitAnalysis } from '../analysis/analyzer';
import type { HeadDiff, HeadDiffResult } from '../analysis/headDiff';
import { formatDiffText, subjectMarkdown } from '../diff/formatText';
import { locateDiff, type ReportedSubject } from '../diff/locate';
import { actionsLabel } from '../diff/summarise';
import { mayWiden, widens, type PermissionChange, type SubjectDelta, type TrustChange } from '../diff/types';
import { filterDeltas } from '../diff/widening';
import { rangesOf } from './permissionEntries';

export interface DiffLensDeps {
  readonly analysisOf: (uri: string) => Promise<UnitAnalysis | undefined>;
  readonly headDiff: HeadDiff;
  readonly log: (message: string) => void;
  /** `pennsieve.guard.wideningChangesOnly` for a document (absent: every change). */
  readonly wideningOnly?: (uri: string) => Promise<boolean>;
}

/** A changed subject with its delta located for people (files relative to the report's folder). */
export interface ReportedDelta {
  readonly delta: SubjectDelta;
  readonly reported: ReportedSubject;
}

interface Placed extends ReportedDelta {
  readonly line: number;
}

/**
 * The deltas of one unit's diff that `pick` keeps (only their widening parts when
 * `wideningOnly`), located with paths relative to `baseDir`.
 */
export function reportDeltas(
  analysis: UnitAnalysis,
  d: HeadDiffResult,
  opts: { readonly baseDir: string; readonly wideningOnly: boolean; readonly pick?: (s: SubjectDelta) => boolean },
): ReportedDelta[] {
  const kept = filterDeltas(opts.pick ? d.diff.subjects.filter(opts.pick) : d.diff.subjects, opts.wideningOnly);
  if (kept.length === 0) return [];
  const current = new Map(analysis.files.map((f) => [f.id, analysis.text(f.id) ?? '']));
  const only = { subjects: kept };
  const located = locateDiff(only, 'HEAD', { current, baseline: d.baseline.texts }, opts.baseDir, {
    widens: widens(only),
    unknown: mayWiden(only),
  });
  return kept.map((delta, i) => ({ delta, reported: located.subjects[i] }));
}

/** The changed subjects written in `uri`, with their line and located delta. */
async function changedIn(deps: DiffLensDeps, uri: string): Promise<{ placed: Placed[]; wideningOnly: boolean }> {
  const analysis = await deps.analysisOf(uri);
  const d = analysis && (await deps.headDiff.diffOf(analysis));
  if (!analysis || !d) return { placed: [], wideningOnly: false };
  const wideningOnly = (await deps.wideningOnly?.(uri)) ?? false;
  const baseDir = uri.startsWith('file:') ? dirname(fileURLToPath(uri)) : '';
  const mine = reportDeltas(analysis, d, { baseDir, wideningOnly, pick: (s) => s.loc?.file === uri });
  if (mine.length === 0) return { placed: [], wideningOnly };
  const rangeOf = rangesOf(analysis);
  const placed = mine.flatMap((m) => {
    const r = rangeOf(m.delta.loc!);
    return r ? [{ ...m, line: r.start.line }] : [];
  });
  return { placed, wideningOnly };
}

/** Handler for the diff lenses (the server joins them with the guarantee lenses). */
export function createDiffLensHandler(deps: DiffLensDeps): (params: CodeLensParams) => Promise<CodeLens[]> {
  return async (params) => {
    try {
      const { placed, wideningOnly } = await changedIn(deps, params.textDocument.uri);
      return placed.map((p) => ({
        range: { start: { line: p.line, character: 0 }, end: { line: p.line, character: 0 } },
        command: {
          title: lensTitle(p.delta, wideningOnly),
          command: '',
          tooltip: formatDiffText({ baseline: 'HEAD', widens: false, unknown: false, subjects: [p.reported] }).split(
            '\n\n',
          )[0],
        },
      }));
    } catch (err) {
      deps.log(
        `Diff lens failed for ${params.textDocument.uri}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
      );
      return [];
    }
  };
}

/** Handler for the diff hover on a changed subject's first line; null elsewhere. */
export function createDiffHoverHandler(deps: DiffLensDeps): (params: HoverParams) => Promise<Hover | null> {
  return async (params) => {
    try {
      const { placed } = await changedIn(deps, params.textDocument.uri);
      const hit = placed.find((p) => p.line === params.position.line);
      return hit
        ? {
            contents: {
              kind: 'markdown',
              value: [`**Permission changes since HEAD**`, '', ...subjectMarkdown(hit.reported)].join('\n'),
            },
          }
        : null;
    } catch (err) {
      deps.log(
        `Diff hover failed for ${params.textDocument.uri}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
      );
      return null;
    }
  };
}

/** The guarantee hover and the diff hover of one position as one (Markdown, separated by a rule). */
export function joinHovers([a, b]: readonly (Hover | null)[]): Hover | null {
  if (!a || !b) return a ?? b;
  const text = (h: Hover) => (typeof h.contents === 'object' && 'kind' in h.contents ? h.contents.value : null);
  const ta = text(a);
  const tb = text(b);
  return ta !== null && tb !== null ? { ...a, contents: { kind: 'markdown', value: `${ta}\n\n---\n\n${tb}` } } : a;
}

/**
 * "Since HEAD: + s3:* on pennsieve-*; − nothing" (trust and verdict changes after); with
 * `wideningOnly` the "−" part is left out (it was filtered, not empty).
 */
export function lensTitle(d: SubjectDelta, wideningOnly = false): string {
  const side = (changes: readonly PermissionChange[], trust: readonly TrustChange[]) => {
    const parts = [
      ...changes.map(changeLabel),
      ...trust.map((t) => `${t.status === 'unknown' ? '? ' : ''}${t.principal} may assume`),
    ];
    if (parts.length === 0) return 'nothing';
    return parts.length <= 2 ? parts.join(', ') : `${parts.slice(0, 2).join(', ')} and ${parts.length - 2} more`;
  };
  const worse = d.verdicts.filter((v) => v.worse).map((v) => `${v.ruleId} ${v.before} → ${v.after}`);
  const head = d.status === 'added' ? 'New since HEAD' : 'Since HEAD';
  const minus = wideningOnly ? '' : `; − ${side(d.removed, d.trustRemoved)}`;
  return `${head}: + ${side(d.added, d.trustAdded)}${minus}${worse.length ? ` · ⚠ ${worse.join(', ')}` : ''}`;
}

function changeLabel(c: PermissionChange): string {
  const res = c.resources.length === 1 ? shortResource(c.resources[0]) : `${c.resources.length} resources`;
  return `${c.status === 'unknown' ? '? ' : ''}${actionsLabel(c)} on ${res}`;
}

/** `arn:aws:s3:::pennsieve-*` → `pennsieve-*`: the part after the last `:` of an ARN. */
function shortResource(r: string): string {
  return r.startsWith('arn:') ? r.slice(r.lastIndexOf(':') + 1) || r : r;
}
