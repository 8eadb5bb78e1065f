// The Problems panel: open it, read its entries, wait for one to appear or go.

import type { Locator, Page } from 'playwright-core';
import type { DomElement } from './dom';
import { waitFor, type WaitOptions } from '../wait';

/** One diagnostic as the Problems panel shows it. */
export interface ProblemEntry {
  /** Absolute path of the file, as the panel's resource row names it. */
  file: string;
  severity: 'error' | 'warning' | 'info' | 'unknown';
  message: string;
  /** Diagnostic source, e.g. 'pennsieve-guard'. */
  source: string;
  /** Diagnostic code, e.g. 'PG101' ('' when none). */
  code: string;
  line: number;
  column: number;
}

type RawRow = { index: number; isLast: boolean; level: number; file?: string; entry?: Omit<ProblemEntry, 'file'> };

/** Reads the Problems panel through its DOM (a virtualised tree of resource and marker rows). */
export class Problems {
  constructor(
    private readonly page: Page,
    private readonly runCommand: (command: string) => Promise<void>,
  ) {}

  private get panel(): Locator {
    return this.page.locator('.markers-panel');
  }

  /** Shows the Problems panel (`workbench.actions.view.problems` toggles, so only when hidden). */
  async open(): Promise<void> {
    if (await this.panel.isVisible()) return;
    await this.runCommand('workbench.actions.view.problems');
    await waitFor('the Problems panel', () => this.panel.isVisible());
  }

  /**
   * Every entry, scrolling through the panel when it holds more rows than fit. Related
   * information rows are skipped.
   */
  async entries(): Promise<ProblemEntry[]> {
    await this.open();
    const list = this.panel.locator('.monaco-list').first();
    // With no problems the panel shows a message instead of its (hidden) tree.
    if (!(await list.isVisible())) return [];
    const seen = new Map<number, RawRow>();
    const read = async () => {
      const rows = await list.locator('.monaco-list-rows > .monaco-list-row').evaluateAll(readRows);
      for (const row of rows) seen.set(row.index, row);
      return rows;
    };
    const rows = await read();
    if (!rows.some((r) => r.index === 0) || !rows.some((r) => r.isLast)) await this.scrollThrough(list, read);
    const result: ProblemEntry[] = [];
    let file = '';
    for (const row of [...seen.values()].sort((a, b) => a.index - b.index)) {
      if (row.file !== undefined) file = row.file;
      else if (row.entry && row.level === 2) result.push({ file, ...row.entry });
    }
    return result;
  }

  /**
   * The tree renders only the rows that fit: scrolls it with the mouse wheel, up to the top
   * and then down to the last row, reading as it goes. (Keyboard paging would be quicker, but
   * moving the focus through the Problems tree opens each marker's file in the editor.
   * Monaco ignores synthetic wheel events and moves a couple of rows per real one.)
   */
  private async scrollThrough(list: Locator, read: () => Promise<RawRow[]>): Promise<void> {
    const box = await list.boundingBox();
    if (!box) return;
    await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const scroll = async (deltaY: number, isDone: (rows: RawRow[]) => boolean) => {
      let last = '';
      for (let stalled = 0, i = 0; stalled < 5 && i < 5_000; i++) {
        await this.page.mouse.wheel(0, deltaY);
        // Monaco renders the new rows on the next animation frames.
        await this.page.evaluate(
          'new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))',
        );
        const rows = await read();
        if (isDone(rows)) return;
        const shown = rows.map((r) => r.index).join();
        stalled = shown === last ? stalled + 1 : 0;
        last = shown;
      }
    };
    await scroll(-240, (rows) => rows.some((r) => r.index === 0));
    await scroll(240, (rows) => rows.some((r) => r.isLast));
    await this.page.mouse.move(0, 0); // no hover tooltips left over the panel
  }

  /** Waits for an entry that `predicate` accepts and returns it. */
  async waitFor(
    predicate: (entry: ProblemEntry) => boolean,
    what = 'a matching Problems entry',
    options?: WaitOptions,
  ): Promise<ProblemEntry> {
    let last: ProblemEntry[] = [];
    return waitFor(
      what,
      async () => {
        last = await this.entries();
        return last.find(predicate);
      },
      () => formatEntries(last),
      { interval: 500, ...options },
    );
  }

  /** Waits until no entry is accepted by `predicate` (e.g. after a quick fix). */
  async waitForNone(
    predicate: (entry: ProblemEntry) => boolean,
    what = 'the Problems entry to go',
    options?: WaitOptions,
  ): Promise<void> {
    let last: ProblemEntry[] = [];
    await waitFor(
      what,
      async () => {
        last = await this.entries();
        return !last.some(predicate);
      },
      () => formatEntries(last),
      { interval: 500, ...options },
    );
  }
}

/** One line per entry, for failure messages. */
export function formatEntries(entries: ProblemEntry[]): string {
  if (!entries.length) return 'no entries';
  return entries
    .map((e) => `\n  ${e.file}:${e.line}:${e.column} ${e.severity} ${e.source}(${e.code}) ${e.message}`)
    .join('');
}

/** Runs in the page: turns rendered rows into plain data. */
function readRows(rows: DomElement[]): RawRow[] {
  return rows.map((row) => {
    const index = Number(row.getAttribute('data-index'));
    const isLast = row.getAttribute('data-last-element') === 'true';
    const level = Number(row.getAttribute('aria-level'));
    const text = (selector: string) => (row.querySelector(selector)?.textContent ?? '').trim();
    const resource = row.querySelector('.resource-label-container .monaco-icon-label');
    if (level === 1 && resource)
      return {
        index,
        isLast,
        level,
        file: resource.getAttribute('aria-label') ?? text('.label-name'),
      } satisfies RawRow;
    const icon = row.querySelector('.marker-icon');
    if (!icon) return { index, isLast, level };
    const severity = (['error', 'warning', 'info'] as const).find((s) => icon.classList.contains(s)) ?? 'unknown';
    const where = /Ln (\d+), Col (\d+)/.exec(text('.marker-line')) ?? ['', '0', '0'];
    const message = [...row.querySelectorAll('.marker-message')].map((m) => (m.textContent ?? '').trim()).join('\n');
    const entry: RawRow['entry'] = {
      severity,
      message,
      source: text('.marker-source'),
      code: text('.marker-code'),
      line: Number(where[1]),
      column: Number(where[2]),
    };
    return { index, isLast, level, entry };
  });
}
