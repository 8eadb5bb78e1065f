// The Pennsieve sidebar in real VS Code (code-server in Chromium) against a real sandbox backend
// that provisions into moto with Terraform: sign in, register an AWS account, verify it, audit it
// (then change the live role in moto and audit again: each run shows the role as it is now),
// enable a workspace by name, create a node and watch it go Pending → Enabled (timing the tree's
// lag behind the backend), share it with a person picked by name and revoke the share, delete
// it, revoke Pennsieve's access. A screenshot is kept per step. A last step signs in to a second
// backend holding 500 nodes and times the tree.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  AttachRolePolicyCommand,
  CreatePolicyCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  GetRoleCommand,
  IAMClient,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { call } from '../../../scripts/harness/backend/client';
import { startTestBackend, type TestBackend } from '../../../scripts/harness/backend/backend';
import { registerAccount, seedNode } from '../../../scripts/harness/backend/fixtures';
import { LAB, tokenOf } from '../../../scripts/harness/backend/identities';
import { LAB_NAME } from '../../extension/support/namedIdentities';
import { findInLogs } from '../../../scripts/harness/probe';
import { withSuite } from '../support/suite';
import { getExtensionVsix } from '../../../scripts/harness/vsix';
import { scaled, waitFor } from '../../../scripts/harness/wait';
import { AWS_PROFILE, startSandboxStack, type SandboxStack, stackSettings } from './sandboxStack';
import { firstSeen, setPaneExpanded } from './sidebarUi';

const VIEW = { view: 'Compute Nodes' };
const ACCOUNT = 'e2e-lab';
const NODE = 'e2e-node';
const AWS_ACCOUNT = '123456789012';
const STATUS_ITEM = 'pennsieve.pennsieve-compute.pennsieve.connection';
/** Terraform into moto takes about two minutes per apply or destroy on a busy machine. */
const PROVISIONING = scaled(600_000);
/** The tree must show a backend status change within this long (issue #12's target). */
const LAG_TARGET_MS = 5000;
/** The inline policy the audit test adds to the live role (and removes again). */
const WIDENING = 'widening';

