// Proves the e2e harness end to end in real VS Code (code-server + Chromium), independent of
// the extension's features: the packaged extension installs, and every workbench helper works
// against a test-only extension (harness-extension/) that shows one of each UI surface.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { withSuite } from '../support/suite';
import { getExtensionVsix, getFixtureVsix } from '../../../scripts/harness/vsix';

const HARNESS_STATUS = 'pennsieve-test.e2e-harness.e2eHarness.status';
const isHarnessProblem = (e: { code: string; source: string }) => e.code === 'H001' && e.source === 'e2e-harness';

describe('e2e harness (smoke)', function () {
  const suite = withSuite({
    name: 'smoke',
    workspace: join(__dirname, 'workspace'),
    extensions: async () => [await getExtensionVsix(), await getFixtureVsix(join(__dirname, 'harness-extension'))],
  });

  it('loads the workbench with both extensions running', async function () {
    const { workbench } = suite;
    // The fixture's status bar item shows once the extension host has activated it.
    await workbench.statusBar.waitFor((item) => item.id === HARNESS_STATUS, 'the harness status bar item', {
      timeout: 30_000,
    });
    const installed = await workbench.installedExtensions();
    const ids = installed
      .filter((e) => !e.isDisabled)
      .map((e) => e.id)
      .sort();
    assert.deepEqual(ids, ['pennsieve-test.e2e-bridge', 'pennsieve-test.e2e-harness', 'pennsieve.pennsieve-compute']);
    await suite.screenshot('workbench-loaded');
  });

  it('opens a .tf file through Quick Open and types into it', async function () {
    const { workbench } = suite;
    await workbench.editor.open('main.tf');
    await workbench.editor.typeAt(
      { line: 4, column: 2 },
      '\n\nresource "aws_s3_bucket" "data" {\n  bucket = "typed-by-the-harness"\n}',
    );
    const text = await workbench.editor.waitForText((t) => t.includes('bucket = "typed-by-the-harness"'));
    assert.match(text, /^resource "aws_s3_bucket" "data" \{$/m, 'typed text lands exactly as typed');
    await suite.screenshot('typed-into-main-tf');
    await workbench.editor.save();
    const onDisk = readFileSync(join(suite.codeServer.workspacePath, 'main.tf'), 'utf8');
    assert.ok(onDisk.includes('typed-by-the-harness'), 'the saved file holds the typed text');
  });

  it('opens a file in a subfolder by its relative path', async function () {
    const { editor } = suite.workbench;
    await editor.open('modules/network/main.tf');
    assert.match((await editor.activeUri()) ?? '', /\/modules\/network\/main\.tf$/);
    await editor.open('main.tf');
  });

  it('shows a diagnostic in the Problems panel, with its hover', async function () {
    const { workbench } = suite;
    await workbench.editor.typeAt({ line: 3, column: 26 }, ' # FORBIDDEN');
    const entry = await workbench.problems.waitFor(isHarnessProblem, 'the H001 problem');
    assert.deepEqual(
      { severity: entry.severity, message: entry.message, line: entry.line, column: entry.column },
      { severity: 'error', message: 'FORBIDDEN is not allowed here', line: 3, column: 29 },
    );
    assert.match(entry.file, /\/workspace\/main\.tf$/);
    await suite.screenshot('problems-panel');
    const hover = await workbench.editor.hover('FORBIDDEN', (h) => h.markdown.length > 0);
    assert.deepEqual(hover.markdown, ['Harness hover: FORBIDDEN']);
    assert.deepEqual(hover.markers, ['FORBIDDEN is not allowed here e2e-harness(H001)']);
  });

  it('applies a quick fix and the problem goes away', async function () {
    const { workbench } = suite;
    assert.deepEqual(await workbench.editor.codeActions('FORBIDDEN'), ['Replace FORBIDDEN with allowed']);
    await workbench.editor.quickFix('Replace FORBIDDEN with allowed', 'FORBIDDEN');
    await workbench.editor.waitForText((t) => t.includes('# allowed') && !t.includes('FORBIDDEN'));
    await workbench.problems.waitForNone(isHarnessProblem, 'the H001 problem to go');
    await suite.screenshot('quick-fix-applied');
  });

  it('renames a tree item through its context menu and an input box', async function () {
    const { views, quickInput, notifications } = suite.workbench;
    await views.openContainer('e2eHarness');
    const alpha = await views.treeItem('alpha', { view: 'Items' });
    await views.contextMenu(alpha, 'Rename Item');
    await quickInput.waitForPrompt((p) => p.message.startsWith('New name for alpha'));
    await assert.rejects(quickInput.answer('alpha two'), /Names cannot contain spaces/);
    await quickInput.answer('gamma');
    await notifications.waitFor('Renamed alpha to gamma');
    await views.treeItem('gamma', { view: 'Items' });
    await views.waitForNoTreeItem('alpha', { view: 'Items' });
    await views.treeItem(['beta', 'beta-child'], { view: 'Items' });
    await suite.screenshot('tree-renamed');
    await views.inlineAction(await views.treeItem('gamma', { view: 'Items' }), 'Rename Item');
    await quickInput.answer('delta');
    await views.treeItem('delta', { view: 'Items' });
  });

  it('shows welcome content and runs its button', async function () {
    const { views, quickInput, notifications, statusBar } = suite.workbench;
    assert.match(await views.welcomeText({ view: 'Empty' }), /Nothing here yet\./);
    await views.clickWelcomeButton('Pick Colour', { view: 'Empty' });
    await quickInput.pick('blue');
    await statusBar.waitFor((i) => i.id === HARNESS_STATUS && i.text === 'Colour: blue');
    await notifications.clickButton('Picked blue', 'Undo');
    await statusBar.waitFor((i) => i.id === HARNESS_STATUS && i.text === 'Harness ready');
  });

  it('runs a command from the palette, answers its quick pick and reads the status bar', async function () {
    const { workbench } = suite;
    await workbench.runCommand('E2E Harness: Pick Colour');
    await workbench.quickInput.waitForPrompt((p) => p.placeholder === 'Pick a colour');
    await workbench.quickInput.pick('green');
    const item = await workbench.statusBar.waitFor((i) => i.id === HARNESS_STATUS && i.text === 'Colour: green');
    assert.deepEqual(item.icons, ['beaker']);
    const note = await workbench.notifications.waitFor('Picked green');
    assert.equal(note.severity, 'warning');
    await suite.screenshot('status-bar-and-notification');
  });

  it('reads every entry of a Problems panel longer than the screen', async function () {
    const { workbench } = suite;
    await workbench.editor.open('many.tf');
    const inMany = (e: { file: string; code: string }) => e.file.endsWith('/many.tf') && e.code === 'H001';
    await workbench.problems.waitFor(inMany, 'the problems of many.tf');
    const entries = await workbench.problems.entries();
    assert.deepEqual(
      entries.filter(inMany).map((e) => e.line),
      Array.from({ length: 40 }, (_, i) => i + 2),
    );
    await suite.screenshot('many-problems');
    // Clear the file, then close it without saving through the modal dialog.
    await workbench.editor.clear();
    await workbench.problems.waitForNone(inMany, 'many.tf problems to go once its text is gone');
    await workbench.executeCommand('workbench.action.closeActiveEditor', [], { waitUntil: 'started' });
    assert.match(await workbench.notifications.waitForDialog(), /save the changes you made to many\.tf/i);
    await suite.screenshot('save-dialog');
    await workbench.notifications.answerDialog("Don't Save");
    await workbench.editor.waitForActiveUri((uri) => !uri?.endsWith('/many.tf'), 'many.tf to close');
  });
});
