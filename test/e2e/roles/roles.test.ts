// Register Existing Role… and Update Role to Latest Template… in real VS Code (code-server in
// Chromium) against the sandbox backend and moto, as a LakeSail-style security team and a
// Pennsieve user do it (issue #13): bad ARNs and a role that does not trust the platform are
// refused and register nothing; a role applied from an older template is registered, shows
// verified in the sidebar and is offered the update (only then); the update shows what it would
// grant, applies on confirmation, and the audit then passes with no update offered; a later hand
// change to the role offers it again.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { RolePolicy } from '../../../extension/src/api/accounts';
import { tokenOf } from '../../../scripts/harness/backend/identities';
import { withSuite } from '../support/suite';
import { getExtensionVsix } from '../../../scripts/harness/vsix';
import { scaled, waitFor } from '../../../scripts/harness/wait';
import { apiFor } from '../../extension/support/sandboxClient';
import { AWS_PROFILE, stackSettings, startSandboxStack, type SandboxStack } from '../sidebar/sandboxStack';
import { contextMenuTitles } from '../sidebar/sidebarUi';
import { registerExisting, signInToSandbox, VIEW } from './rolesUi';
import { MISSING_SID, SecurityTeam } from './securityTeam';

const AWS_ACCOUNT = '123456789012';
const ACCOUNT_ROW = `AWS ${AWS_ACCOUNT}`;
const UPDATE = 'Update Role to Latest Template…';
const EXTERNAL_ID = 'security-team-chosen-id-0001';

