// Checks units and keeps the last result per unit, keyed by the files' uri+version (or mtime)
// and the profile: diagnostics, hovers, completion and code actions all reuse one check.

import { dirname } from 'node:path';
import type { CheckResult } from '../engine/check';
import type { Engine } from '../engine/createEngine';
import type { Finding } from '../core/finding';
import type { Profile } from '../core/profile';
import type { SourceFile } from '../model/source';
import type { ProfileCache } from './profiles';
import type { SourceStore, UnitSources } from './sourceStore';
import { documentUriOf, moduleDirOf, type UnitKey } from './units';
import { uriToPath } from '../util/uris';

/** One check of one unit. */
export interface UnitAnalysis {
  readonly key: UnitKey;
  readonly files: readonly SourceFile[];
  /** The files' uri+version/mtime stamps: equal signatures mean equal input. */
  readonly signature: string;
  readonly profile: Profile;
  readonly profileError?: string;
  readonly result: CheckResult;
  /** Engine time in ms (0 when the result came from the cache). */
  readonly checkMs: number;
  /** The text the check saw for a file id (URI). */
  text(id: string): string | undefined;
  /** Findings located in one file. */
  findingsIn(id: string): readonly Finding[];
}

/** Where analysis problems (crashed rules) are logged. */
export interface AnalyzerLog {
  error(message: string): void;
}

/** A check under way. */
interface Job {
  readonly key: UnitKey;
  readonly sources: UnitSources;
  /** The sources' signature plus those of the module folders the unit's last check called. */
  readonly stamp: string;
  readonly profile: Profile;
  readonly error?: string;
  readonly steps: Generator<void, CheckResult>;
  readonly started: number;
  busyMs: number;
}

/** Runs the engine on a unit's current files, once per distinct input. */
export class Analyzer {
  private readonly cache = new Map<UnitKey, UnitAnalysis>();
  private readonly reportedFailures = new Map<UnitKey, string>();
  /** Per Terraform unit: the module folders its last check followed (their edits re-check it). */
  private readonly moduleDirs = new Map<UnitKey, readonly string[]>();

  constructor(
    private readonly engine: Engine,
    private readonly store: SourceStore,
    private readonly profiles: ProfileCache,
    private readonly log: AnalyzerLog,
  ) {}

  /** The folder a unit's profile is looked up from. */
  static dirOf(key: UnitKey): string {
    return moduleDirOf(key) ?? dirname(uriToPath(documentUriOf(key)!) ?? '/');
  }

  /** The unit checked with its current files; the cached result when nothing changed. */
  analyze(key: UnitKey, profileSpec: string): UnitAnalysis {
    const job = this.start(key, profileSpec);
    if ('signature' in job) return job;
    for (;;) {
      const step = job.steps.next();
      if (step.done) return this.finish(job, step.value);
    }
  }

  /**
   * The same, yielding to the event loop between the engine's steps (other messages, such as
   * the edit that makes this check stale, are handled meanwhile). Undefined when `shouldStop()`
   * holds at a step: the check is abandoned and nothing is cached. Engine time counts only the
   * steps, not the waits between them.
   */
  async analyzeCooperatively(
    key: UnitKey,
    profileSpec: string,
    shouldStop: () => boolean,
  ): Promise<UnitAnalysis | undefined> {
    const job = this.start(key, profileSpec);
    if ('signature' in job) return job;
    for (;;) {
      const t0 = performance.now();
      const step = job.steps.next();
      job.busyMs += performance.now() - t0;
      if (step.done) return this.finish(job, step.value);
      await new Promise((resolve) => setImmediate(resolve));
      if (shouldStop()) return undefined;
    }
  }

  /** The cached analysis when the input is unchanged, else a started check. */
  private start(key: UnitKey, profileSpec: string): UnitAnalysis | Job {
    const sources = this.store.read(key);
    const { profile, error } = this.profiles.get(profileSpec, Analyzer.dirOf(key));
    const signature = this.signatureOf(key, sources);
    const cached = this.cache.get(key);
    if (cached && cached.signature === signature && cached.profile === profile) return { ...cached, checkMs: 0 };
    const moduleFiles = (dir: string) => this.store.read(`tf:${dir}`).files;
    const steps = this.engine.checkSteps(sources.files, profile, {
      readRoots: [this.store.rootOf(Analyzer.dirOf(key))],
      moduleFiles,
    });
    return { key, sources, stamp: signature, profile, error, steps, started: performance.now(), busyMs: 0 };
  }

  /** The units whose last check followed a module in folder `dir` (an edit there re-checks them). */
  callersOf(dir: string): UnitKey[] {
    return [...this.moduleDirs].filter(([, dirs]) => dirs.includes(dir)).map(([key]) => key);
  }

  /** The module folders a unit's last check followed. */
  followedBy(key: UnitKey): readonly string[] {
    return this.moduleDirs.get(key) ?? [];
  }

  /** A unit's input stamp: its files and the files of the modules it called last time. */
  private signatureOf(key: UnitKey, sources: UnitSources): string {
    const dirs = this.moduleDirs.get(key) ?? [];
    return [sources.signature, ...dirs.map((d) => this.store.read(`tf:${d}`).signature)].join('\n--\n');
  }

  private finish(job: Job, result: CheckResult): UnitAnalysis {
    const checkMs = job.busyMs || performance.now() - job.started;
    this.reportFailures(job.key, result);
    this.moduleDirs.set(job.key, followedDirs(result));
    const analysis = makeAnalysis(
      job.key,
      job.sources.files,
      this.signatureOf(job.key, job.sources),
      job.profile,
      job.error,
      result,
      checkMs,
    );
    this.cache.set(job.key, analysis);
    return analysis;
  }

  /** The last analysis of a unit, if any (no check is run). */
  last(key: UnitKey): UnitAnalysis | undefined {
    return this.cache.get(key);
  }

  forget(key: UnitKey): void {
    this.cache.delete(key);
    this.moduleDirs.delete(key);
    this.reportedFailures.delete(key);
  }

  clear(): void {
    this.cache.clear();
  }

  /** Logs engine failures (also published as error diagnostics) once per distinct failure, not on every keystroke. */
  private reportFailures(key: UnitKey, result: CheckResult): void {
    const text = result.failures.map((f) => `${f.where}: ${f.message}`).join('\n');
    if (text && this.reportedFailures.get(key) !== text) {
      for (const f of result.failures)
        this.log.error(
          `Internal error in ${f.where} while checking ${key}, reported as an error diagnostic: ${f.message}`,
        );
    }
    this.reportedFailures.set(key, text);
  }
}

/** The folders of the modules a check followed. */
function followedDirs(result: CheckResult): string[] {
  const dirs = new Set<string>();
  for (const u of result.model.units) {
    for (const site of u.moduleCalls ?? []) for (const id of site.files) dirs.add(dirname(uriToPath(id) ?? id));
  }
  return [...dirs].sort();
}

function makeAnalysis(
  key: UnitKey,
  files: readonly SourceFile[],
  signature: string,
  profile: Profile,
  profileError: string | undefined,
  result: CheckResult,
  checkMs: number,
): UnitAnalysis {
  const texts = new Map(files.map((f) => [f.id, f.text]));
  const byFile = new Map<string, Finding[]>();
  for (const f of result.findings) {
    const list = byFile.get(f.loc.file) ?? [];
    list.push(f);
    byFile.set(f.loc.file, list);
  }
  return {
    key,
    files,
    signature,
    profile,
    profileError,
    result,
    checkMs,
    text: (id) => texts.get(id),
    findingsIn: (id) => byFile.get(id) ?? [],
  };
}
