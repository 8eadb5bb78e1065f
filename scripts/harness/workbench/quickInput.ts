// The quick input widget: Command Palette, Quick Open, Go to Line, and extensions'
// showInputBox / showQuickPick all share it.

import type { Locator, Page } from 'playwright-core';
import type { DomElement, DomInput } from './dom';
import { scaled, waitFor, WaitAborted, type WaitOptions } from '../wait';

/** One visible row of a quick pick. */
export interface QuickPickRow {
  label: string;
  description: string;
  detail: string;
  ariaLabel: string;
  isFocused: boolean;
}

/** What the open quick input asks. */
export interface QuickInputPrompt {
  title: string;
  /** The prompt, or the validation message while the value is invalid. */
  message: string;
  placeholder: string;
  value: string;
  /** 'error' | 'warning' | 'info' while a validation message shows, else undefined. */
  validation?: string;
}

/** Text matcher: exact string, or a regular expression. */
export type TextMatch = string | RegExp;

/** True when `text` matches: strings compare exactly after trimming. */
export function matchesText(text: string, match: TextMatch): boolean {
  return typeof match === 'string' ? text.trim() === match.trim() : match.test(text);
}

/** Drives the quick input widget. */
export class QuickInput {
  readonly widget: Locator;
  readonly input: Locator;

  constructor(private readonly page: Page) {
    this.widget = page.locator('.quick-input-widget');
    this.input = this.widget.locator('.quick-input-box input');
  }

  isOpen(): Promise<boolean> {
    return this.widget.isVisible();
  }

  /** Waits until the widget is showing. */
  async waitOpen(options?: WaitOptions): Promise<void> {
    await waitFor('the quick input to open', () => this.isOpen(), undefined, options);
  }

  /** Waits until the widget has closed. */
  async waitClosed(options?: WaitOptions): Promise<void> {
    await waitFor(
      'the quick input to close',
      async () => !(await this.isOpen()),
      () => this.describe(),
      options,
    );
  }

  async prompt(): Promise<QuickInputPrompt> {
    return this.widget.evaluate((w: DomElement) => {
      const text = (selector: string) => (w.querySelector(selector)?.textContent ?? '').trim();
      const input = w.querySelector('.quick-input-box input') as DomInput | null;
      const box = w.querySelector('.quick-input-box .monaco-inputbox');
      const validation = ['error', 'warning', 'info'].find((s) => box?.classList.contains(s));
      return {
        title: text('.quick-input-title'),
        message: text('.quick-input-message'),
        placeholder: input?.placeholder ?? '',
        value: input?.value ?? '',
        validation,
      };
    });
  }

  /** Waits for the quick input to open with a prompt that `predicate` accepts, and returns it. */
  async waitForPrompt(
    predicate: (prompt: QuickInputPrompt) => boolean,
    what = 'a matching quick input',
    options?: WaitOptions,
  ): Promise<QuickInputPrompt> {
    return waitFor(
      what,
      async () => {
        if (!(await this.isOpen())) return undefined;
        const prompt = await this.prompt();
        return predicate(prompt) ? prompt : undefined;
      },
      () => this.describe(),
      options,
    );
  }

  /** Visible rows (the list is virtualised: long lists show only what fits). */
  async rows(): Promise<QuickPickRow[]> {
    return this.widget.locator('.quick-input-list .monaco-list-row').evaluateAll((rows: DomElement[]) =>
      rows.map((row) => {
        const text = (selector: string) => (row.querySelector(selector)?.textContent ?? '').trim();
        return {
          label: text('.label-name'),
          description: text('.label-description'),
          detail: text('.quick-input-list-label-meta .label-name'),
          ariaLabel: row.getAttribute('aria-label') ?? '',
          isFocused: row.classList.contains('focused'),
        };
      }),
    );
  }