describe('Pennsieve sidebar (sandbox + moto)', function () {
  let stack: SandboxStack;
  let scale: TestBackend;

  before(async function () {
    this.timeout(scaled(180_000));
    stack = await startSandboxStack();
    scale = await startTestBackend();
    const account = await registerAccount(scale.url, 'admin', { name: 'scale' });
    for (let i = 0; i < 500; i++) await seedNode(scale.store, { owner: 'admin', accountUuid: account, org: LAB });
  });
  after(async function () {
    this.timeout(scaled(120_000));
    await scale?.close();
    await stack?.stop();
  });

  const suite = withSuite({
    name: 'sidebar',
    workspace: join(__dirname, 'workspace'),
    extensions: async () => [await getExtensionVsix()],
    settings: () =>
      stackSettings(stack, {
        'pennsieve.nodes.pollIntervalSeconds': 2,
      }),
    env: () => stack.env,
  });

  const rows = () => suite.workbench.views.rows(VIEW);
  async function nodeInApi(name: string): Promise<{ status: string } | undefined> {
    const res = await call(stack.backend.url, 'GET', '/compute-nodes?account_owner=true', {
      token: tokenOf('acctOwner'),
    });
    return Array.isArray(res.json)
      ? (res.json as { name: string; status: string }[]).find((n) => n.name === name)
      : undefined;
  }
  const row = async (label: string) => (await rows()).find((r) => r.label === label);
  /** Waits for the node's row to show a description matching `status`. */
  const nodeStatus = (status: RegExp, timeout: number) =>
    waitFor(
      `${NODE} to be ${status}`,
      async () => ((await row(NODE))?.description.match(status) ? true : undefined),
      async () => JSON.stringify(await rows()),
      {
        timeout,
        interval: 1000,
      },
    );

  it('shows the sign-in welcome while signed out, and reports how long activation took', async function () {
    const { views, statusBar, page } = suite.workbench;
    // Extensions register a while after the workbench is ready (longer on a busy machine): our
    // activity bar entry appears then, and with it the commands of every installed extension.
    await page
      .locator('[id="workbench.parts.activitybar"] [aria-label^="Pennsieve Compute"]')
      .first()
      .waitFor({ timeout: scaled(120_000) });
    await views.openContainer('pennsieve');
    const text = await waitFor('the sign-in welcome', async () => (await views.welcomeText(VIEW)) || undefined);
    assert.match(text, /Manage the Pennsieve compute nodes/);
    await statusBar.waitFor((i) => i.id === STATUS_ITEM && i.text === 'Pennsieve: Signed Out');
    await suite.screenshot('signed-out-welcome');
    const activated = await waitFor('the activation log line', async () =>
      findInLogs(join(suite.codeServer.userDataDir, 'logs'), /Pennsieve Compute activated in ([\d.]+) ms/),
    );
    console.log(`      activation: ${activated[1]} ms`);
    // A figure, not a timed test (the machine is shared): the bound only catches a hang.
    assert.ok(Number(activated[1]) < scaled(5000), `activate() took ${activated[1]} ms`);
  });

  it('signs in to the sandbox with its URL and a token', async function () {
    const { workbench } = suite;
    await workbench.runCommand('Pennsieve: Sign In');
    await workbench.quickInput.pick('Sandbox');
    await workbench.quickInput.waitForPrompt((p) => p.message.startsWith('Sandbox API base URL'));
    await workbench.quickInput.answer(stack.backend.url);
    await workbench.quickInput.waitForPrompt((p) => p.message.startsWith('Sandbox token'));
    await workbench.quickInput.answer(tokenOf('acctOwner'));
    await workbench.notifications.waitFor('Signed in to Pennsieve as Ann Lee');
    await workbench.statusBar.waitFor((i) => i.id === STATUS_ITEM && i.text === 'Pennsieve: Ann Lee');
    const text = await waitFor(
      'the no-account welcome',
      async () => (await workbench.views.welcomeText(VIEW)).match(/No AWS account is registered/) ?? undefined,
    );
    assert.ok(text);
    await suite.screenshot('signed-in-no-accounts');
  });

  it('registers the AWS account: creates the role in moto and registers it', async function () {
    this.timeout(scaled(120_000));
    const { workbench } = suite;
    await workbench.views.clickWelcomeButton('Register AWS Account', VIEW);
    await workbench.quickInput.pick(AWS_PROFILE);
    await workbench.quickInput.waitForPrompt(
      (p) => p.message.startsWith('A name for this account'),
      'the account name prompt',
      { timeout: scaled(30_000) },
    );
    await workbench.quickInput.answer(ACCOUNT);
    const dialog = await workbench.notifications.waitForDialog();
    assert.match(
      dialog,
      new RegExp(`Create the IAM role Pennsieve-Compute-sandbox-[0-9a-f]{8} in AWS account ${AWS_ACCOUNT}`),
    );
    await suite.screenshot('register-confirmation');
    await workbench.notifications.answerDialog('Create Role and Register');
    // The external ID shows masked: four characters, an ellipsis, four characters.
    await workbench.notifications.waitFor(
      /^Registered AWS account 123456789012 with role Pennsieve-Compute-sandbox-[0-9a-f]{8} \(external ID [\w-]{4}…[\w-]{4}\)$/,
      {
        timeout: scaled(60_000),
      },
    );
    await workbench.views.treeItem(ACCOUNT, VIEW);
    await suite.screenshot('account-registered');
  });

  it('verifies the connection by assuming the role with the external ID', async function () {
    const { workbench } = suite;
    await workbench.views.contextMenu(await workbench.views.treeItem(ACCOUNT, VIEW), 'Verify Connection');
    await workbench.notifications.waitFor(
      /^Connection verified: assumed Pennsieve-Compute-sandbox-[0-9a-f]{8} and became arn:aws:sts::123456789012:assumed-role\//,
      {
        timeout: scaled(30_000),
      },
    );
    await suite.screenshot('connection-verified');
  });

  /**
   * Runs the audit from the account's menu; returns the notification it ends with. The Compute
   * Nodes pane is then closed, so the Role Audit view has the room to render the run's rows (the
   * tree is virtualised: rows outside the pane are not in the page).
   */
  async function audit(message: RegExp): Promise<string> {
    const { workbench } = suite;
    await workbench.notifications.clearAll();
    await workbench.views.openContainer('pennsieve');
    await setPaneExpanded(workbench.page, VIEW.view, true);
    await workbench.views.contextMenu(await workbench.views.treeItem(ACCOUNT, VIEW), 'Audit Deployed Role');
    const note = await workbench.notifications.waitFor(message, { timeout: scaled(90_000) });
    await workbench.editor.waitForActiveUri(
      (uri) => !!uri?.startsWith('pennsieve-live:/123456789012/'),
      'the live role document',
    );
    await setPaneExpanded(workbench.page, VIEW.view, false);
    return note.message;
  }
  const auditRows = () => suite.workbench.views.rows({ view: 'Role Audit' });

  it('audits the deployed role through the language server: no findings, no drift', async function () {
    this.timeout(scaled(120_000));
    const { workbench } = suite;
    await audit(
      /^The deployed role Pennsieve-Compute-sandbox-[0-9a-f]{8} keeps every guarantee of profile builtin:pennsieve \(\d+ proved\)$/,
    );
    const text = await workbench.editor.text();
    assert.match(text, /"trustPolicyDocument"/);
    assert.match(text, /"sts:ExternalId": "[\w-]{4}…[\w-]{4}"/, 'the external ID is masked in the live document');
    const findings = await waitFor('the Role Audit view', async () =>
      (await auditRows()).find((r) => r.label === 'Findings'),
    );
    assert.equal(findings.description, 'no findings');
    assert.equal(
      (await auditRows()).find((r) => r.label === 'Drift from template')?.description,
      'matches the template',
    );
    await suite.screenshot('live-role-audited');
  });

  it('audits again after the live role changed in moto: the second run shows the new verdict', async function () {
    this.timeout(scaled(240_000));
    const { workbench } = suite;
    const iam = new IAMClient({
      region: 'us-east-1',
      endpoint: stack.moto.endpoint,
      credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    });
    // The live document of the previous audit is still the active editor; its URI names the role.
    const roleName = /Pennsieve-Compute-sandbox-[0-9a-f]{8}/.exec((await workbench.editor.activeUri()) ?? '')![0];
    // Three policies on the role: the template's inline policy, one more inline, one attached.
    const passRole = {
      Version: '2012-10-17',
      Statement: [{ Sid: 'Wide', Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }],
    };
    const s3 = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] };
    let attached: string | undefined;
    try {
      await iam.send(
        new PutRolePolicyCommand({
          RoleName: roleName,
          PolicyName: WIDENING,
          PolicyDocument: JSON.stringify(passRole),
        }),
      );
      attached = (
        await iam.send(new CreatePolicyCommand({ PolicyName: `${WIDENING}-s3`, PolicyDocument: JSON.stringify(s3) }))
      ).Policy!.Arn!;
      await iam.send(new AttachRolePolicyCommand({ RoleName: roleName, PolicyArn: attached }));
      await audit(/^The deployed role Pennsieve-Compute-sandbox-[0-9a-f]{8} has [1-9]\d* error\(s\)/);
      const timing = await waitFor('the audit log line', async () =>
        findInLogs(
          join(suite.codeServer.userDataDir, 'logs'),
          /Audit of \S+ \(builtin:pennsieve\): [1-9]\d* errors, \d+ findings in (\d+) ms \(IAM (\d+) ms, engine (\d+) ms\)/,
        ),
      );
      console.log(
        `      audit of a live role with 3 policies: ${timing[1]} ms (IAM ${timing[2]} ms, engine ${timing[3]} ms) — machine shared, provisional`,
      );
      const findings = await waitFor('the new findings', async () =>
        (await auditRows()).find((r) => r.label === 'Findings' && /error/.test(r.description)),
      );
      assert.match(findings.description, /error/);
      const ids = (await auditRows()).map((r) => r.label);
      for (const id of ['PG502', 'PG503']) assert.ok(ids.includes(id), `${id} in ${JSON.stringify(ids)}`);
      assert.match(
        (await auditRows()).find((r) => r.label === 'Drift from template')?.description ?? '',
        /^\+\d+ −0 actions in 1 service$/,
        's3:* (attached) adds s3 actions beyond the template',
      );
      await suite.screenshot('live-role-widened');
      await iam.send(new DeleteRolePolicyCommand({ RoleName: roleName, PolicyName: WIDENING }));
      await iam.send(new DetachRolePolicyCommand({ RoleName: roleName, PolicyArn: attached }));
      await audit(
        /^The deployed role Pennsieve-Compute-sandbox-[0-9a-f]{8} keeps every guarantee of profile builtin:pennsieve \(\d+ proved\)$/,
      );
      await waitFor('the findings to clear', async () =>
        (await auditRows()).find((r) => r.label === 'Findings' && r.description === 'no findings'),
      );
      assert.ok(!(await auditRows()).some((r) => r.label === 'PG503'), 'the previous run’s findings are gone');
      await suite.screenshot('live-role-narrowed');
    } finally {
      // Whatever failed above, the role goes back to the template for the tests that follow.
      await iam.send(new DeleteRolePolicyCommand({ RoleName: roleName, PolicyName: WIDENING })).catch(() => undefined);
      if (attached)
        await iam.send(new DetachRolePolicyCommand({ RoleName: roleName, PolicyArn: attached })).catch(() => undefined);
      iam.destroy();
    }
    await workbench.executeCommand('workbench.action.closeActiveEditor');
  });

  it('enables the workspace, picked by name', async function () {
    await setPaneExpanded(suite.workbench.page, VIEW.view, true);
    const { workbench } = suite;
    await workbench.views.contextMenu(await workbench.views.treeItem(ACCOUNT, VIEW), 'Enable Workspace…');
    await workbench.quickInput.pick(LAB_NAME);
    await workbench.quickInput.waitForPrompt((p) => p.title === `Enable Workspace: ${LAB_NAME}`);
    await workbench.quickInput.answer('');
    await workbench.notifications.waitFor(`Enabled AWS account ${AWS_ACCOUNT} for workspace ${LAB_NAME}`);
    await workbench.views.treeItem([ACCOUNT, 'Workspaces', LAB_NAME], VIEW);
    await suite.screenshot('workspace-enabled');
  });

  it('creates a node and follows it Pending → Enabled, within 5 s of the backend', async function () {
    this.timeout(PROVISIONING + scaled(60_000));
    const { workbench } = suite;
    await workbench.runCommand('Pennsieve: Create Compute Node…');
    await workbench.quickInput.waitForPrompt((p) => p.message.startsWith('Name of the compute node'));
    await workbench.quickInput.answer(NODE);
    await workbench.quickInput.pick(LAB_NAME);
    await workbench.quickInput.pick('basic');
    await workbench.quickInput.pick('No LLM access');
    await workbench.quickInput.pick('small');
    await suite.screenshot('create-node-confirm');
    await workbench.quickInput.pick(/Create Compute Node/);
    await nodeStatus(/^Pending/, scaled(30_000));
    await workbench.notifications.waitFor(new RegExp(`^Provisioning ${NODE}.* elapsed`), { timeout: scaled(30_000) });
    await suite.screenshot('node-pending');
    // When the backend says Enabled (polled every 100 ms) and when the tree does.
    const backendSaw = waitFor(
      'the backend to say Enabled',
      async () => ((await nodeInApi(NODE))?.status === 'Enabled' ? Date.now() : undefined),
      undefined,
      { timeout: PROVISIONING, interval: 100 },
    );
    const treeSaw = firstSeen(rows, (r) => r.label === NODE && r.description.startsWith('Enabled'), PROVISIONING);
    const [changed, shown] = await Promise.all([backendSaw, treeSaw]);
    console.log(`      tree lag behind the backend (real Terraform into moto): ${shown - changed} ms`);
    await workbench.notifications.waitFor(`Compute node ${NODE} is Enabled`);
    await suite.screenshot('node-enabled');
    assert.ok(shown - changed < LAG_TARGET_MS, `the tree showed Enabled ${shown - changed} ms after the backend`);
  });

  it('shares the node with a person picked by name and revokes the share', async () => {
    const { workbench } = suite;
    await workbench.views.contextMenu(await workbench.views.treeItem([ACCOUNT, NODE], VIEW), 'Share with User…');
    await workbench.quickInput.pick('Mia Chen');
    const shared = await workbench.views.treeItem([ACCOUNT, NODE, 'Mia Chen'], VIEW);
    assert.equal((await row('Mia Chen'))?.description, 'shared with user');
    await waitFor('the scope to read shared', async () => row('Scope: shared'));
    await suite.screenshot('user-granted');
    await workbench.views.contextMenu(shared, 'Revoke Access…');
    assert.match(await workbench.notifications.waitForDialog(), new RegExp(`Revoke Mia Chen's access to ${NODE}\\?`));
    await workbench.notifications.answerDialog('Revoke');
    await workbench.views.waitForNoTreeItem('Mia Chen', VIEW);
    await waitFor('the scope to read private', async () => row('Scope: private'));
    await suite.screenshot('user-revoked');
  });

  it('deletes the node after the name is typed, and watches it go', async function () {
    this.timeout(PROVISIONING + scaled(60_000));
    const { workbench } = suite;
    await workbench.views.contextMenu(await workbench.views.treeItem([ACCOUNT, NODE], VIEW), 'Delete Compute Node…');
    const confirm = await workbench.quickInput.waitForPrompt((p) =>
      p.message.includes('Type the node name to confirm'),
    );
    assert.match(
      confirm.message,
      new RegExp(`\\(workspace ${LAB_NAME}, created .+\\)`),
      'the prompt tells which node this is',
    );
    await assert.rejects(workbench.quickInput.answer('wrong-name'), /Type "e2e-node" exactly/);
    await workbench.quickInput.answer(NODE);
    await nodeStatus(/^Destroying/, scaled(30_000));
    await suite.screenshot('node-destroying');
    await workbench.views.waitForNoTreeItem(NODE, { ...VIEW, timeout: PROVISIONING, interval: 1000 });
    await workbench.notifications.waitFor(`Compute node ${NODE} was deleted`);
    await suite.screenshot('node-deleted');
  });

  it('revokes Pennsieve’s access: removes the registration and deletes the role', async function () {
    this.timeout(scaled(120_000));
    const { workbench } = suite;
    await workbench.views.contextMenu(await workbench.views.treeItem(ACCOUNT, VIEW), 'Revoke Pennsieve Access…');
    assert.match(
      await workbench.notifications.waitForDialog({ timeout: scaled(30_000) }),
      /Revoke Pennsieve's access to AWS account 123456789012\?/,
    );
    await workbench.notifications.answerDialog('Revoke Access');
    const note = await workbench.notifications.waitFor(
      /^Revoked access to AWS account 123456789012: removed the registration, inline policy POLICY-(Pennsieve-Compute-sandbox-[0-9a-f]{8}), role \1\.$/,
      {
        timeout: scaled(60_000),
      },
    );
    const roleName = /role (Pennsieve-Compute-sandbox-[0-9a-f]{8})\.$/.exec(note.message)![1]!;
    await waitFor('the no-account welcome', async () =>
      /No AWS account is registered/.test(await workbench.views.welcomeText(VIEW)),
    );
    await suite.screenshot('access-revoked');
    const iam = new IAMClient({
      region: 'us-east-1',
      endpoint: stack.moto.endpoint,
      credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    });
    try {
      await assert.rejects(
        iam.send(new GetRoleCommand({ RoleName: roleName })),
        (err: Error) => err.name === 'NoSuchEntityException',
      );
    } finally {
      iam.destroy();
    }
  });

  it('shows 500 nodes after signing in, and reports how long they took', async function () {
    const { workbench } = suite;
    await workbench.views.openContainer('pennsieve');
    await workbench.runCommand('Pennsieve: Switch to Other Credentials…');
    await workbench.quickInput.pick('Sandbox');
    await workbench.quickInput.waitForPrompt((p) => p.message.startsWith('Sandbox API base URL'));
    await workbench.quickInput.answer(scale.url);
    await workbench.quickInput.waitForPrompt((p) => p.message.startsWith('Sandbox token'));
    await workbench.quickInput.input.fill(tokenOf('admin'));
    const entered = Date.now();
    await workbench.quickInput.input.press('Enter');
    // On screen = the account with its 500 nodes and the first node rows are rendered.
    const shown = await waitFor(
      'the 500-node account and its first nodes',
      async () => {
        const all = await rows();
        const account = all.find((r) => r.label === 'scale');
        return account?.description.includes('500 nodes') &&
          all.some((r) => r.level === 2 && r.label.startsWith('node-'))
          ? Date.now()
          : undefined;
      },
      async () => JSON.stringify((await rows()).slice(0, 5)),
      { timeout: scaled(15_000), interval: 20 },
    );
    // Signed in = the moment the extension stored the session (after the sign-in check), from its
    // log on the same clock; loaded = the two API requests.
    const logs = join(suite.codeServer.userDataDir, 'logs');
    const host = new URL(scale.url).host;
    const signedInLine = await waitFor('the sign-in log line', async () =>
      findInLogs(logs, new RegExp(`^(\\S+ \\S+) \\[info\\] Signed in \\(sandbox\\) to ${host}$`, 'm')),
    );
    const loaded = await waitFor('the load log line', async () =>
      findInLogs(logs, /Loaded 1 account\(s\) and 500 compute node\(s\) in (\d+) ms/),
    );
    const signedIn = new Date(signedInLine[1]!.replace(' ', 'T')).getTime();
    console.log(
      `      500 nodes: requests ${loaded[1]} ms; on screen ${shown - signedIn} ms after sign-in, ${shown - entered} ms after the token was entered`,
    );
    await suite.screenshot('five-hundred-nodes');
    // The target is 1 s, reported above as a figure, not a timed test (the machine is shared): the
    // bound only catches a tree that does not come.
    assert.ok(shown - signedIn < scaled(10_000), `the tree took ${shown - signedIn} ms after sign-in`);
  });
});
