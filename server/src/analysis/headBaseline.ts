// Which findings are new relative to git HEAD: the unit's files as committed are checked once
// per (HEAD commit, unit, profile) and matched by fingerprint (engine/baseline.ts). Files
// untracked at HEAD have only new findings; outside a git repository nothing is marked.

import { realpathSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { markNew } from '../engine/baseline';
import type { CheckResult } from '../engine/check';
import type { Finding } from '../core/finding';
import type { ReportedFinding } from '../engine/locate';
import type { Profile } from '../core/profile';
import type { SourceFile } from '../model/source';
import { Analyzer, type AnalyzerLog, type UnitAnalysis } from './analyzer';
import { findRepo, readAtCommit, readHead, resolveHead, type Repo } from './git';

/** Baselines kept before the oldest is dropped (one per unit and commit). */
const MAX_BASELINES = 64;

/** The engine's check, for the committed files. */
export type CheckFn = (files: readonly SourceFile[], profile: Profile) => CheckResult;

/** Baselines per (HEAD commit, unit, profile, files), computed once and matched per check. */
export class HeadBaseline {
  private readonly repos = new Map<string, Promise<Repo | undefined>>();
  private readonly baselines = new Map<string, Promise<readonly ReportedFinding[]>>();
  private gitMissingLogged = false;

  constructor(
    private readonly check: CheckFn,
    private readonly log: AnalyzerLog,
  ) {}

  /**
   * Per finding of `analysis` (same order), whether it is new since HEAD; undefined outside git.
   * `beforeCheck` is awaited before the engine checks the committed files (the one expensive
   * step), so the caller can hold it back while the user types.
   */
  async newFlags(analysis: UnitAnalysis, beforeCheck?: () => Promise<void>): Promise<readonly boolean[] | undefined> {
    const repo = await this.repoOf(Analyzer.dirOf(analysis.key));
    if (!repo) return undefined;
    const fromFiles = readHead(repo);
    const head = fromFiles !== undefined ? fromFiles : await resolveHead(repo);
    const findings = analysis.result.findings;
    if (head === null) return findings.map(() => true);
    const baseline = await this.baseline(repo, head, analysis, beforeCheck);
    return markNew(
      fingerprinted(findings, (id) => analysis.text(id)),
      baseline,
    ).map((f) => f.new);
  }

  /** Forgets repositories and baselines (a re-check command, a HEAD we cannot track). */
  clear(): void {
    this.repos.clear();
    this.baselines.clear();
  }

  private repoOf(dir: string): Promise<Repo | undefined> {
    let p = this.repos.get(dir);
    if (!p) {
      p = findRepo(dir).catch((err: Error) => {
        if (!this.gitMissingLogged)
          this.log.error(`git is not available, findings are not compared with HEAD: ${err.message}`);
        this.gitMissingLogged = true;
        return undefined;
      });
      this.repos.set(dir, p);
    }
    return p;
  }

  private baseline(
    repo: Repo,
    head: string,
    analysis: UnitAnalysis,
    beforeCheck?: () => Promise<void>,
  ): Promise<readonly ReportedFinding[]> {
    const key = [head, analysis.key, analysis.profile.source, ...analysis.files.map((f) => f.id)].join('\u0000');
    let p = this.baselines.get(key);
    if (!p) {
      p = this.computeBaseline(repo, head, analysis, beforeCheck).catch((err: Error) => {
        this.log.error(`Cannot read ${analysis.key} at HEAD, every finding counts as new: ${err.message}`);
        this.baselines.delete(key);
        return [];
      });
      if (this.baselines.size >= MAX_BASELINES) this.baselines.delete(this.baselines.keys().next().value!);
      this.baselines.set(key, p);
    }
    return p;
  }

  private async computeBaseline(
    repo: Repo,
    head: string,
    analysis: UnitAnalysis,
    beforeCheck?: () => Promise<void>,
  ): Promise<readonly ReportedFinding[]> {
    const rel = new Map(analysis.files.map((f) => [f.id, repoPath(repo, f.path)]));
    const committed = await readAtCommit(repo, head, [...rel.values()]);
    const files: SourceFile[] = [];
    for (const f of analysis.files) {
      const text = committed.get(rel.get(f.id)!);
      if (text !== undefined) files.push({ id: f.id, path: f.path, text });
    }
    if (files.length === 0) return [];
    // Unchanged since HEAD (the usual state when a file is opened): the check in hand is the baseline.
    const unchanged = files.length === analysis.files.length && files.every((f) => f.text === analysis.text(f.id));
    if (!unchanged) await beforeCheck?.();
    const findings = unchanged ? analysis.result.findings : this.check(files, analysis.profile).findings;
    const texts = new Map(files.map((f) => [f.id, f.text]));
    return fingerprinted(findings, (id) => texts.get(id));
  }
}

/**
 * The findings with what markNew compares (rule, file, the text they point at, message), without
 * computing lines and columns: this runs on every keystroke.
 */
function fingerprinted(findings: readonly Finding[], textOf: (id: string) => string | undefined): ReportedFinding[] {
  return findings.map((f) => ({
    ruleId: f.ruleId,
    severity: f.severity,
    file: f.loc.file,
    line: 0,
    column: 0,
    endLine: 0,
    endColumn: 0,
    message: f.message,
    new: false,
    snippet: snippetOf(textOf(f.loc.file) ?? '', f.loc.start, f.loc.end),
  }));
}

/** As engine/locate.ts cuts snippets. */
function snippetOf(text: string, start: number, end: number): string {
  return text.slice(start, end).replace(/\s+/g, ' ').slice(0, 200);
}

/** A path relative to the repository top, `/`-separated (through symlinks such as /tmp on macOS). */
export function repoPath(repo: Repo, path: string): string {
  let real = path;
  try {
    real = join(realpathSync(dirname(path)), path.slice(dirname(path).length + 1));
  } catch {
    // The folder is gone: keep the path as given.
  }
  return relative(repo.top, real).split(sep).join('/');
}
