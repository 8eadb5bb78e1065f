// Helpers of the guard suite: the language server's process and log, a git repository in the
// workspace copy, Problems entries of pennsieve-guard, positions in the original files, and
// putting a file back to its original text between tests.

import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { SuiteContext } from '../support/suite';
import type { ProblemEntry } from '../../../scripts/harness/workbench/problems';
import type { Position } from '../../../scripts/harness/workbench/editor';
import { scaled, waitFor } from '../../../scripts/harness/wait';

/** Diagnostic source of every pennsieve-guard finding (shared/protocol.ts). */
export const GUARD_SOURCE = 'pennsieve-guard';
/** What the server appends to a finding that is not in the file at git HEAD (shared/protocol.ts). */
export const NEW_SUFFIX = ' (new since HEAD)';

/** The suite's own workspace folder (the originals; tests edit the temporary copy). */
export const WORKSPACE = join(__dirname, 'workspace');

/** The original text of a workspace file. */
export function original(relativePath: string): string {
  return readFileSync(join(WORKSPACE, relativePath), 'utf8');
}

/**
 * PIDs of running pennsieve-guard servers (dist/server.js of an extension installed into this
 * suite's extensions folder, a sibling of the workspace copy), read from /proc.
 */
export function guardServerPids(suite: SuiteContext): number[] {
  const extensionsDir = join(dirname(suite.codeServer.workspacePath), 'extensions');
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let cmdline: string;
    try {
      cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
    } catch {
      continue; // exited while we looked
    }
    const args = cmdline.split('\0');
    if (
      args.some((a) => a.startsWith(`${extensionsDir}/pennsieve.pennsieve-compute-`) && a.endsWith('/dist/server.js'))
    )
      pids.push(Number(entry));
  }
  return pids;
}

/** Lines of the extension's own log files (its output channels) that match `pattern`. */
export function extensionLogLines(suite: SuiteContext, pattern: RegExp): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.log') && path.includes('pennsieve.pennsieve-compute')) {
        found.push(
          ...readFileSync(path, 'utf8')
            .split('\n')
            .filter((line) => pattern.test(line)),
        );
      }
    }
  };
  walk(join(suite.codeServer.userDataDir, 'logs'));
  return found;
}

