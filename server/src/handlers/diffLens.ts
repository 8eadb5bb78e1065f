// The permission diff against HEAD in the editor: a CodeLens above each role or policy of the
// document that the working copy changes ("Since HEAD: + s3:* on pennsieve-*; − nothing"), and a
// hover on that line with the full delta. Thin adapter over diff/ and analysis/headDiff.

import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CodeLens, CodeLensParams, Hover, HoverParams } from 'vscode-languageserver/node';
import type { UnitAnalysis } from '../analysis/analyzer';
import type { HeadDiff } from '../analysis/headDiff';
import { formatDiffText, subjectMarkdown } from '../diff/formatText';
import { locateDiff, type ReportedSubject } from '../diff/locate';
import { actionsLabel } from '../diff/summarise';
import { mayWiden, widens, type PermissionChange, type SubjectDelta, type TrustChange } from '../diff/types';
import { subjectsIn } from './guarantees';

export interface DiffLensDeps {
  readonly analysisOf: (uri: string) => Promise<UnitAnalysis | undefined>;
  readonly headDiff: HeadDiff;
  readonly log: (message: string) => void;
}

interface Placed {
  readonly delta: SubjectDelta;
  readonly reported: ReportedSubject;
  readonly line: number;
}

/** The changed subjects written in `uri`, with their line and located delta. */
async function changedIn(deps: DiffLensDeps, uri: string): Promise<Placed[]> {
  const analysis = await deps.analysisOf(uri);
  if (!analysis) return [];
  const d = await deps.headDiff.diffOf(analysis);
  if (!d) return [];
  const mine = d.diff.subjects.filter((s) => s.loc?.file === uri);
  if (mine.length === 0) return [];
  const current = new Map(analysis.files.map((f) => [f.id, analysis.text(f.id) ?? '']));
  const base = uri.startsWith('file:') ? dirname(fileURLToPath(uri)) : '';
  const only = { subjects: mine };
  const reported = locateDiff(only, 'HEAD', { current, baseline: d.baseline.texts }, base, {
    widens: widens(only),
    unknown: mayWiden(only),
  });
  const { rangeOf } = subjectsIn(analysis, uri);
  return mine.flatMap((delta, i) => {
    const r = rangeOf(delta.loc!);
    return r ? [{ delta, reported: reported.subjects[i], line: r.start.line }] : [];
  });
}

/** Handler for the diff lenses (the server joins them with the guarantee lenses). */
export function createDiffLensHandler(deps: DiffLensDeps): (params: CodeLensParams) => Promise<CodeLens[]> {
  return async (params) => {
    try {
      return (await changedIn(deps, params.textDocument.uri)).map((p) => ({
        range: { start: { line: p.line, character: 0 }, end: { line: p.line, character: 0 } },
        command: {
          title: lensTitle(p.delta),
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
      const hit = (await changedIn(deps, params.textDocument.uri)).find((p) => p.line === params.position.line);
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

/** "Since HEAD: + s3:* on pennsieve-*; − nothing" (trust and verdict changes after). */
export function lensTitle(d: SubjectDelta): string {
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
  return `${head}: + ${side(d.added, d.trustAdded)}; − ${side(d.removed, d.trustRemoved)}${worse.length ? ` · ⚠ ${worse.join(', ')}` : ''}`;
}

function changeLabel(c: PermissionChange): string {
  const res = c.resources.length === 1 ? shortResource(c.resources[0]) : `${c.resources.length} resources`;
  return `${c.status === 'unknown' ? '? ' : ''}${actionsLabel(c)} on ${res}`;
}

/** `arn:aws:s3:::pennsieve-*` → `pennsieve-*`: the part after the last `:` of an ARN. */
function shortResource(r: string): string {
  return r.startsWith('arn:') ? r.slice(r.lastIndexOf(':') + 1) || r : r;
}
