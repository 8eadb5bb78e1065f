// Wires code-server and the workbench into a mocha suite: start before, stop after (even when
// something failed), a screenshot of every failing test.

import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { startCodeServer, type CodeServer } from '../../../scripts/harness/codeServer';
import { resultsDir, toSlug } from '../../../scripts/harness/paths';
import { getBridgeVsix } from '../../../scripts/harness/vsix';
import { scaled } from '../../../scripts/harness/wait';
import { Workbench } from '../../../scripts/harness/workbench/workbench';

type Lazy<T> = T | (() => T | Promise<T>);

/** One e2e suite's setup. Functions are called in the `before` hook, after earlier hooks ran. */
export interface SuiteOptions {
  /** Suite name: names test-results/screenshots/<name>/ and test-results/logs/<name>/. */
  name: string;
  /** Folder to open (copied first), usually `join(__dirname, 'workspace')`. */
  workspace: string;
  /**
   * .vsix files to install, e.g. `() => getExtensionVsix()`. The E2E Bridge (which lets
   * `workbench.executeCommand` run commands by id) is always installed as well.
   */
  extensions: Lazy<string[]>;
  /** User settings, e.g. the API base URL of a sandbox backend started in an earlier hook. */
  settings?: Lazy<Record<string, unknown>>;
  /** Extra environment for code-server and its extension host. */
  env?: Lazy<Record<string, string>>;
  viewport?: { width: number; height: number };
}

/** What tests of a suite use; valid once the suite's `before` hook has run. */
export interface SuiteContext {
  readonly codeServer: CodeServer;
  readonly workbench: Workbench;
  /** Shorthand for `workbench.screenshot`. */
  screenshot(name: string): Promise<string>;
}

async function resolve<T>(value: Lazy<T>): Promise<T> {
  return typeof value === 'function' ? (value as () => T | Promise<T>)() : value;
}

/**
 * Call inside `describe`. Registers hooks that start code-server with the extensions
 * installed and open the workbench before the tests, take a screenshot of each failing test,
 * and stop everything afterwards.
 */
export function withSuite(options: SuiteOptions): SuiteContext {
  let codeServer: CodeServer | undefined;
  let workbench: Workbench | undefined;
  const screenshotDir = join(resultsDir, 'screenshots', toSlug(options.name));
  const logDir = join(resultsDir, 'logs', toSlug(options.name));
  const required = <T>(value: T | undefined, what: string): T => {
    if (!value) throw new Error(`${what} is not running: did the suite's before hook fail?`);
    return value;
  };

  before(async function () {
    this.timeout(scaled(300_000));
    rmSync(logDir, { recursive: true, force: true }); // this run's logs only
    const bridge = await getBridgeVsix();
    codeServer = await startCodeServer({
      name: toSlug(options.name),
      workspace: options.workspace,
      extensions: [bridge, ...(await resolve(options.extensions))],
      settings: options.settings && (await resolve(options.settings)),
      env: options.env && (await resolve(options.env)),
      logDir,
    });
    workbench = await Workbench.open({
      url: codeServer.workbenchUrl,
      workspacePath: codeServer.workspacePath,
      screenshotDir,
      logDir,
      viewport: options.viewport,
    });
    const hostStarted = Date.now();
    await workbench.waitForExtensionHost();
    console.log(
      `      code-server answered in ${codeServer.startMs} ms, workbench ready in ${workbench.loadMs} ms, ` +
        `extension host in ${Date.now() - hostStarted} ms more`,
    );
  });

  afterEach(async function () {
    const test = this.currentTest;
    if (test?.state !== 'failed' || !workbench) return;
    this.timeout(scaled(30_000));
    try {
      const path = await workbench.screenshot(`FAILED-${test.title}`);
      console.log(`      screenshot of the failure: ${path}`);
    } catch (error) {
      console.log(`      no screenshot of the failure: ${String(error)}`);
    }
  });

  after(async function () {
    this.timeout(scaled(60_000));
    // A failing before hook skips the tests and afterEach: keep its picture too.
    if (workbench && this.test?.parent?.tests.some((t) => t.state === undefined && !t.isPending())) {
      await workbench.screenshot('FAILED-suite-setup').catch(() => undefined);
    }
    const errors: unknown[] = [];
    await workbench?.close().catch((e: unknown) => errors.push(e));
    await codeServer?.stop().catch((e: unknown) => errors.push(e));
    workbench = undefined;
    codeServer = undefined;
    if (errors.length) throw new Error(`Stopping the suite failed: ${errors.map(String).join('; ')}`);
  });

  return {
    get codeServer() {
      return required(codeServer, 'code-server');
    },
    get workbench() {
      return required(workbench, 'The workbench');
    },
    screenshot: (name) => required(workbench, 'The workbench').screenshot(name),
  };
}