describe('Register Existing Role and Update Role to Latest Template (sandbox + moto)', function () {
  let stack: SandboxStack;
  let team: SecurityTeam;
  let policy: RolePolicy;
  const api = () => apiFor(stack.backend.url, tokenOf('acctOwner'));

  before(async function () {
    this.timeout(scaled(180_000));
    stack = await startSandboxStack();
    team = new SecurityTeam(stack.moto.endpoint);
    policy = await api().accounts.fetchRolePolicy();
  });
  after(async function () {
    this.timeout(scaled(120_000));
    team?.destroy();
    await stack?.stop();
  });

  const suite = withSuite({
    name: 'roles',
    workspace: join(__dirname, 'workspace'),
    extensions: async () => [await getExtensionVsix()],
    settings: () =>
      stackSettings(stack, {
        'pennsieve.aws.profile': AWS_PROFILE,
      }),
    env: () => stack.env,
  });

  const accountRow = async () => (await suite.workbench.views.rows(VIEW)).find((r) => r.label === ACCOUNT_ROW);
  const menuOf = async () =>
    contextMenuTitles(suite.workbench.page, await suite.workbench.views.treeItem(ACCOUNT_ROW, VIEW));
  const register = (arn: string) => registerExisting(suite.workbench, arn, EXTERNAL_ID);

  it('signs in to the sandbox', async function () {
    this.timeout(scaled(180_000));
    await signInToSandbox(suite.workbench, stack.backend.url);
  });

  it('refuses a malformed ARN in the input box, from the welcome view', async () => {
    const { workbench } = suite;
    await workbench.views.clickWelcomeButton('Register Existing Role', VIEW);
    await workbench.quickInput.waitForPrompt((p) => p.message.startsWith('The ARN of the role'));
    await assert.rejects(workbench.quickInput.answer('arn:aws:iam::1234:role/x'), /Not a role ARN/);
    await assert.rejects(
      workbench.quickInput.answer(`arn:aws:iam::${AWS_ACCOUNT}:user/alice`),
      /This is a user ARN: enter the ARN of the role/,
    );
    await suite.screenshot('malformed-arn');
    await workbench.quickInput.cancel();
  });

  it('says so when the ARN names no role, or a role of another account, and registers nothing', async function () {
    this.timeout(scaled(90_000));
    const { workbench } = suite;
    await register(`arn:aws:iam::${AWS_ACCOUNT}:role/Pennsieve-Compute-no-such-role`);
    await workbench.notifications.waitFor(
      `There is no role Pennsieve-Compute-no-such-role in AWS account ${AWS_ACCOUNT}: check the ARN (nothing was registered)`,
      { timeout: scaled(30_000) },
    );
    await suite.screenshot('no-such-role');
    await register('arn:aws:iam::210987654321:role/Pennsieve-Compute-prod');
    await workbench.notifications.waitFor(
      `Profile "${AWS_PROFILE}" is for AWS account ${AWS_ACCOUNT}; choose a profile for 210987654321 (setting pennsieve.aws.profile)`,
      { timeout: scaled(30_000) },
    );
    assert.deepEqual(await api().accounts.fetchAccounts(), []);
  });

  it('refuses a role that does not trust the platform, with the reason, and registers nothing', async function () {
    this.timeout(scaled(90_000));
    const { workbench } = suite;
    const arn = await team.applyUntrusted(policy, `${policy.roleName}-untrusted`, EXTERNAL_ID);
    await register(arn);
    const note = await workbench.notifications.waitFor(
      new RegExp(`^The role ${policy.roleName}-untrusted was not registered: `),
      { timeout: scaled(60_000) },
    );
    assert.equal(note.severity, 'error');
    await suite.screenshot('untrusted-refused');
    assert.deepEqual(await api().accounts.fetchAccounts(), []);
    assert.match(await workbench.views.welcomeText(VIEW), /No AWS account is registered/);
  });

  it('registers a role applied from an older template: verified in the sidebar, and the update offered', async function () {
    this.timeout(scaled(90_000));
    const { workbench } = suite;
    const arn = await team.applyOlderTemplate(policy, EXTERNAL_ID);
    await register(arn);
    await workbench.notifications.waitFor(
      new RegExp(
        `^Registered and verified AWS account ${AWS_ACCOUNT} with role ${policy.roleName} \\(external ID secu…0001\\): every guarantee proved\\. It differs from the latest template`,
      ),
      { timeout: scaled(60_000) },
    );
    const row = await waitFor(
      'the account row, verified and differing',
      async () => {
        const r = await accountRow();
        return r && /verified · role differs from template$/.test(r.description) ? r : undefined;
      },
      async () => JSON.stringify(await suite.workbench.views.rows(VIEW)),
    );
    assert.match(row.description, /^0 nodes · verified · role differs from template$/);
    assert.ok((await menuOf()).includes(UPDATE), 'the update is offered');
    await suite.screenshot('existing-role-registered');
    const [account] = await api().accounts.fetchAccounts();
    assert.deepEqual([account?.accountId, account?.roleName], [AWS_ACCOUNT, policy.roleName]);
  });

  it('shows what the update grants, applies it on confirmation, then the audit passes and no update is offered', async function () {
    this.timeout(scaled(150_000));
    const { workbench } = suite;
    await workbench.notifications.clearAll();
    await workbench.views.contextMenu(await workbench.views.treeItem(ACCOUNT_ROW, VIEW), UPDATE);
    const dialog = await workbench.notifications.waitForDialog({ timeout: scaled(60_000) });
    assert.match(
      dialog,
      new RegExp(`Update ${policy.roleName} in AWS account ${AWS_ACCOUNT} to the latest template\\?`),
    );
    const delta = await workbench.editor.waitForText((t) => t.includes('## Permissions per service'), 'the delta');
    assert.match(delta, /### iam\n- added: `iam:TagRole`, `iam:UntagRole`/);
    assert.ok(!/removed:/.test(delta), `nothing is removed: ${delta}`);
    await suite.screenshot('update-delta');
    await workbench.notifications.answerDialog('Apply Update');
    await workbench.notifications.waitFor(/^Connection verified: assumed /, { timeout: scaled(60_000) });
    const statements = (await team.inlinePolicy(policy.roleName)).Statement as { Sid?: string }[];
    assert.ok(
      statements.some((s) => s.Sid === MISSING_SID),
      'the template’s statement is on the role now',
    );
    await waitFor(
      'the row to stop offering the update',
      async () => (await accountRow())?.description === '0 nodes · verified' || undefined,
    );
    assert.ok(!(await menuOf()).includes(UPDATE), 'no update offered once the role matches');
    await workbench.notifications.clearAll();
    await workbench.views.contextMenu(await workbench.views.treeItem(ACCOUNT_ROW, VIEW), 'Audit Deployed Role');
    await workbench.notifications.waitFor(
      new RegExp(
        `^The deployed role ${policy.roleName} keeps every guarantee of profile builtin:pennsieve \\(\\d+ proved\\)$`,
      ),
      { timeout: scaled(90_000) },
    );
    await suite.screenshot('updated-and-audited');
  });

  it('offers the update again once an audit finds the role changed by hand, and the update removes the change', async function () {
    this.timeout(scaled(150_000));
    const { workbench } = suite;
    const extra = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'logs:DescribeLogGroups', Resource: '*' }],
    };
    await team.putInline(policy.roleName, 'hand-made', extra);
    await workbench.notifications.clearAll();
    await workbench.views.openContainer('pennsieve');
    await workbench.views.contextMenu(await workbench.views.treeItem(ACCOUNT_ROW, VIEW), 'Audit Deployed Role');
    // logs:DescribeLogGroups is already within the template, so the audit's drift (by action) is
    // none; the role still is not the template's, and the update would delete the extra policy.
    await workbench.notifications.waitFor(new RegExp(`^The deployed role ${policy.roleName} keeps every guarantee`), {
      timeout: scaled(90_000),
    });
    await waitFor(
      'the row to offer the update',
      async () => /role differs from template$/.test((await accountRow())?.description ?? '') || undefined,
    );
    assert.ok((await menuOf()).includes(UPDATE));
    await workbench.views.contextMenu(await workbench.views.treeItem(ACCOUNT_ROW, VIEW), UPDATE);
    await workbench.notifications.waitForDialog({ timeout: scaled(60_000) });
    const detail = await workbench.notifications.dialog.locator('.dialog-message-detail').first().innerText();
    assert.match(detail, /^With your credentials \(profile "sandbox"\): delete inline policy hand-made\.$/);
    await workbench.notifications.answerDialog('Apply Update');
    await workbench.notifications.waitFor(/^Connection verified: assumed /, { timeout: scaled(60_000) });
    await waitFor(
      'the row to stop offering the update',
      async () => (await accountRow())?.description === '0 nodes · verified' || undefined,
    );
    await assert.rejects(team.deleteInline(policy.roleName, 'hand-made'), /NoSuchEntity|cannot be found/);
    await suite.screenshot('hand-change-removed');
  });
});
