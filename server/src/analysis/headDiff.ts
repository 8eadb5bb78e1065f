// The permission diff of a unit against git HEAD, for the editor: the unit's files as committed
// are read and checked once per (HEAD commit, unit, profile, files) and kept; each new analysis
// of the unit (after every check) is compared with them. Outside git there is no diff.

import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Catalog } from '../catalog/catalog';
import { compareVersions } from '../diff/compare';
import type { PermissionDiff } from '../diff/types';
import { isTerraformPath } from '../engine/analyze';
import type { CheckResult } from '../engine/check';
import { uriToPath } from '../util/uris';
import { Analyzer, type AnalyzerLog, type UnitAnalysis } from './analyzer';
import { findRepo, readAtCommit, readHead, resolveHead, runGit, type Repo } from './git';
import { documentUriOf, moduleDirOf } from './units';
import { repoPath, type CheckFn } from './headBaseline';

/** Committed versions kept before the oldest is dropped. */
const MAX_BASELINES = 32;

/** A unit's committed version: its check and its texts. */
export interface CommittedUnit {
  readonly result: CheckResult;
  readonly texts: ReadonlyMap<string, string>;
}

/** The diff of an analysis against HEAD, with the committed texts (for locations in the baseline). */
export interface HeadDiffResult {
  readonly diff: PermissionDiff;
  readonly baseline: CommittedUnit;
}

export class HeadDiff {
  private readonly repos = new Map<string, Promise<Repo | undefined>>();
  private readonly committed = new Map<string, Promise<CommittedUnit>>();
  private readonly diffs = new WeakMap<UnitAnalysis, Promise<HeadDiffResult | undefined>>();

  constructor(
    private readonly check: CheckFn,
    private readonly catalog: Catalog,
    private readonly log: AnalyzerLog,
  ) {}

  /** The diff of `analysis` against HEAD; undefined outside a git repository. Computed once per analysis. */
  diffOf(analysis: UnitAnalysis): Promise<HeadDiffResult | undefined> {
    let p = this.diffs.get(analysis);
    if (!p) {
      p = this.compute(analysis).catch((err: Error) => {
        this.log.error(`Permission diff of ${analysis.key} failed: ${err.stack ?? err.message}`);
        return undefined;
      });
      this.diffs.set(analysis, p);
    }
    return p;
  }

  /** Forgets repositories and committed versions (a re-check, a new HEAD). */
  clear(): void {
    this.repos.clear();
    this.committed.clear();
  }

  private async compute(analysis: UnitAnalysis): Promise<HeadDiffResult | undefined> {
    const dir = Analyzer.dirOf(analysis.key);
    let repo = this.repos.get(dir);
    if (!repo) this.repos.set(dir, (repo = findRepo(dir).catch(() => undefined)));
    const r = await repo;
    if (!r) return undefined;
    const fromFiles = readHead(r);
    const head = fromFiles !== undefined ? fromFiles : await resolveHead(r);
    const baseline =
      head === null
        ? { result: this.check([], analysis.profile), texts: new Map<string, string>() }
        : await this.committedUnit(r, head, analysis);
    const failedOf = (c: CheckResult) => new Set(c.failures.map((f) => f.ruleId as string));
    const now = analysis.result;
    const diff = compareVersions(
      this.catalog,
      analysis.profile,
      { ...now, failed: failedOf(now) },
      { ...baseline.result, failed: failedOf(baseline.result) },
    );
    return { diff, baseline };
  }

  private committedUnit(repo: Repo, head: string, analysis: UnitAnalysis): Promise<CommittedUnit> {
    const key = [head, analysis.key, analysis.profile.source, ...analysis.files.map((f) => f.id)].join('\u0000');
    let p = this.committed.get(key);
    if (!p) {
      p = this.readAndCheck(repo, head, analysis);
      p.catch(() => this.committed.delete(key));
      if (this.committed.size >= MAX_BASELINES) this.committed.delete(this.committed.keys().next().value!);
      this.committed.set(key, p);
    }
    return p;
  }

  private async readAndCheck(repo: Repo, head: string, analysis: UnitAnalysis): Promise<CommittedUnit> {
    const wanted = [
      ...analysis.files.map((f) => ({ id: f.id, path: f.path })),
      ...(await goneFiles(repo, head, analysis)),
    ];
    const rel = new Map(wanted.map((f) => [f.id, repoPath(repo, f.path)]));
    const at = await readAtCommit(repo, head, [...rel.values()]);
    const files = wanted.flatMap((f) => {
      const text = at.get(rel.get(f.id)!);
      return text === undefined ? [] : [{ id: f.id, path: f.path, text }];
    });
    return { result: this.check(files, analysis.profile), texts: new Map(files.map((f) => [f.id, f.text])) };
  }
}

/**
 * Files of the unit that HEAD has and the working tree does not (deleted): the document itself,
 * or a Terraform file of the module folder. Without them a Deny or an attachment written in a
 * deleted file would be missing from both versions, and what its removal lets in would not show.
 */
async function goneFiles(repo: Repo, head: string, analysis: UnitAnalysis): Promise<{ id: string; path: string }[]> {
  const have = new Set(analysis.files.map((f) => f.path));
  const doc = documentUriOf(analysis.key);
  if (doc) {
    const path = uriToPath(doc);
    return path && !have.has(path) ? [{ id: doc, path }] : [];
  }
  const dir = moduleDirOf(analysis.key);
  if (!dir) return [];
  const rel = repoPath(repo, join(dir, '.keep')).replace(/\.keep$/, '');
  const r = await runGit(['ls-tree', '-z', '--name-only', `${head}^{commit}`, '--', rel || '.'], repo.top);
  if (r.code !== 0) return [];
  return r.stdout
    .toString('utf8')
    .split('\0')
    .map((name) => join(repo.top, ...name.split('/')))
    .filter((path) => dirname(path) === dir && isTerraformPath(path) && !have.has(path))
    .map((path) => ({ id: pathToFileURL(path).href, path }));
}
