// Small readers for the sidebar suites: context-menu titles, a recorder of the status bar from
// page load, and a sampler that times when a tree row changes.

import type { Locator, Page } from 'playwright-core';
import type { DomElement } from '../../../scripts/harness/workbench/dom';
import type { TreeRow } from '../../../scripts/harness/workbench/views';
import { waitFor } from '../../../scripts/harness/wait';

/** The enabled entries of a tree row's context menu (the menu is closed again). */
export async function contextMenuTitles(page: Page, row: Locator): Promise<string[]> {
  await row.click({ button: 'right' });
  const items = page.locator('.monaco-menu .action-item:not(.disabled) [role=menuitem]').filter({ visible: true });
  const titles = () =>
    items.evaluateAll((els: DomElement[]) =>
      els.map((e) => (e.querySelector('.action-label')?.textContent ?? e.textContent ?? '').trim()),
    );
  const found = await waitFor('the context menu', async () => ((await items.count()) ? titles() : undefined));
  await page.keyboard.press('Escape');
  await waitFor('the context menu to close', async () => (await items.count()) === 0);
  return found;
}

/** The Command Palette's rows for `text` (the palette is closed again). */
export async function paletteRows(page: Page, text: string): Promise<string[]> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.fill(`>${text}`);
  const rows = page.locator('.quick-input-widget .quick-input-list .monaco-list-row .label-name');
  // The palette filters as it is typed: read once two reads agree.
  let previous = '';
  const labels = await waitFor('the palette to settle', async () => {
    const now = (await rows.allTextContents()).map((t) => t.trim());
    const same = JSON.stringify(now) === previous;
    previous = JSON.stringify(now);
    return same ? now : undefined;
  });
  await page.keyboard.press('Escape');
  return labels;
}

/** Runs in the page from its first script on: keeps every distinct text of a Pennsieve status bar item. */
const STATUS_RECORDER = `
  window.__pennsieveStatus = [];
  const seen = () => {
    for (const el of document.querySelectorAll('.statusbar-item')) {
      const text = (el.textContent || '').trim();
      if (text.startsWith('Pennsieve') && window.__pennsieveStatus[window.__pennsieveStatus.length - 1] !== text) window.__pennsieveStatus.push(text);
    }
  };
  new MutationObserver(seen).observe(document, { subtree: true, childList: true, characterData: true });
`;

/** Installs, for the next page load, a recorder of every text a Pennsieve status bar item shows. */
export async function recordStatusBarFromLoad(page: Page): Promise<void> {
  await page.addInitScript({ content: STATUS_RECORDER });
}

/** What the recorder saw since the page loaded. */
export async function recordedStatusBar(page: Page): Promise<string[]> {
  return (await page.evaluate('window.__pennsieveStatus || []')) as string[];
}

/** Polls `rows` every `intervalMs` until `test` accepts a row; returns when it first did (ms epoch). */
export async function firstSeen(
  rows: () => Promise<TreeRow[]>,
  test: (row: TreeRow) => boolean,
  timeoutMs: number,
  intervalMs = 100,
): Promise<number> {
  return waitFor(
    'the tree row',
    async () => ((await rows()).some(test) ? Date.now() : undefined),
    async () => JSON.stringify(await rows()),
    { timeout: timeoutMs, interval: intervalMs },
  );
}

/**
 * The whole text of the active editor (the rendered lines are only what is on screen): select
 * all and copy, then read the page's clipboard.
 */
export async function wholeEditorText(page: Page): Promise<string> {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
  await page.locator('.monaco-editor textarea').first().focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+C');
  return waitFor(
    'the copied editor text',
    async () => ((await page.evaluate('navigator.clipboard.readText()')) as string) || undefined,
  );
}

/** Opens or closes a view's pane in the side bar by its header (a closed pane gives the others its room). */
export async function setPaneExpanded(page: Page, view: string, expanded: boolean): Promise<void> {
  const header = page.locator(`.pane-header[aria-label="${view} Section"]`);
  const state = async () => (await header.getAttribute('aria-expanded')) === String(expanded);
  if (!(await state())) await header.click({ position: { x: 30, y: 10 } });
  await waitFor(`the ${view} pane to ${expanded ? 'open' : 'close'}`, state);
}
