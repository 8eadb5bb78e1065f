// pennsieve/permissionChanges: every role and policy the working tree changes against HEAD, for
// the Permission Changes view. The files come from `git status` per workspace folder plus the
// open buffers; each file's unit is analysed as the editor sees it (unsaved text included) and
// diffed against HEAD by analysis/headDiff. Thin adapter: the delta is the engine's.

import { basename, relative, sep } from 'node:path';
import type { ChangedSubject, PermissionChangesResult } from '../../../shared/diffProtocol';
import type { UnitAnalysis } from '../analysis/analyzer';
import { findRepo, type Repo } from '../analysis/git';
import type { HeadDiff } from '../analysis/headDiff';
import type { UnitKey } from '../analysis/units';
import { changedFiles } from '../analysis/workingTree';
import { uriToPath } from '../util/uris';
import { reportDeltas, lensTitle, type ReportedDelta } from './diffLens';
import { changeEntries, rangesOf } from './permissionEntries';

/** Units compared per request; past it the rest are named as not compared. */
const MAX_UNITS = 200;

/** What the handler needs from the server. */
export interface PermissionChangesDeps {
  /** Workspace folders as paths. */
  readonly folders: () => readonly string[];
  readonly openUris: () => readonly string[];
  readonly unitOf: (uri: string) => UnitKey | undefined;
  readonly uriFor: (path: string) => string;
  readonly analysisOf: (uri: string) => Promise<UnitAnalysis | undefined>;
  readonly headDiff: HeadDiff;
  readonly wideningOnly: (uri: string) => Promise<boolean>;
  readonly log: (message: string) => void;
}

interface Found {
  readonly units: Map<UnitKey, { readonly uri: string; readonly folder: string }>;
  readonly notCompared: string[];
  repositories: number;
}

/** Handler for pennsieve/permissionChanges. Never rejects: a failure is a `notCompared` line. */
export function createPermissionChangesHandler(deps: PermissionChangesDeps): () => Promise<PermissionChangesResult> {
  const repos = new Map<string, Promise<Repo | undefined>>();
  const repoOf = (folder: string) => {
    let p = repos.get(folder);
    if (!p) repos.set(folder, (p = findRepo(folder).catch(() => undefined)));
    return p;
  };
  return async () => {
    const folders = deps.folders();
    const found: Found = { units: new Map(), notCompared: [], repositories: 0 };
    await Promise.all(folders.map((folder) => collect(deps, folder, repoOf, found)));
    for (const uri of deps.openUris()) {
      const path = uriToPath(uri);
      const folder = path && folders.find((f) => path === f || path.startsWith(f + sep));
      const unit = deps.unitOf(uri);
      if (folder && unit && !found.units.has(unit)) found.units.set(unit, { uri, folder });
    }
    const units = [...found.units].sort(([a], [b]) => (a < b ? -1 : 1));
    if (units.length > MAX_UNITS)
      found.notCompared.push(`${units.length - MAX_UNITS} more changed files or modules (past ${MAX_UNITS})`);
    const scope = units[0]?.[1].uri ?? (folders[0] !== undefined ? deps.uriFor(folders[0]) : undefined);
    const wideningOnly = scope !== undefined && (await deps.wideningOnly(scope));
    const subjects: ChangedSubject[] = [];
    for (const [unit, { uri, folder }] of units.slice(0, MAX_UNITS)) {
      try {
        subjects.push(...(await unitSubjects(deps, uri, folder, wideningOnly)));
      } catch (err) {
        deps.log(
          `Permission changes of ${unit} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
        );
        found.notCompared.push(`${shortPath(folder, uri)}: the comparison failed (${(err as Error).message})`);
      }
    }
    subjects.sort((a, b) => (a.file === b.file ? (a.subject < b.subject ? -1 : 1) : a.file < b.file ? -1 : 1));
    return {
      baseline: 'HEAD',
      wideningOnly,
      subjects,
      notCompared: found.notCompared,
      repositories: found.repositories,
    };
  };
}

async function collect(
  deps: PermissionChangesDeps,
  folder: string,
  repoOf: (folder: string) => Promise<Repo | undefined>,
  found: Found,
): Promise<void> {
  const repo = await repoOf(folder);
  if (!repo) return;
  found.repositories++;
  try {
    for (const f of await changedFiles(repo, folder)) {
      const uri = deps.uriFor(f.path);
      const unit = deps.unitOf(uri);
      if (unit && !found.units.has(unit)) found.units.set(unit, { uri, folder });
    }
  } catch (err) {
    found.notCompared.push(`${basename(folder)}: ${(err as Error).message}`);
  }
}

/** The changed subjects of one unit, as the view shows them. */
async function unitSubjects(
  deps: PermissionChangesDeps,
  uri: string,
  folder: string,
  wideningOnly: boolean,
): Promise<ChangedSubject[]> {
  const analysis = await deps.analysisOf(uri);
  if (!analysis) return [];
  const d = await deps.headDiff.diffOf(analysis);
  if (!d) throw new Error('its folder is gone or HEAD could not be read');
  const rangeOf = rangesOf(analysis);
  return reportDeltas(analysis, d, { baseDir: folder, wideningOnly }).map((r) =>
    toSubject(r, uri, folder, rangeOf, wideningOnly),
  );
}

function toSubject(
  { delta, reported }: ReportedDelta,
  uri: string,
  folder: string,
  rangeOf: ReturnType<typeof rangesOf>,
  wideningOnly: boolean,
): ChangedSubject {
  const range = delta.loc && rangeOf(delta.loc);
  return {
    subject: reported.subject,
    kind: reported.kind,
    status: reported.status,
    summary: lensTitle(delta, wideningOnly),
    file: reported.at?.file ?? shortPath(folder, uri),
    ...(delta.loc && range ? { location: { uri: delta.loc.file, range } } : {}),
    changes: changeEntries(delta, reported, rangeOf),
  };
}

function shortPath(folder: string, uri: string): string {
  const path = uriToPath(uri);
  return path ? relative(folder, path).split(sep).join('/') : uri;
}
