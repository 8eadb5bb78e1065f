// The VS Code workbench in Chromium: launch, readiness, commands, screenshots.

import { appendFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { Editor } from './editor';
import { Notifications, StatusBar } from './notifications';
import { getChromiumPath, toSlug } from '../paths';
import { Problems } from './problems';
import { QuickInput } from './quickInput';
import { Views } from './views';
import type { DomElement } from './dom';
import { scaled, waitFor, type WaitOptions } from '../wait';

/** Chromium flags that work on these machines (closed network, root, no GPU). */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Palette title and status bar item of the E2E Bridge test extension (bridge-extension/). */
const BRIDGE_COMMAND = 'E2E Bridge: Execute Command by ID';
const BRIDGE_STATUS = 'pennsieve-test.e2e-bridge.e2eBridge.result';

/** How to open a workbench. */
export interface WorkbenchOptions {
  /** URL that opens the workbench (CodeServer.workbenchUrl). */
  url: string;
  /** The folder the workbench opens (CodeServer.workspacePath). */
  workspacePath?: string;
  /** Screenshots go to `<screenshotDir>/<NN>-<name>.png`; the folder is emptied first. */
  screenshotDir: string;
  /** browser-console.log (page errors and console errors) goes here. */
  logDir: string;
  viewport?: { width: number; height: number };
}

/** A VS Code window in headless Chromium, with helpers that act as a user would. */
export class Workbench {
  readonly quickInput: QuickInput;
  readonly editor: Editor;
  readonly problems: Problems;
  readonly views: Views;
  readonly notifications: Notifications;
  readonly statusBar: StatusBar;
  private shots = 0;
  private tickets = 0;

  private constructor(
    private readonly browser: Browser,
    readonly page: Page,
    private readonly screenshotDir: string,
    /** Milliseconds from navigation until the workbench was ready. */
    readonly loadMs: number,
    workspacePath: string | undefined,
  ) {
    const run = (command: string) => this.runCommand(command);
    this.quickInput = new QuickInput(page);
    this.editor = new Editor(page, this.quickInput, workspacePath);
    this.problems = new Problems(page, run);
    this.views = new Views(page, run);
    this.notifications = new Notifications(page, run);
    this.statusBar = new StatusBar(page);
  }

  /** Launches Chromium, opens the workbench and waits until it is ready for input. */
  static async open(options: WorkbenchOptions): Promise<Workbench> {
    mkdirSync(options.logDir, { recursive: true });
    rmSync(options.screenshotDir, { recursive: true, force: true });
    mkdirSync(options.screenshotDir, { recursive: true });
    const browser = await chromium.launch({ executablePath: getChromiumPath(), args: CHROMIUM_ARGS, headless: true });
    try {
      const context = await browser.newContext({ viewport: options.viewport ?? { width: 1440, height: 900 } });
      // tsx compiles with esbuild's keepNames, which wraps named inner functions of evaluate
      // callbacks in __name(); the page needs a no-op one to run them.
      await context.addInitScript('globalThis.__name = globalThis.__name || ((fn) => fn);');
      const page = await context.newPage();
      page.setDefaultTimeout(scaled(15_000));
      const consoleLog = join(options.logDir, 'browser-console.log');
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') appendFileSync(consoleLog, `[${m.type()}] ${m.text()}\n`);
      });
      page.on('pageerror', (e) => appendFileSync(consoleLog, `[pageerror] ${e.stack ?? e.message}\n`));
      const started = Date.now();
      await page.goto(options.url);
      await waitUntilReady(page);
      return new Workbench(browser, page, options.screenshotDir, Date.now() - started, options.workspacePath);
    } catch (error) {
      await browser.close();
      throw error;
    }
  }

  /**
   * Runs a command through the Command Palette (F1, type its title, Enter), by the title the
   * palette shows ('View: Toggle Problems'). An id ('workbench.actions.view.problems') goes to
   * {@link executeCommand}: the palette ranks fuzzy matches above an exact id, so it cannot be
   * trusted to run the command an id names.
   */
  async runCommand(command: string): Promise<void> {
    if (/^[\w-]+(\.[\w-]+)+$/.test(command)) return this.executeCommand(command);
    await this.dismissMenus();
    await this.quickInput.cancel();
    await this.page.keyboard.press('F1');
    await this.quickInput.waitOpen();
    const title = command.toLowerCase();
    await this.quickInput.pick((row) => row.label.toLowerCase() === title, { filter: `>${command}` });
    // Done once the palette is gone: closed, or replaced by what the command opened.
    await waitFor(
      `the Command Palette to run ${command}`,
      async () => !(await this.quickInput.isOpen()) || !(await this.quickInput.prompt()).value.startsWith('>'),
    );
  }

  /**
   * Runs a command by id with JSON arguments through the E2E Bridge test extension (installed
   * by withSuite) and waits until it has finished; throws with the command's error.
   * `waitUntil: 'started'` returns once it runs, for commands that then wait on the user.
   */
  async executeCommand(
    id: string,
    args: unknown[] = [],
    options: { waitUntil?: 'finished' | 'started' } & WaitOptions = {},
  ): Promise<void> {
    const ticket = `${process.pid}-${++this.tickets}`;
    await this.runCommand(BRIDGE_COMMAND);
    await this.quickInput.answer(`${ticket} ${id}${args.length ? ` ${JSON.stringify(args)}` : ''}`);
    const prefix = `e2e ${ticket} `;
    const item = await this.statusBar.waitFor(
      (i) =>
        i.id === BRIDGE_STATUS &&
        i.text.startsWith(prefix) &&
        (options.waitUntil === 'started' || !i.text.endsWith(' running')),
      `the command ${id} to ${options.waitUntil === 'started' ? 'start' : 'finish'}`,
      { timeout: scaled(30_000), ...options },
    );
    const outcome = item.text.slice(prefix.length);
    if (outcome.startsWith('error:')) throw new Error(`Command ${id} failed: ${outcome.slice('error:'.length).trim()}`);
  }

  /**
   * Waits until the extension host runs and has activated startup extensions: the E2E
   * Bridge's status bar item shows. Commands contributed by extensions are in the palette
   * from then on.
   */
  async waitForExtensionHost(options?: WaitOptions): Promise<void> {
    await this.statusBar.waitFor((i) => i.id === BRIDGE_STATUS, 'the extension host (the E2E Bridge status item)', {
      timeout: scaled(90_000),
      ...options,
    });
  }

  /** Extensions in the Extensions view's Installed list (not built-ins). */
  async installedExtensions(): Promise<{ id: string; name: string; isDisabled: boolean }[]> {
    await this.executeCommand('workbench.view.extensions');
    const rows = this.page.locator('[id="workbench.parts.sidebar"] .monaco-list-row[data-extension-id]');
    return waitFor('the installed extensions list', async () => {
      const found = await rows.evaluateAll((els: DomElement[]) =>
        els.map((e) => ({
          id: e.getAttribute('data-extension-id') ?? '',
          name: (e.querySelector('.name')?.textContent ?? '').trim(),
          isDisabled: e.classList.contains('disabled'),
        })),
      );
      return found.length ? found : undefined;
    });
  }

  /** Closes an open context menu or code action menu, which would swallow key presses. */
  private async dismissMenus(): Promise<void> {
    const menus = this.page
      .locator('.monaco-menu [role=menuitem], .action-widget [role=option]')
      .filter({ visible: true });
    if (await menus.count()) {
      await this.page.keyboard.press('Escape');
      await waitFor('open menus to close', async () => (await menus.count()) === 0);
    }
  }

  /** Saves a PNG of the window as `<NN>-<name>.png` and returns its path. */
  async screenshot(name: string): Promise<string> {
    this.shots += 1;
    const path = join(this.screenshotDir, `${String(this.shots).padStart(2, '0')}-${toSlug(name)}.png`);
    await this.page.screenshot({ path });
    return path;
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}

/**
 * The workbench is ready when its parts are laid out and the status bar shows the Problems
 * counter (contributed once the workbench has restored), not after a fixed time.
 */
async function waitUntilReady(page: Page): Promise<void> {
  for (const selector of [
    '[id="workbench.parts.activitybar"]',
    '[id="workbench.parts.statusbar"]',
    '[id="status.problems"]',
  ]) {
    await page.locator(selector).waitFor({ state: 'visible', timeout: scaled(60_000) });
  }
  await waitFor(
    'the explorer or an editor area',
    () => page.locator('[id="workbench.parts.editor"]').isVisible(),
    undefined,
    { timeout: scaled(30_000) },
  );
}
