// The permission diff in real VS Code (code-server in Chromium) on a workspace that is a git
// repository: widening a role's inline policy shows the "Since HEAD" lens above the role and an
// entry in the Permission Changes view (its summary, the change with an example request);
// narrowing it as well adds the "−" part; with pennsieve.guard.wideningChangesOnly the narrowing
// part disappears from both, and a pure narrowing leaves nothing. Exact texts throughout.
// A screenshot is kept per step (test-results/screenshots/lens/).

import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withSuite } from '../support/suite';
import { getExtensionVsix } from '../../../scripts/harness/vsix';
import { scaled, waitFor, type WaitOptions } from '../../../scripts/harness/wait';
import type { TreeRow, ViewScope } from '../../../scripts/harness/workbench/views';
import { commitWorkspace, original, positionIn } from './lensSupport';

const FILE = 'mod/main.tf';
// The side bar shows the Pennsieve container; its other trees are empty (signed out) or collapsed,
// so every tree row there is the Permission Changes view's.
const VIEW: ViewScope & WaitOptions = { timeout: scaled(30_000) };
const ROLE = 'aws_iam_role.worker';
const RESOURCE = 'arn:aws:s3:::pennsieve-node1-*';

describe('permission diff lens and the Permission Changes view in the editor', function () {
  const suite = withSuite({
    name: 'lens',
    workspace: join(__dirname, 'workspace'),
    extensions: async () => [await getExtensionVsix()],
  });

  this.timeout(scaled(240_000));

  before(function () {
    commitWorkspace(suite.codeServer.workspacePath);
  });

  /** Sets a setting in the workspace's .vscode/settings.json (not a file the diff reads). */
  const setWorkspaceSetting = (id: string, value: unknown) => {
    mkdirSync(join(suite.codeServer.workspacePath, '.vscode'), { recursive: true });
    writeFileSync(join(suite.codeServer.workspacePath, '.vscode', 'settings.json'), JSON.stringify({ [id]: value }));
  };

  /** The diff lenses of the active editor once they equal `expected`. */
  const waitForDiffLenses = (expected: string[], what: string) =>
    waitFor(
      what,
      async () => {
        const lenses = (await suite.workbench.editor.codeLenses()).filter((l) => /^(New since|Since) HEAD/.test(l));
        return JSON.stringify(lenses) === JSON.stringify(expected) ? lenses : undefined;
      },
      async () => JSON.stringify(await suite.workbench.editor.codeLenses()),
      { timeout: scaled(30_000) },
    );

  /** The view's rows once they equal `expected` (label and description, by level). */
  const waitForRows = (expected: Pick<TreeRow, 'label' | 'description' | 'level'>[], what: string) =>
    waitFor(
      what,
      async () => {
        const rows = (await suite.workbench.views.rows(VIEW)).map(({ label, description, level }) => ({
          label,
          description,
          level,
        }));
        return JSON.stringify(rows) === JSON.stringify(expected) ? rows : undefined;
      },
      async () => JSON.stringify(await suite.workbench.views.rows(VIEW)),
      { timeout: scaled(30_000) },
    );

  /** Deletes `length` characters from `at` (selects them, then Delete). */
  const deleteAt = async (at: { line: number; column: number }, length: number) => {
    await suite.workbench.editor.replaceAt(at, length, '');
    await suite.workbench.page.keyboard.press('Delete');
  };

  /** Shows the Permission Changes view (focus moves there; editing commands refocus the editor). */
  const showView = () => suite.workbench.executeCommand('pennsieve.permissionChanges.focus');

  const viewMessage = (text: string) =>
    waitFor(
      `the Permission Changes view to say "${text}"`,
      async () => (await suite.workbench.views.scope(VIEW).getByText(text, { exact: true }).count()) > 0,
      async () => suite.workbench.views.scope(VIEW).innerText(),
      { timeout: scaled(30_000) },
    );

  it('shows no diff lens and an empty view while the module is as committed', async function () {
    const { workbench } = suite;
    await workbench.editor.open(FILE);
    await waitFor(
      'the guarantee lens (the server has checked the module)',
      async () => (await workbench.editor.codeLenses()).some((l) => l.startsWith('Guarantees:')),
      async () => JSON.stringify(await workbench.editor.codeLenses()),
      { timeout: scaled(60_000) },
    );
    assert.deepEqual(
      (await workbench.editor.codeLenses()).filter((l) => l.includes('HEAD')),
      [],
      'no diff lens on an unchanged role',
    );
    await showView();
    await viewMessage('No role or policy changes its permissions against HEAD.');
    await suite.screenshot('clean');
  });

  it('widening the policy shows the lens and the view entry with an example request', async function () {
    const { editor } = suite.workbench;
    const at = positionIn(original(FILE), '"s3:DeleteObject"]');
    await showView();
    await editor.typeAt({ line: at.line, column: at.column + '"s3:DeleteObject"'.length }, ', "s3:PutObject"');
    await waitForDiffLenses(['Since HEAD: + s3:PutObject on pennsieve-node1-*; − nothing'], 'the widening lens');
    await waitForRows(
      [
        { label: ROLE, description: '+ s3:PutObject on pennsieve-node1-*; − nothing', level: 1 },
        {
          label: `+ s3:PutObject on ${RESOURCE}`,
          description: 'e.g. s3:PutObject on arn:aws:s3:::pennsieve-node1-',
          level: 2,
        },
      ],
      'the widening entry in the view',
    );
    await suite.screenshot('widened');
  });

  it('narrowing as well adds the "−" part; clicking the role opens it', async function () {
    const { editor, views } = suite.workbench;
    const at = positionIn(original(FILE), '"s3:DeleteObject"');
    // Remove `, "s3:DeleteObject"` (the comma and space before it too).
    await showView();
    await deleteAt({ line: at.line, column: at.column - 2 }, '"s3:DeleteObject"'.length + 2);
    const both = `Since HEAD: + s3:PutObject on pennsieve-node1-*; − s3:DeleteObject on pennsieve-node1-*`;
    await waitForDiffLenses([both], 'the lens with both parts');
    await waitForRows(
      [
        {
          label: ROLE,
          description: '+ s3:PutObject on pennsieve-node1-*; − s3:DeleteObject on pennsieve-node1-*',
          level: 1,
        },
        {
          label: `+ s3:PutObject on ${RESOURCE}`,
          description: 'e.g. s3:PutObject on arn:aws:s3:::pennsieve-node1-',
          level: 2,
        },
        {
          label: `− s3:DeleteObject on ${RESOURCE}`,
          description: 'e.g. s3:DeleteObject on arn:aws:s3:::pennsieve-node1-',
          level: 2,
        },
      ],
      'both changes in the view',
    );
    await suite.screenshot('widened-and-narrowed');
    await editor.goTo({ line: 1, column: 1 });
    await (await views.treeItem(ROLE, VIEW)).click();
    await suite.workbench.statusBar.waitFor(
      (i) => i.id === 'status.editor.selection' && /^Ln 2, Col (1|33)\b/.test(i.text),
      'the cursor on the role "worker" (line 2)',
    );
  });

  it('"only widening changes" hides the narrowing part, and a pure narrowing entirely', async function () {
    const { editor } = suite.workbench;
    await showView();
    await editor.focus();
    setWorkspaceSetting('pennsieve.guard.wideningChangesOnly', true);
    await waitForDiffLenses(['Since HEAD: + s3:PutObject on pennsieve-node1-*'], 'the lens without the "−" part');
    await waitForRows(
      [
        { label: ROLE, description: '+ s3:PutObject on pennsieve-node1-*', level: 1 },
        {
          label: `+ s3:PutObject on ${RESOURCE}`,
          description: 'e.g. s3:PutObject on arn:aws:s3:::pennsieve-node1-',
          level: 2,
        },
      ],
      'the view without the narrowing entry',
    );
    await suite.screenshot('widening-only');

    // Take the widening back out: what is left only narrows, so nothing is shown.
    const at = await editor.positionOf(', "s3:PutObject"');
    await deleteAt(at, ', "s3:PutObject"'.length);
    await waitForDiffLenses([], 'no diff lens for a pure narrowing');
    await viewMessage(
      'Nothing widens against HEAD. Only widening changes are shown (setting pennsieve.guard.wideningChangesOnly).',
    );
    await suite.screenshot('narrowing-hidden');

    setWorkspaceSetting('pennsieve.guard.wideningChangesOnly', false);
    await waitForDiffLenses(
      ['Since HEAD: + nothing; − s3:DeleteObject on pennsieve-node1-*'],
      'the narrowing lens back',
    );
  });
});