  private async describe(): Promise<string> {
    if (!(await this.isOpen())) return 'quick input closed';
    const prompt = await this.prompt();
    const rows = await this.rows();
    return `${JSON.stringify(prompt)} rows: ${JSON.stringify(rows.map((r) => r.label))}`;
  }

  /** Replaces the input text (the filter of a quick pick, the value of an input box). */
  async setValue(text: string): Promise<void> {
    await this.waitOpen();
    await this.input.fill(text);
  }

  /**
   * Picks the row whose label matches (or that a predicate accepts), typing `filter` (default:
   * the label itself) first, and waits for the widget to close or move on to its next step.
   * Single-select picks only (a click toggles a row of a multi-select pick).
   */
  async pick(
    label: TextMatch | ((row: QuickPickRow, index: number) => boolean),
    options: { filter?: string } & WaitOptions = {},
  ): Promise<void> {
    await this.waitOpen();
    const filter = options.filter ?? (typeof label === 'string' ? label : undefined);
    if (filter !== undefined) await this.input.fill(filter);
    const before = await this.prompt();
    const accepts = typeof label === 'function' ? label : (row: QuickPickRow) => matchesText(row.label, label);
    // The list re-renders as results arrive (Quick Open adds file search results late) and
    // reuses row elements for other items, so click only once two reads in a row agree, and
    // through a locator bound to the row's text, never to its position.
    let previous = '';
    await waitFor(
      `a quick pick row ${typeof label === 'function' ? 'accepted by the predicate' : `labelled ${String(label)}`}`,
      async () => {
        const rows = await this.rows();
        const shown = JSON.stringify(rows.map((r) => [r.label, r.description]));
        const isSettled = shown === previous;
        previous = shown;
        const row = rows.find(accepts);
        if (!row || !isSettled) return undefined;
        await this.rowLocator(row).first().click({ timeout: 2_000 });
        return true;
      },
      () => this.describe(),
      options,
    );
    await this.waitStepDone(before);
  }

  /** The rendered row that shows exactly this label and description. */
  private rowLocator(row: QuickPickRow): Locator {
    const exact = (text: string) => new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
    let rows = this.widget.locator('.quick-input-list .monaco-list-row').filter({
      has: this.page.locator('.label-name', { hasText: exact(row.label) }),
    });
    const description = this.page.locator('.label-description', {
      hasText: row.description ? exact(row.description) : /\S/,
    });
    rows = row.description ? rows.filter({ has: description }) : rows.filter({ hasNot: description });
    return rows;
  }

  /**
   * Types `value` into the open input box and accepts it with Enter. Throws with the
   * validation message when the input box rejects the value.
   */
  async answer(value: string, options?: WaitOptions): Promise<void> {
    await this.waitOpen(options);
    await this.input.fill(value);
    const before = await this.prompt();
    await this.input.press('Enter');
    await this.waitStepDone(before, options);
  }

  /** Closes the widget with Escape. */
  async cancel(): Promise<void> {
    if (await this.isOpen()) await this.page.keyboard.press('Escape');
    await this.waitClosed();
  }

  /** After accepting: the widget closed, or it shows another step (a new title or prompt). */
  private async waitStepDone(before: QuickInputPrompt, options?: WaitOptions): Promise<void> {
    // Validation runs in the extension host, after each change: an error shown right after
    // Enter may be left over from an earlier value, so only one that stays counts.
    let errorSince: number | undefined;
    await waitFor(
      'the quick input to accept',
      async () => {
        if (!(await this.isOpen())) return true;
        const now = await this.prompt();
        if (now.validation !== 'error') errorSince = undefined;
        else if (errorSince === undefined) errorSince = Date.now();
        else if (Date.now() - errorSince > 2_000)
          throw new WaitAborted(`The input box rejected ${JSON.stringify(now.value)}: ${now.message}`);
        if (now.validation === 'error') return false;
        return now.message !== before.message || now.title !== before.title || now.placeholder !== before.placeholder;
      },
      () => this.describe(),
      { timeout: scaled(10_000), ...options },
    );
  }
}
