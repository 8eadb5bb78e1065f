// The active text editor: open, move, type, read, hover, quick fix, save.

import type { Locator, Page } from 'playwright-core';
import type { DomElement } from './dom';
import { matchesText, type QuickInput, type QuickPickRow, type TextMatch } from './quickInput';
import { scaled, waitFor, type WaitOptions } from '../wait';

/** 1-based line and column, as VS Code shows them. */
export interface Position {
  line: number;
  column: number;
}

/** What a hover shows. */
export interface HoverContent {
  /** Rendered markdown parts (hover providers), as the user reads them. */
  markdown: string[];
  /** Diagnostic parts: "message source(code)". */
  markers: string[];
  /** Everything, joined by newlines. */
  text: string;
}

const ACTIVE_EDITOR = '.editor-group-container.active .editor-container .monaco-editor[data-uri]';

/** Drives the active editor through the keyboard, as a user would. */
export class Editor {
  constructor(
    private readonly page: Page,
    private readonly quickInput: QuickInput,
    /** Absolute path of the open workspace folder, to check which file an editor shows. */
    private readonly workspacePath?: string,
  ) {}

  /** The active editor's root element. */
  get root(): Locator {
    return this.page.locator(ACTIVE_EDITOR).first();
  }

  /** URI of the active editor's document, or undefined when no text editor is active. */
  async activeUri(): Promise<string | undefined> {
    if (!(await this.root.count())) return undefined;
    return (await this.root.getAttribute('data-uri')) ?? undefined;
  }

  /** Waits until the active editor's URI satisfies `predicate` (undefined: no text editor). */
  async waitForActiveUri(
    predicate: (uri: string | undefined) => boolean,
    what = 'the active editor to change',
    options?: WaitOptions,
  ): Promise<void> {
    await waitFor(
      what,
      async () => predicate(await this.activeUri()),
      async () => `active editor: ${await this.activeUri()}`,
      options,
    );
  }

