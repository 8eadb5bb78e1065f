// The analysis layer wired as the server wires it, with a recording sink instead of a
// connection: publications and status reports are collected and can be awaited.

import { Analyzer } from '../../../../../server/src/analysis/analyzer';
import {
  WorkspaceChecker,
  type CheckerSink,
  type CheckSettings,
  type Publication,
} from '../../../../../server/src/analysis/checker';
import { HeadBaseline } from '../../../../../server/src/analysis/headBaseline';
import type { StatusParams } from '../../../../../shared/protocol';
import { ProfileCache } from '../../../../../server/src/analysis/profiles';
import { SourceStore } from '../../../../../server/src/analysis/sourceStore';
import { createEngine, type Engine } from '../../../../../server/src/engine/createEngine';
import { FakeBuffers } from './workspace';

/** One engine for all tests: the catalog loads once. */
export const engine: Engine = createEngine();

export class RecordingSink implements CheckerSink {
  readonly publications: Publication[] = [];
  readonly reports: StatusParams[] = [];
  readonly errors: string[] = [];
  private readonly waiters = new Set<{ test: (r: StatusParams) => boolean; resolve: (r: StatusParams) => void }>();

  publish(p: Publication): void {
    this.publications.push(p);
  }

  report(r: StatusParams): void {
    this.reports.push(r);
    for (const w of [...this.waiters]) if (w.test(r)) w.resolve(r);
  }

  error(message: string): void {
    this.errors.push(message);
  }

  /** The latest publication for a URI. */
  latest(uri: string): Publication | undefined {
    for (let i = this.publications.length - 1; i >= 0; i--)
      if (this.publications[i].uri === uri) return this.publications[i];
    return undefined;
  }

  /** The next report meeting `test`, with a deadline. */
  nextReport(test: (r: StatusParams) => boolean = () => true, timeoutMs = 10000): Promise<StatusParams> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let waiter!: { test: (r: StatusParams) => boolean; resolve: (r: StatusParams) => void };
    const got = new Promise<StatusParams>((resolve) => {
      waiter = { test, resolve };
      this.waiters.add(waiter);
    });
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no check report within ${timeoutMs} ms`)), timeoutMs);
    });
    return Promise.race([got, deadline]).finally(() => {
      clearTimeout(timer);
      this.waiters.delete(waiter);
    });
  }
}

export interface Harness {
  readonly buffers: FakeBuffers;
  readonly store: SourceStore;
  readonly analyzer: Analyzer;
  readonly baseline: HeadBaseline;
  readonly checker: WorkspaceChecker;
  readonly sink: RecordingSink;
  settings: CheckSettings;
}

export function createHarness(initial: Partial<CheckSettings> = {}, baselineGraceMs = 10000): Harness {
  const buffers = new FakeBuffers();
  const sink = new RecordingSink();
  const store = new SourceStore(buffers);
  const profiles = new ProfileCache(() => undefined);
  const analyzer = new Analyzer(engine, store, profiles, sink);
  const baseline = new HeadBaseline((files, profile) => engine.check(files, profile), sink);
  const state = { settings: { profile: '', newFindingsOnly: false, ...initial } };
  const checker = new WorkspaceChecker({
    store,
    analyzer,
    baseline,
    profiles,
    sink,
    settings: async () => state.settings,
    scheduler: { minDelayMs: 1, maxDelayMs: 5 },
    baselineGraceMs,
  });
  return {
    buffers,
    store,
    analyzer,
    baseline,
    checker,
    sink,
    get settings() {
      return state.settings;
    },
    set settings(v: CheckSettings) {
      state.settings = v;
    },
  };
}
