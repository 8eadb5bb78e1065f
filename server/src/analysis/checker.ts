// The live-checking policy, free of LSP types: which unit to check when a buffer opens, changes
// or closes or a file changes on disk; what to publish for every file of the unit; and what to
// clear. handlers/diagnostics.ts turns its publications into publishDiagnostics.

import { dirname } from 'node:path';
import type { StatusParams } from '../../../shared/protocol';
import type { Finding } from '../core/finding';
import type { Analyzer, AnalyzerLog, UnitAnalysis } from './analyzer';
import { findingsViaCalls, type ViaCalls } from './callFindings';
import type { HeadBaseline } from './headBaseline';
import type { ProfileCache } from './profiles';
import { ABANDONED, CheckScheduler, DEFAULT_SCHEDULER_OPTIONS, type SchedulerOptions } from './scheduler';
import type { SourceStore } from './sourceStore';
import type { ModuleCallers } from './moduleCallers';
import { isModuleFile, moduleDirOf, type UnitKey } from './units';
import { uriToPath } from '../util/uris';

/** The settings a check needs, per document scope. */
export interface CheckSettings {
  readonly profile: string;
  readonly newFindingsOnly: boolean;
}

/** A finding as published, with whether it is new since HEAD. */
export interface PublishedFinding {
  readonly finding: Finding;
  readonly isNew: boolean;
}

/** Diagnostics for one file: `text` is what the offsets refer to. */
export interface Publication {
  readonly uri: string;
  readonly version?: number;
  readonly text: string;
  readonly findings: readonly PublishedFinding[];
  /** The text the check saw for another file of the unit (for related locations). */
  readonly textOf?: (id: string) => string | undefined;
}

/** Where results go (the LSP adapter implements it; tests record it). */
export interface CheckerSink extends AnalyzerLog {
  publish(p: Publication): void;
  /** What one check did: the pennsieve/status notification's payload, as sent. */
  report(r: StatusParams): void;
}

/** The parts the checker drives. */
export interface CheckerDeps {
  readonly store: SourceStore;
  readonly analyzer: Analyzer;
  readonly baseline: HeadBaseline;
  readonly profiles: ProfileCache;
  readonly settings: (uri: string) => Promise<CheckSettings>;
  readonly sink: CheckerSink;
  readonly scheduler?: SchedulerOptions;
  /** See DEFAULT_BASELINE_GRACE_MS. */
  readonly baselineGraceMs?: number;
  /** Which folders call a module: its open files then show the findings their calls give it. */
  readonly callers?: ModuleCallers;
  /** True when edits to the buffer newer than `version` were received but not applied yet (EditInbox). */
  readonly editsPending?: (uri: string, version: number) => boolean;
}

/** A watched-file event. */
export type FileChange = 'created' | 'changed' | 'deleted';

/** A module's files show the findings of at most this many root modules that call it. */
const MAX_CALLERS = 8;

/** A pause in typing this long lets the HEAD baseline's own check run (it would delay keystrokes). */
const IDLE_MS = 300;

/** A check is abandoned for a newer one only while the edits it covers are younger than this. */
const ABANDON_MS = 60;

/**
 * How long a check waits for its HEAD baseline before publishing without the "new" marks: 0
 * means "until pending promise callbacks have run", which is enough for a cached baseline; an
 * uncached one is computed after the next typing pause and its marks follow in a second publish.
 */
export const DEFAULT_BASELINE_GRACE_MS = 0;
const LATE = Symbol('late');

