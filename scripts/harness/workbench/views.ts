// Views in the side bar: custom view containers, tree items, context menus, welcome content.

import type { Locator, Page } from 'playwright-core';
import type { DomElement } from './dom';
import { matchesText, type TextMatch } from './quickInput';
import { waitFor, type WaitOptions } from '../wait';

/** One rendered tree row. */
export interface TreeRow {
  label: string;
  description: string;
  /** 1 for top-level items. */
  level: number;
  /** undefined for leaves. */
  isExpanded?: boolean;
}

/** Where to look for a tree: a view by its name, or anywhere in the side bars. */
export interface ViewScope {
  /** The view's name as shown in its header (package.json `views[].name`). */
  view?: string;
}

const SIDE_BARS = '[id="workbench.parts.sidebar"], [id="workbench.parts.auxiliarybar"]';

/** Drives tree views through their rendered rows. */
export class Views {
  constructor(
    private readonly page: Page,
    private readonly runCommand: (command: string) => Promise<void>,
  ) {}

  /** Shows a view container contributed under `viewsContainers` (by its id). */
  async openContainer(containerId: string): Promise<void> {
    await this.runCommand(`workbench.view.extension.${containerId}`);
    await waitFor(`the view container ${containerId}`, () =>
      this.page.locator(SIDE_BARS).locator('.pane-body').first().isVisible(),
    );
  }

  /** The element that holds a view's content (the whole side bars when no view is named). */
  scope(scope: ViewScope = {}): Locator {
    const bars = this.page.locator(SIDE_BARS);
    if (!scope.view) return bars;
    // A pane is the header plus body of one view; its header is labelled "<name> Section".
    return bars.locator('.pane').filter({ has: this.page.locator(`.pane-header[aria-label="${scope.view} Section"]`) });
  }

  /** Rendered rows of the trees in scope (the list is virtualised: only what fits). */
  async rows(scope?: ViewScope): Promise<TreeRow[]> {
    return this.scope(scope)
      .locator('[role=treeitem]')
      .evaluateAll((rows: DomElement[]) =>
        rows.map((row) => {
          const expanded = row.getAttribute('aria-expanded');
          return {
            label: (row.querySelector('.label-name')?.textContent ?? '').trim(),
            description: (row.querySelector('.label-description')?.textContent ?? '').trim(),
            level: Number(row.getAttribute('aria-level')),
            isExpanded: expanded === null ? undefined : expanded === 'true',
          };
        }),
      );
  }

  /**
   * Waits for a tree item and returns its row. A path (['account', 'node']) expands each
   * parent on the way down.
   */
  async treeItem(path: TextMatch | TextMatch[], scope?: ViewScope & WaitOptions): Promise<Locator> {
    const steps = Array.isArray(path) ? path : [path];
    let row: Locator | undefined;
    for (const [i, label] of steps.entries()) {
      row = await this.findRow(label, i + 1, scope);
      if (i < steps.length - 1) await this.expand(row);
    }
    return row!;
  }

  private async findRow(label: TextMatch, level: number, scope?: ViewScope & WaitOptions): Promise<Locator> {
    const rows = this.scope(scope).locator('[role=treeitem]');
    const index = await waitFor(
      `a tree item ${String(label)} at level ${level}`,
      async () => {
        const found = (await this.rows(scope)).findIndex((r) => r.level === level && matchesText(r.label, label));
        return found >= 0 ? found : undefined;
      },
      async () => JSON.stringify(await this.rows(scope)),
      scope,
    );
    return rows.nth(index);
  }

  /** Expands a collapsed tree row (no-op when already expanded or a leaf). */
  async expand(row: Locator): Promise<void> {
    if ((await row.getAttribute('aria-expanded')) !== 'false') return;
    await row.locator('.monaco-tl-twistie').click();
    await waitFor('the tree item to expand', async () => (await row.getAttribute('aria-expanded')) === 'true');
  }

  /** Waits until no tree row in scope has a matching label. */
  async waitForNoTreeItem(label: TextMatch, scope?: ViewScope & WaitOptions): Promise<void> {
    await waitFor(
      `no tree item ${String(label)}`,
      async () => !(await this.rows(scope)).some((r) => matchesText(r.label, label)),
      async () => JSON.stringify(await this.rows(scope)),
      scope,
    );
  }

  /**
   * Right-clicks a tree row and picks a context-menu entry by its title. The entry is chosen
   * with the keyboard: a mouse click that lands right after the menu opened is sometimes
   * taken for the end of the right-click and ignored.
   */
  async contextMenu(row: Locator, entry: TextMatch): Promise<void> {
    await this.dismissHover();
    await row.click({ button: 'right' });
    // Context menus render in a shadow root; Playwright's CSS engine pierces it.
    const items = this.page
      .locator('.monaco-menu .action-item:not(.disabled) [role=menuitem]')
      .filter({ visible: true });
    const focused = this.page.locator('.monaco-menu .action-item.focused [role=menuitem]').filter({ visible: true });
    const titleOf = (item: Locator) =>
      item.evaluate((e: DomElement) => (e.querySelector('.action-label')?.textContent ?? e.textContent ?? '').trim());
    const titles = () =>
      items.evaluateAll((els: DomElement[]) =>
        els.map((e) => (e.querySelector('.action-label')?.textContent ?? e.textContent ?? '').trim()),
      );
    await waitFor(
      `a context-menu entry ${String(entry)}`,
      async () => (await titles()).some((t) => matchesText(t, entry)),
      async () => JSON.stringify(await titles()),
    );
    const count = await items.count();
    for (let step = 0; step <= count; step++) {
      if ((await focused.count()) && matchesText(await titleOf(focused.first()), entry)) break;
      await this.page.keyboard.press('ArrowDown');
    }
    if (!(await focused.count()) || !matchesText(await titleOf(focused.first()), entry)) {
      throw new Error(
        `Could not focus the context-menu entry ${String(entry)} among ${JSON.stringify(await titles())}`,
      );
    }
    await this.page.keyboard.press('Enter');
    await waitFor('the context menu to close', async () => (await items.count()) === 0);
  }

  /**
   * Moves the mouse off the workbench and lets an open hover close: a tree item's hover (a
   * `.context-view` under the pointer) covers the rows below it and takes their clicks.
   */
  private async dismissHover(): Promise<void> {
    await this.page.mouse.move(0, 0);
    const hover = this.page.locator('.context-view').filter({ visible: true });
    for (let i = 0; i < 20 && (await hover.count()); i++) await new Promise((r) => setTimeout(r, 100));
    if (await hover.count()) await this.page.keyboard.press('Escape');
  }

  /** Clicks an inline action (the icons shown on hover) of a tree row, by its title. */
  async inlineAction(row: Locator, title: string): Promise<void> {
    await row.hover();
    await row.locator(`.actions .action-label[aria-label="${title}"]`).click();
  }

  /** Text of a view's welcome content (viewsWelcome), '' when the view shows none. */
  async welcomeText(scope?: ViewScope): Promise<string> {
    const welcome = this.scope(scope).locator('.welcome-view-content').filter({ visible: true });
    return (await welcome.count()) ? (await welcome.first().innerText()).trim() : '';
  }

  /** Clicks a button of a view's welcome content by its label. */
  async clickWelcomeButton(label: string, scope?: ViewScope): Promise<void> {
    await this.scope(scope)
      .locator('.welcome-view-content')
      .getByRole('button', { name: label, exact: true })
      .first()
      .click();
  }
}