  /** Opens a workspace file through Quick Open (Ctrl+P), by its path relative to the root. */
  async open(relativePath: string, options?: WaitOptions): Promise<void> {
    const parts = relativePath.split('/');
    const name = parts.pop()!;
    const dir = parts.join('/');
    // Quick Open shows the file name as the label and its folder as the description ('' at
    // the root).
    const isTarget = (row: QuickPickRow) => row.label === name && row.description === dir;
    const suffix = this.workspacePath ? `${this.workspacePath}/${relativePath}` : `/${relativePath}`;
    const isOpen = async () => (await this.activeUri())?.endsWith(suffix) ?? false;
    // A second try covers a click that a late re-render of the results sent to another row.
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press('Control+P');
      await this.quickInput.pick(isTarget, { filter: relativePath, ...options });
      try {
        await waitFor(`an editor on ${relativePath}`, isOpen, async () => `active editor: ${await this.activeUri()}`, {
          timeout: scaled(5_000),
        });
        break;
      } catch (error) {
        if (attempt >= 2) throw error;
      }
    }
    await this.focus();
  }

  /**
   * Puts the keyboard focus in the active editor and waits until the editor reports it
   * (views such as the Problems panel may take it back while they settle).
   */
  async focus(): Promise<void> {
    const hasFocus = () =>
      this.root.evaluate((el: DomElement) => el.classList.contains('focused') && el.querySelector(':focus') !== null);
    await waitFor(
      'the editor to take the keyboard focus',
      async () => {
        if (await hasFocus()) return true;
        await this.root.locator('textarea.inputarea, .native-edit-context').first().focus();
        return hasFocus();
      },
      async () => `focus is on ${await this.page.evaluate('document.activeElement?.className')}`,
    );
  }

  /** Deletes the whole text of the active editor (Ctrl+A, Delete), as a user would. */
  async clear(): Promise<void> {
    await this.focus();
    await this.page.keyboard.press('Control+A');
    await this.page.keyboard.press('Delete');
    await this.waitForText((text) => text.trim() === '', 'the editor to be empty');
  }

  /** Moves the cursor with Go to Line/Column (Ctrl+G) and waits for the status bar to agree. */
  async goTo(position: Position): Promise<void> {
    await this.focus();
    await this.page.keyboard.press('Control+G');
    await this.quickInput.waitOpen();
    await this.quickInput.input.fill(`:${position.line}:${position.column}`);
    await this.quickInput.input.press('Enter');
    await this.quickInput.waitClosed();
    const expected = `Ln ${position.line}, Col ${position.column}`;
    const selection = this.page.locator('[id="status.editor.selection"]');
    await waitFor(
      `the cursor at ${expected}`,
      async () => (await selection.textContent())?.trim().startsWith(expected),
      () => selection.textContent().then(String),
    );
  }

  /** Types `text` at `position` key by key (newlines press Enter), as a user types. */
  async typeAt(position: Position, text: string): Promise<void> {
    await this.goTo(position);
    await this.page.keyboard.type(text);
  }

  /** Inserts `text` at `position` in one edit, like a paste. */
  async insertAt(position: Position, text: string): Promise<void> {
    await this.goTo(position);
    await this.page.keyboard.insertText(text);
  }

  /** Selects `length` characters from `position` and types `text` over them. */
  async replaceAt(position: Position, length: number, text: string): Promise<void> {
    await this.goTo(position);
    for (let i = 0; i < length; i++) await this.page.keyboard.press('Shift+ArrowRight');
    await this.page.keyboard.type(text);
  }

  /**
   * The text of the lines the editor renders (the visible part of the document; small test
   * files fit whole). Non-breaking spaces are turned back into spaces.
   */
  async text(): Promise<string> {
    return this.root
      .locator('.view-lines')
      .first()
      .evaluate((el: DomElement) =>
        [...el.querySelectorAll('.view-line')]
          .map((line) => ({ top: parseFloat(line.style.top), text: (line.textContent ?? '').replace(/\u00a0/g, ' ') }))
          .sort((a, b) => a.top - b.top)
          .map((line) => line.text)
          .join('\n'),
      );
  }

  /**
   * The CodeLens titles the active editor renders, top to bottom (lenses on one line are
   * separate entries). Non-breaking spaces are turned back into spaces.
   */
  async codeLenses(): Promise<string[]> {
    return this.root.evaluate((el: DomElement) =>
      [...el.querySelectorAll('.codelens-decoration')]
        .map((d) => ({
          top: parseFloat((d.closest('.contentWidgets > *') ?? d).style.top) || 0,
          titles: [...d.querySelectorAll(':scope > a, :scope > span')]
            .map((a) => (a.textContent ?? '').replace(/\u00a0/g, ' ').trim())
            .filter((t) => t !== '' && t !== '|'),
        }))
        .sort((a, b) => a.top - b.top)
        .flatMap((d) => d.titles),
    );
  }

  /** Waits until the rendered text satisfies `predicate` and returns it. */
  async waitForText(
    predicate: (text: string) => boolean,
    what = 'the editor text to change',
    options?: WaitOptions,
  ): Promise<string> {
    return waitFor(
      what,
      async () => {
        const text = await this.text();
        return predicate(text) ? text : undefined;
      },
      () => this.text(),
      options,
    );
  }

  /** Position of the `occurrence`-th appearance of `needle` in the rendered text. */
  async positionOf(needle: string, occurrence = 1): Promise<Position> {
    const lines = (await this.text()).split('\n');
    let seen = 0;
    for (let i = 0; i < lines.length; i++) {
      for (let at = lines[i].indexOf(needle); at >= 0; at = lines[i].indexOf(needle, at + 1)) {
        if (++seen === occurrence) return { line: i + 1, column: at + 1 };
      }
    }
    throw new Error(`"${needle}" (occurrence ${occurrence}) is not in the visible editor text`);
  }

  private async resolve(at: Position | string): Promise<Position> {
    return typeof at === 'string' ? this.positionOf(at) : at;
  }

  /**
   * Shows the hover at a position, or on the first appearance of a piece of text, through
   * the keyboard (Ctrl+K Ctrl+I), and returns its content once `predicate` accepts it
   * (default: any content). Closes the hover afterwards.
   */
  async hover(
    at: Position | string,
    predicate: (hover: HoverContent) => boolean = () => true,
    options?: WaitOptions,
  ): Promise<HoverContent> {
    await this.goTo(await this.resolve(at));
    const widget = this.page.locator('.monaco-editor .monaco-hover').filter({ visible: true }).first();
    let last: HoverContent | undefined;
    const content = await waitFor(
      'a hover that matches',
      async () => {
        if (!(await widget.isVisible())) {
          await this.focus();
          await this.page.keyboard.press('Control+K');
          await this.page.keyboard.press('Control+I');
          return undefined;
        }
        last = await readHover(widget);
        return last.text && !/^Loading\.\.\./.test(last.text) && predicate(last) ? last : undefined;
      },
      () => JSON.stringify(last ?? 'no hover shown'),
      { interval: 300, ...options },
    );
    await this.page.keyboard.press('Escape');
    return content;
  }

  /** Titles of the code actions offered at a position (Ctrl+.), then closes the menu. */
  async codeActions(at?: Position | string): Promise<string[]> {
    const rows = await this.openCodeActions(at);
    const titles = await rows.evaluateAll((els: DomElement[]) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    await this.page.keyboard.press('Escape');
    return titles;
  }

  /**
   * Opens Quick Fix (Ctrl+.) at a position (default: where the cursor is), picks the action
   * whose title matches with the keyboard, and waits for the menu to close.
   */
  async quickFix(title: TextMatch, at?: Position | string, options?: WaitOptions): Promise<void> {
    const rows = await this.openCodeActions(at);
    const titles = () => rows.evaluateAll((els: DomElement[]) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    const target = await waitFor(
      `a code action titled ${String(title)}`,
      async () => {
        const index = (await titles()).findIndex((t) => matchesText(t, title));
        return index >= 0 ? index : undefined;
      },
      async () => JSON.stringify(await titles()),
      options,
    );
    // The menu sits behind a pointer shield, so move with the keyboard, checking each step.
    const focused = this.page.locator('.action-widget [role=option].focused');
    for (let step = 0; step <= (await rows.count()); step++) {
      if (matchesText((await focused.getAttribute('aria-label')) ?? '', title)) break;
      const focusedIndex = await rows.evaluateAll((els: DomElement[]) =>
        els.findIndex((e) => e.classList.contains('focused')),
      );
      await this.page.keyboard.press(focusedIndex > target ? 'ArrowUp' : 'ArrowDown');
    }
    const chosen = (await focused.getAttribute('aria-label')) ?? '';
    if (!matchesText(chosen, title))
      throw new Error(`Could not focus the code action ${String(title)}; focus is on "${chosen}"`);
    await this.page.keyboard.press('Enter');
    await waitFor(
      'the code action menu to close',
      async () => !(await this.page.locator('.action-widget').isVisible()),
    );
  }

  private async openCodeActions(at?: Position | string): Promise<Locator> {
    if (at !== undefined) await this.goTo(await this.resolve(at));
    else await this.focus();
    const widget = this.page.locator('.action-widget');
    await waitFor(
      'the code action menu',
      async () => {
        if (await widget.isVisible()) return true;
        await this.page.keyboard.press('Control+.');
        return undefined;
      },
      undefined,
      { interval: 1_000, timeout: scaled(15_000) },
    );
    return widget.locator('[role=option]');
  }

  /** Saves with Ctrl+S and waits until the tab no longer shows unsaved changes. */
  async save(): Promise<void> {
    await this.focus();
    await this.page.keyboard.press('Control+S');
    await waitFor(
      'the file to be saved',
      async () => !(await this.page.locator('.editor-group-container.active .tab.active.dirty').count()),
    );
  }
}

async function readHover(widget: Locator): Promise<HoverContent> {
  return widget.evaluate((el: DomElement) => {
    const markdown = [...el.querySelectorAll('.rendered-markdown')].map((m) => m.innerText.trim());
    // A marker part is "message" then "source(code)" in separate spans.
    const markers = [...el.querySelectorAll('.marker.hover-contents')].map((m) =>
      [...m.querySelectorAll(':scope > span')]
        .map((span) => span.innerText.trim())
        .filter(Boolean)
        .join(' '),
    );
    return { markdown, markers, text: [...markers, ...markdown].join('\n') };
  });
}
