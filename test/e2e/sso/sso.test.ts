// Register Existing Role… and Audit Deployed Role in real VS Code through an AWS profile that
// signs in with IAM Identity Center (issue #13). The extension host gets a temporary HOME holding
// what `aws sso login` leaves (the config's sso-session profiles and the token cache) and
// AWS_ENDPOINT_URL_SSO pointing at the loopback stand-in for the SSO portal (moto has no `sso`
// service), which hands out moto credentials of the permission set's role. When the sign-in
// expires, the next command says to run `aws sso login --profile corp-sso`. The token never
// reaches the extension's logs.

import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { RolePolicy } from '../../../extension/src/api/accounts';
import { findInLogs } from '../../../scripts/harness/probe';
import { getExtensionVsix } from '../../../scripts/harness/vsix';
import { scaled, waitFor } from '../../../scripts/harness/wait';
import { SSO, writeCorpToken, writeSsoHome } from '../../extension/support/ssoHome';
import { startSsoPortal, type SsoPortal } from '../../extension/support/ssoPortal';
import { apiFor } from '../../extension/support/sandboxClient';
import { tokenOf } from '../../../scripts/harness/backend/identities';
import { registerExisting, signInToSandbox, VIEW } from '../roles/rolesUi';
import { SecurityTeam } from '../roles/securityTeam';
import { stackSettings, startSandboxStack, type SandboxStack } from '../sidebar/sandboxStack';
import { withSuite } from '../support/suite';

const AWS_ACCOUNT = '123456789012';
const EXTERNAL_ID = 'sso-team-chosen-id-0001';

describe('an IAM Identity Center (SSO) profile in the editor (sandbox + moto + stand-in portal)', function () {
  let stack: SandboxStack;
  let portal: SsoPortal;
  let home: { dir: string; env: Record<string, string> };
  let policy: RolePolicy;

  before(async function () {
    this.timeout(scaled(180_000));
    stack = await startSandboxStack();
    portal = await startSsoPortal({
      accessToken: SSO.accessToken,
      assignments: [{ accountId: AWS_ACCOUNT, roleName: SSO.roleName }],
      motoEndpoint: stack.moto.endpoint,
    });
    home = writeSsoHome(portal.endpoint, AWS_ACCOUNT);
    policy = await apiFor(stack.backend.url, tokenOf('acctOwner')).accounts.fetchRolePolicy();
  });
  after(async function () {
    this.timeout(scaled(120_000));
    await portal?.stop();
    await stack?.stop();
    if (home) rmSync(home.dir, { recursive: true, force: true });
  });

  const suite = withSuite({
    name: 'sso',
    workspace: join(__dirname, 'workspace'),
    extensions: async () => [await getExtensionVsix()],
    settings: () =>
      stackSettings(stack, {
        'pennsieve.aws.profile': SSO.profile,
      }),
    env: () => ({ ...stack.env, ...home.env }),
  });
  const accountRow = `AWS ${AWS_ACCOUNT}`;

  it('signs in to the sandbox', async function () {
    this.timeout(scaled(180_000));
    await signInToSandbox(suite.workbench, stack.backend.url);
  });

  it('registers and verifies an existing role with the SSO profile’s credentials', async function () {
    this.timeout(scaled(90_000));
    const team = new SecurityTeam(stack.moto.endpoint);
    const arn = await team.applyOlderTemplate(policy, EXTERNAL_ID).finally(() => team.destroy());
    await registerExisting(suite.workbench, arn, EXTERNAL_ID);
    await suite.workbench.notifications.waitFor(
      new RegExp(`^Registered and verified AWS account ${AWS_ACCOUNT} with role ${policy.roleName} `),
      { timeout: scaled(60_000) },
    );
    await waitFor(
      'the account row, verified',
      async () =>
        /verified/.test(
          (await suite.workbench.views.rows(VIEW)).find((r) => r.label === accountRow)?.description ?? '',
        ) || undefined,
    );
    assert.ok(
      portal.calls.some((c) => c.accountId === AWS_ACCOUNT && c.roleName === SSO.roleName),
      'the credentials came from the SSO portal',
    );
    await suite.screenshot('registered-through-sso');
  });

  it('audits the role through the SSO profile', async function () {
    this.timeout(scaled(120_000));
    const { workbench } = suite;
    const asked = portal.calls.length;
    await workbench.notifications.clearAll();
    await workbench.views.contextMenu(await workbench.views.treeItem(accountRow, VIEW), 'Audit Deployed Role');
    await workbench.notifications.waitFor(
      new RegExp(
        `^The deployed role ${policy.roleName} keeps every guarantee of profile builtin:pennsieve \\(\\d+ proved\\); it differs from the template`,
      ),
      { timeout: scaled(90_000) },
    );
    assert.ok(portal.calls.length > asked, 'the audit got its own SSO credentials');
  });

  it('says to run aws sso login for the profile once the sign-in has expired, and never logs the token', async function () {
    this.timeout(scaled(90_000));
    const { workbench } = suite;
    writeCorpToken(home.dir, true);
    await workbench.notifications.clearAll();
    await workbench.views.contextMenu(await workbench.views.treeItem(accountRow, VIEW), 'Verify Connection');
    const note = await workbench.notifications.waitFor(
      new RegExp(
        `^The IAM Identity Center \\(SSO\\) sign-in of profile "${SSO.profile}" has expired or is missing: run "aws sso login --profile ${SSO.profile}", then try again`,
      ),
      { timeout: scaled(60_000) },
    );
    assert.equal(note.severity, 'error');
    await suite.screenshot('sso-expired');
    const logs = join(suite.codeServer.userDataDir, 'logs');
    await waitFor('the failure in the log', async () => findInLogs(logs, /Verify connection failed/));
    assert.equal(await findInLogs(logs, new RegExp(SSO.accessToken)), undefined, 'the SSO token is not in any log');
  });
});