/** `p`'s value, or LATE when it takes longer than `ms` (0: longer than the current turn's promise callbacks). */
function settleWithin<T>(p: Promise<T>, ms: number): Promise<T | typeof LATE> {
  if (ms <= 0) {
    let immediate: ReturnType<typeof setImmediate> | undefined;
    const late = new Promise<typeof LATE>((resolve) => (immediate = setImmediate(() => resolve(LATE))));
    return Promise.race([p, late]).finally(() => clearImmediate(immediate));
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<typeof LATE>((resolve) => (timer = setTimeout(() => resolve(LATE), ms)));
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/** Decides what to check and publish on every workspace event; see the file comment. */
export class WorkspaceChecker {
  private readonly scheduler: CheckScheduler;
  /** Per published URI: its unit and what was sent last (to skip resending unchanged siblings). */
  private readonly published = new Map<string, { readonly unit: UnitKey; readonly hash: string }>();
  /** Files just closed while siblings stay open: the re-check that follows the close skips them. */
  private readonly justClosed = new Set<string>();

  constructor(private readonly deps: CheckerDeps) {
    this.scheduler = new CheckScheduler(
      (unit, since) => this.run(unit, since),
      (unit, err) => this.fail(unit, err),
      deps.scheduler ?? DEFAULT_SCHEDULER_OPTIONS,
      (unit) => this.hasUnappliedEdits(unit),
    );
  }

  /** A buffer opened or changed: check its unit soon. */
  changed(uri: string): void {
    this.deps.store.remember(uri);
    this.justClosed.delete(uri);
    const unit = this.deps.store.unitOf(uri);
    if (unit) this.scheduler.schedule(unit);
    this.scheduleCallers(uri);
    if (unit) this.scheduleCallees(uri, unit);
  }

  /** A caller's file changed: the open modules its last check followed show its calls' findings again. */
  private scheduleCallees(uri: string, unit: UnitKey): void {
    const path = uriToPath(uri);
    if (!moduleDirOf(unit) || !path || !this.deps.callers) return;
    this.deps.callers.update(path);
    for (const d of this.deps.analyzer.followedBy(unit))
      if (this.deps.store.openBuffersOf(`tf:${d}`).length) this.scheduler.schedule(`tf:${d}`);
  }

  /** A module's file changed: the units that call that module are checked again too. */
  private scheduleCallers(uri: string): void {
    const path = uriToPath(uri);
    if (!path || !isModuleFile(path)) return;
    for (const caller of this.deps.analyzer.callersOf(dirname(path)))
      if (this.deps.store.openBuffersOf(caller).length) this.scheduler.schedule(caller);
  }

  /** A buffer closed: clear its diagnostics; siblings are re-checked with the file as on disk. */
  closed(uri: string): void {
    const unit = this.deps.store.unitOf(uri);
    if (!unit) return;
    if (this.deps.store.openBuffersOf(unit).length === 0) {
      this.scheduler.cancel(unit);
      this.clearUnit(unit);
      this.deps.analyzer.forget(unit);
      return;
    }
    this.justClosed.add(uri);
    this.clear(uri);
    this.scheduler.schedule(unit);
  }

  /** A file changed on disk (watched-file event). Open buffers win over the disk. */
  fileChanged(path: string, change: FileChange): void {
    const { store, profiles, analyzer } = this.deps;
    store.invalidate(path);
    this.deps.callers?.update(path);
    if (profiles.affects(path)) {
      profiles.clear();
      analyzer.clear();
      this.recheckAll();
      return;
    }
    const uri = store.uriFor(path);
    const unit = store.unitOf(uri);
    if (!unit || store.openBuffersOf(unit).some((b) => b.uri === uri)) return;
    this.scheduleCallers(uri);
    if (store.openBuffersOf(unit).length > 0) this.scheduler.schedule(unit);
    else if (change === 'deleted') this.clear(uri);
  }

  /** Settings, profiles or HEAD may have changed: check every unit with an open buffer again. */
  recheckAll(): void {
    const units = new Set<UnitKey>();
    for (const uri of this.deps.store.openUris()) {
      const unit = this.deps.store.unitOf(uri);
      if (unit) units.add(unit);
    }
    for (const unit of units) this.scheduler.schedule(unit);
  }

  /** The current analysis of a document's unit (checked now when its files changed), for hovers and fixes. */
  async analysisOf(uri: string): Promise<UnitAnalysis | undefined> {
    const unit = this.deps.store.unitOf(uri);
    if (!unit) return undefined;
    const settings = await this.deps.settings(uri);
    return this.deps.analyzer.analyze(unit, settings.profile);
  }

  dispose(): void {
    this.scheduler.dispose();
  }

  private async run(unit: UnitKey, since: number): Promise<number | void | typeof ABANDONED> {
    const { store, analyzer, baseline } = this.deps;
    const open = store.openBuffersOf(unit);
    if (open.length === 0) return this.clearUnit(unit);
    const settings = await this.deps.settings(open[0].uri);
    const analysis = await analyzer.analyzeCooperatively(unit, settings.profile, () => this.superseded(unit, since));
    if (!analysis) return ABANDONED;
    const viaCalls = await this.viaCalls(unit, analysis, settings.profile);
    const pending =
      analysis.result.findings.length > 0
        ? baseline.newFlags(analysis, () => this.idle(unit))
        : Promise.resolve(undefined);
    // The HEAD baseline is usually cached; the first one of a unit (git + a check of the committed
    // files) can take a while, so diagnostics go out first and the "new" marks follow.
    const flags = settings.newFindingsOnly
      ? await pending
      : await settleWithin(pending, this.deps.baselineGraceMs ?? DEFAULT_BASELINE_GRACE_MS);
    if (this.isStale(unit)) return;
    if (this.superseded(unit, since)) return ABANDONED;
    const uris = this.publishUnit(unit, analysis, flags === LATE ? undefined : flags, settings, since, viaCalls);
    if (flags === LATE) {
      pending
        .then((late) => {
          if (
            !this.isStale(unit) &&
            !this.scheduler.isPending(unit) &&
            analyzer.last(unit)?.signature === analysis.signature
          )
            this.publishUnit(unit, analysis, late, settings, since, viaCalls, new Set(uris));
        })
        .catch((err: unknown) => this.fail(unit, err));
    }
    return analysis.checkMs;
  }

  /**
   * A Terraform module called by root modules in the workspace is shown through those calls:
   * the findings their checks give its files (undefined: not called, shown on its own).
   */
  private async viaCalls(unit: UnitKey, analysis: UnitAnalysis, profile: string): Promise<ViaCalls | undefined> {
    const dir = moduleDirOf(unit);
    const { callers, store, analyzer } = this.deps;
    if (!dir || !callers) return undefined;
    const roots = callers.rootCallersOf(dir, store.rootOf(dir)).slice(0, MAX_CALLERS);
    const checked: UnitAnalysis[] = [];
    for (const root of roots) {
      const a = await analyzer.analyzeCooperatively(`tf:${root}`, profile, () => false);
      if (a) checked.push(a);
    }
    return checked.length ? findingsViaCalls(analysis.files, checked) : undefined;
  }

  /** Resolves once no further check of the unit has been queued for IDLE_MS (the user paused). */
  private async idle(unit: UnitKey): Promise<void> {
    do await new Promise((r) => setTimeout(r, IDLE_MS));
    while (this.scheduler.isPending(unit));
  }

  /**
   * The unit changed again while this check ran, and a newer check can still answer the edits
   * this one covers in time: abandon it (between engine steps) or drop its result. Past
   * ABANDON_MS it finishes and publishes, so a stream of edits never starves diagnostics.
   */
  private superseded(unit: UnitKey, since: number): boolean {
    const newer = this.scheduler.isPending(unit) || this.hasUnappliedEdits(unit);
    return newer && performance.now() - since < ABANDON_MS;
  }

  /** Edits to one of the unit's buffers arrived and wait to be applied: a check now would be stale. */
  private hasUnappliedEdits(unit: UnitKey): boolean {
    const pending = this.deps.editsPending;
    return !!pending && this.deps.store.openBuffersOf(unit).some((b) => pending(b.uri, b.version));
  }

  /**
   * The unit's last buffer closed while the check ran: drop its result. A result for an older
   * version is still published (then replaced by the queued check), or fast typing on a slow
   * unit would never see diagnostics.
   */
  private isStale(unit: UnitKey): boolean {
    return this.deps.store.openBuffersOf(unit).length === 0;
  }

  /** Publishes every file of the unit (or only `only`) and reports; returns the URIs published. */
  private publishUnit(
    unit: UnitKey,
    analysis: UnitAnalysis,
    flags: readonly boolean[] | undefined,
    settings: CheckSettings,
    since: number,
    viaCalls: ViaCalls | undefined,
    only?: ReadonlySet<string>,
  ): string[] {
    const isNew = new Map<Finding, boolean>(analysis.result.findings.map((f, i) => [f, flags?.[i] ?? false]));
    const counts = { error: 0, warning: 0, info: 0, new: 0 };
    const uris: string[] = [];
    for (const file of analysis.files) {
      if (only ? !only.has(file.id) : this.justClosed.delete(file.id)) continue;
      const list = (viaCalls ? (viaCalls.byFile.get(file.id) ?? []) : analysis.findingsIn(file.id))
        .map((f) => ({ finding: f, isNew: isNew.get(f) ?? false }))
        .filter((p) => !settings.newFindingsOnly || p.isNew);
      for (const p of list) {
        counts[p.finding.severity]++;
        if (p.isNew) counts.new++;
      }
      if (
        this.send(
          {
            uri: file.id,
            version: file.version,
            text: file.text,
            findings: list,
            textOf: (id) => analysis.text(id) ?? viaCalls?.textOf(id),
          },
          unit,
          file.version !== undefined,
        )
      )
        uris.push(file.id);
    }
    if (!only) this.dropVanished(unit, analysis);
    this.deps.sink.report({
      unit,
      uris,
      state: 'ok',
      durationMs: performance.now() - since,
      checkMs: analysis.checkMs,
      counts,
      profile: analysis.profile.source,
      ...(analysis.profileError ? { message: analysis.profileError } : {}),
    });
    return uris;
  }

  /** Publishes unless an unchanged closed file would get the same diagnostics again. */
  private send(p: Publication, unit: UnitKey, always: boolean): boolean {
    const hash = p.findings
      .map((f) => `${f.finding.ruleId}|${f.finding.loc.start}|${f.finding.loc.end}|${f.isNew}|${f.finding.message}`)
      .join('\n');
    const last = this.published.get(p.uri);
    if (!always && last?.hash === hash && last.unit === unit) return false;
    this.published.set(p.uri, { unit, hash });
    this.deps.sink.publish(p);
    return true;
  }

  /** Files published for this unit that are no longer part of it (deleted, renamed). */
  private dropVanished(unit: UnitKey, analysis: UnitAnalysis): void {
    const present = new Set(analysis.files.map((f) => f.id));
    for (const [uri, entry] of [...this.published]) if (entry.unit === unit && !present.has(uri)) this.clear(uri);
  }

  private clear(uri: string): void {
    this.published.delete(uri);
    this.deps.sink.publish({ uri, text: '', findings: [] });
  }

  private clearUnit(unit: UnitKey): void {
    for (const [uri, entry] of [...this.published]) if (entry.unit === unit) this.clear(uri);
  }

  private fail(unit: UnitKey, err: unknown): void {
    const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
    this.deps.sink.error(`Checking ${unit} failed: ${message}`);
    const counts = { error: 0, warning: 0, info: 0, new: 0 };
    this.deps.sink.report({
      unit,
      uris: [],
      state: 'failed',
      durationMs: 0,
      checkMs: 0,
      counts,
      profile: '',
      message: `Checking failed: ${err instanceof Error ? err.message : String(err)}`,
    });
  }
}
