// Notifications (toasts and the notification center), modal dialogs and the status bar.

import type { Locator, Page } from 'playwright-core';
import type { DomElement } from './dom';
import { matchesText, type TextMatch } from './quickInput';
import { waitFor, type WaitOptions } from '../wait';

/** One notification. */
export interface Notification {
  severity: 'info' | 'warning' | 'error' | 'unknown';
  message: string;
  /** Button labels. */
  buttons: string[];
}

/** One status bar entry. */
export interface StatusBarItem {
  /** `<extension id>.<item id>` for extension items, e.g. 'pennsieve.pennsieve-compute.status'. */
  id: string;
  /** Visible text without icons. */
  text: string;
  /** Codicon names shown in the item, e.g. ['sync~spin']. */
  icons: string[];
  ariaLabel: string;
}

const ROWS = '.notifications-toasts .notification-list-item, .notifications-center .notification-list-item';

/** Reads and answers notifications and modal dialogs. */
export class Notifications {
  constructor(
    private readonly page: Page,
    private readonly runCommand: (command: string) => Promise<void>,
  ) {}

  /** Notifications on screen: visible toasts, plus the center's when it is open. */
  async list(): Promise<Notification[]> {
    return this.page
      .locator(ROWS)
      .filter({ visible: true })
      .evaluateAll((rows: DomElement[]) =>
        rows.map((row) => {
          const icon = row.querySelector('.notification-list-item-icon');
          const severity =
            (['info', 'warning', 'error'] as const).find((s) => icon?.classList.contains(`codicon-${s}`)) ?? 'unknown';
          return {
            severity,
            message: (row.querySelector('.notification-list-item-message')?.textContent ?? '').trim(),
            buttons: [...row.querySelectorAll('.notification-list-item-buttons-container .monaco-button')].map((b) =>
              (b.textContent ?? '').trim(),
            ),
          };
        }),
      );
  }

  /**
   * Waits for a notification whose message matches. Toasts hide themselves after a while, so
   * before giving up this also looks in the notification center.
   */
  async waitFor(message: TextMatch, options?: WaitOptions): Promise<Notification> {
    const find = async () => (await this.list()).find((n) => matchesText(n.message, message));
    try {
      return await waitFor(
        `a notification ${String(message)}`,
        find,
        async () => JSON.stringify(await this.list()),
        options,
      );
    } catch (error) {
      await this.runCommand('notifications.showList');
      const found = await find();
      if (found) return found;
      throw error;
    }
  }

  /** Clicks a button of the notification whose message matches. */
  async clickButton(message: TextMatch, button: string): Promise<void> {
    await this.waitFor(message);
    const row = this.page
      .locator(ROWS)
      .filter({ visible: true })
      .filter({
        has: this.page.locator('.notification-list-item-message', { hasText: message }),
      });
    await row.first().getByRole('button', { name: button, exact: true }).click();
  }

  /** Dismisses every notification. */
  async clearAll(): Promise<void> {
    await this.runCommand('notifications.clearAll');
  }

  /** The modal dialog (`{ modal: true }` messages), if one is open. */
  get dialog(): Locator {
    return this.page.locator('.monaco-dialog-box');
  }

  /** Waits for a modal dialog and returns its message text. */
  async waitForDialog(options?: WaitOptions): Promise<string> {
    await waitFor('a modal dialog', () => this.dialog.isVisible(), undefined, options);
    return (await this.dialog.locator('.dialog-message-text, .dialog-message').first().innerText()).trim();
  }

  /** Presses a button of the open modal dialog and waits for it to close. */
  async answerDialog(button: string): Promise<void> {
    await this.waitForDialog();
    await this.dialog.getByRole('button', { name: button, exact: true }).click();
    await waitFor('the dialog to close', async () => !(await this.dialog.isVisible()));
  }
}

/** Reads the status bar. */
export class StatusBar {
  constructor(private readonly page: Page) {}

  async items(): Promise<StatusBarItem[]> {
    return this.page
      .locator('[id="workbench.parts.statusbar"] .statusbar-item')
      .filter({ visible: true })
      .evaluateAll((els: DomElement[]) =>
        els.map((el) => ({
          id: el.id,
          text: (el.textContent ?? '').replace(/\s+/g, ' ').trim(),
          icons: [...el.querySelectorAll('.codicon')].flatMap((i) =>
            [...i.classList].filter((c) => c.startsWith('codicon-')).map((c) => c.slice('codicon-'.length)),
          ),
          ariaLabel: el.getAttribute('aria-label') ?? '',
        })),
      );
  }

  /** Waits for an item that `predicate` accepts and returns it. */
  async waitFor(
    predicate: (item: StatusBarItem) => boolean,
    what = 'a matching status bar item',
    options?: WaitOptions,
  ): Promise<StatusBarItem> {
    return waitFor(
      what,
      async () => (await this.items()).find(predicate),
      async () => JSON.stringify(await this.items()),
      options,
    );
  }

  /** Clicks the item with this id. */
  async click(id: string): Promise<void> {
    await this.page
      .locator(
        `[id="workbench.parts.statusbar"] .statusbar-item[id="${id}"] a, [id="workbench.parts.statusbar"] .statusbar-item[id="${id}"]`,
      )
      .first()
      .click();
  }
}