/** Makes the workspace copy a git repository with its clean content committed as HEAD. */
export function commitWorkspace(workspacePath: string, message: string, init = false): void {
  const git = (...args: string[]) =>
    execFileSync(
      'git',
      ['-c', 'user.name=e2e', '-c', 'user.email=e2e@example.invalid', '-c', 'commit.gpgsign=false', ...args],
      {
        cwd: workspacePath,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
  if (init) git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', message);
}

/** True for a pennsieve-guard entry of the workspace file `relativePath`. */
export function inFile(entry: ProblemEntry, relativePath: string): boolean {
  return entry.source === GUARD_SOURCE && entry.file.endsWith(`/workspace/${relativePath}`);
}

/** The pennsieve-guard entries of one file now. */
export async function guardEntries(suite: SuiteContext, relativePath: string): Promise<ProblemEntry[]> {
  return (await suite.workbench.problems.entries()).filter((e) => inFile(e, relativePath));
}

/** What a test expects to see in the Problems panel. */
export interface Expected {
  file: string;
  code: string;
  line: number;
  column: number;
  /** The message, without the "new since HEAD" suffix. */
  message: RegExp;
  severity?: ProblemEntry['severity'];
}

/** True when the entry is the expected one (message with or without the "new" suffix). */
export function isExpected(entry: ProblemEntry, e: Expected): boolean {
  return (
    inFile(entry, e.file) &&
    entry.code === e.code &&
    entry.line === e.line &&
    entry.column === e.column &&
    e.message.test(entry.message.replace(NEW_SUFFIX, ''))
  );
}

/** One measured latency, for the summary printed after the suite. */
export interface Latency {
  what: string;
  ms: number;
}

/** The 1-based position of the `occurrence`-th `needle` in `text` (a file's original text). */
export function positionIn(text: string, needle: string, occurrence = 1): Position {
  let at = -1;
  for (let i = 0; i < occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" (occurrence ${occurrence}) is not in the text`);
  }
  const before = text.slice(0, at).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

/** The text of a file of the workspace copy, as saved. */
export function onDisk(suite: SuiteContext, relativePath: string): string {
  return readFileSync(join(suite.codeServer.workspacePath, relativePath), 'utf8');
}

/**
 * Opens a workspace file and makes its buffer the original text again: the file on disk is put
 * back first if a test saved an edit, then File: Revert File drops unsaved edits. (Closing the
 * tab instead would leave its diagnostics up for a while; pasting the text with the keyboard
 * re-indents multi-line text in YAML.) Waits until the tab is clean and the file shows no
 * pennsieve-guard problem (the originals are clean), so a test starts from a known state
 * whatever an earlier one left.
 */
export async function restore(suite: SuiteContext, relativePath: string): Promise<void> {
  const { workbench } = suite;
  const text = original(relativePath);
  const path = join(suite.codeServer.workspacePath, relativePath);
  if (readFileSync(path, 'utf8') !== text) writeFileSync(path, text);
  await workbench.editor.open(relativePath);
  await workbench.executeCommand('workbench.action.files.revert');
  await waitFor(`${relativePath} to have no unsaved changes`, async () => !(await isDirty(suite)));
  await workbench.problems.waitForNone(
    (e) => inFile(e, relativePath),
    `no pennsieve-guard problem in the clean ${relativePath}`,
  );
  await workbench.editor.goTo({ line: 1, column: 1 });
}

/** True when the active editor's tab shows unsaved changes. */
export async function isDirty(suite: SuiteContext): Promise<boolean> {
  return (await suite.workbench.page.locator('.editor-group-container.active .tab.active.dirty').count()) > 0;
}

/** True when the tab of `relativePath` (in any group) shows unsaved changes. */
export async function isTabDirty(suite: SuiteContext, relativePath: string): Promise<boolean> {
  const name = relativePath.split('/').pop()!;
  const tabs = suite.workbench.page.locator(`.tabs-container .tab[data-resource-name="${name}"]`);
  const count = await tabs.count();
  if (count === 0) throw new Error(`No editor tab for ${relativePath}`);
  for (let i = 0; i < count; i++) if (/\bdirty\b/.test((await tabs.nth(i).getAttribute('class')) ?? '')) return true;
  return false;
}

/**
 * Types `text` at `at` key by key, then waits for the Problems entry `expected` and returns it
 * with the time from the last keystroke to the entry showing (polled every 50 ms).
 */
export async function typeAndWaitFor(
  suite: SuiteContext,
  at: Position,
  text: string,
  expected: Expected,
): Promise<{ entry: ProblemEntry; ms: number }> {
  const { editor, problems } = suite.workbench;
  await problems.open();
  await editor.typeAt(at, text);
  const typed = Date.now();
  const entry = await problems.waitFor((e) => isExpected(e, expected), describe(expected), {
    interval: 50,
    timeout: scaled(15_000),
  });
  return { entry, ms: Date.now() - typed };
}

/** Waits until the expected entry's message carries the "new since HEAD" mark. */
export async function waitForNewMark(suite: SuiteContext, expected: Expected): Promise<ProblemEntry> {
  return suite.workbench.problems.waitFor(
    (e) => isExpected(e, expected) && e.message.endsWith(NEW_SUFFIX),
    `${describe(expected)} marked new since HEAD`,
  );
}

export function describe(e: Expected): string {
  return `${GUARD_SOURCE}(${e.code}) at ${e.file}:${e.line}:${e.column} matching ${e.message}`;
}

/**
 * Shows the hover at the cursor (Ctrl+K Ctrl+I), takes a screenshot and closes it again: the
 * editor's hover helper closes the hover before it returns.
 */
export async function screenshotHover(suite: SuiteContext, name: string): Promise<void> {
  const { editor, page } = suite.workbench;
  const widget = page.locator('.monaco-editor .monaco-hover').filter({ visible: true }).first();
  await waitFor(
    'the hover to show',
    async () => {
      if (await widget.isVisible()) return true;
      await editor.focus();
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+I');
      return undefined;
    },
    undefined,
    { interval: 500 },
  );
  await waitFor('the hover to finish loading', async () => !/^Loading\.\.\./.test((await widget.innerText()).trim()));
  await suite.screenshot(name);
  await page.keyboard.press('Escape');
  await waitFor('the hover to close', async () => !(await widget.isVisible()));
}

/** Opens the Quick Fix menu at the cursor (Ctrl+.), takes a screenshot and closes it. */
export async function screenshotQuickFixMenu(suite: SuiteContext, name: string): Promise<void> {
  const { editor, page } = suite.workbench;
  const menu = page.locator('.action-widget');
  await waitFor(
    'the Quick Fix menu',
    async () => {
      if (await menu.isVisible()) return true;
      await editor.focus();
      await page.keyboard.press('Control+.');
      return undefined;
    },
    undefined,
    { interval: 1_000 },
  );
  await suite.screenshot(name);
  await page.keyboard.press('Escape');
  await waitFor('the Quick Fix menu to close', async () => !(await menu.isVisible()));
}
