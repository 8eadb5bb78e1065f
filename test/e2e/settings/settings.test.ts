// A node owner manages a node's settings from the sidebar, in real VS Code (code-server in
// Chromium) against the sandbox on moto: sets the LLM budget, caps a colleague's spend through the
// people picker, adds and deletes a secret. Each change is checked where production keeps it (the
// customer account's SSM and Secrets Manager, the quota table); afterwards the secret's value is
// nowhere in the backend's log, its data folder, or the editor's logs and state. A screenshot per step.

import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { call } from '../../../scripts/harness/backend/client';
import { enableWorkspace } from '../../../scripts/harness/backend/fixtures';
import { LAB, tokenOf, userOf } from '../../../scripts/harness/backend/identities';
import { resultsDir } from '../../../scripts/harness/paths';
import { getExtensionVsix } from '../../../scripts/harness/vsix';
import { scaled, waitFor } from '../../../scripts/harness/wait';
import { customerCredentials, createCrossAccountRole } from '../../backend/support/aws';
import { parameter, secretValue } from '../../backend/settings/setup';
import { withSuite } from '../support/suite';
import { startSettingsStack, type SettingsStack } from './settingsStack';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SSMClient } from '@aws-sdk/client-ssm';
import type { RoleTemplate } from '../../../backend/src/provisioner/rolePolicy';

const VIEW = { view: 'Compute Nodes' };
const ACCOUNT = 'Lab AWS';
const NODE = 'analysis';
const AWS_ACCOUNT = '310987654321';
const VALUE = 'e2e-secret-value-5c0ffee9';

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    const st = statSync(path, { throwIfNoEntry: false });
    if (!st) return [];
    return st.isDirectory() ? filesUnder(path) : st.isFile() ? [path] : [];
  });
}

describe('A node’s Settings from the sidebar (sandbox on moto, fake runner)', function () {
  let stack: SettingsStack;
  let node: string;
  let scratch: string;
  const ann = (method: string, path: string, body?: unknown) =>
    call(stack.backend.url, method, path, { token: tokenOf('acctOwner'), body });

  before(async function () {
    this.timeout(scaled(120_000));
    stack = await startSettingsStack();
    scratch = mkdtempSync(join(tmpdir(), 'e2e-settings-'));
    writeFileSync(join(scratch, 'token'), tokenOf('acctOwner'), { mode: 0o600 });
    const template = (await ann('GET', '/role-policy')).json as RoleTemplate;
    await createCrossAccountRole(stack.moto.endpoint, AWS_ACCOUNT, template);
    const account = await ann('POST', '/accounts', {
      accountId: AWS_ACCOUNT,
      accountType: 'AWS',
      roleName: template.roleName,
      externalId: template.externalId,
      name: ACCOUNT,
    });
    assert.equal(account.status, 201, account.text);
    await enableWorkspace(stack.backend.url, 'acctOwner', account.json.uuid as string, LAB, { isPublic: false });
    const created = await ann('POST', '/compute-nodes', {
      accountId: account.json.uuid,
      name: NODE,
      organizationId: LAB,
      enableLLMAccess: true,
    });
    assert.equal(created.status, 202, created.text);
    node = created.json.uuid as string;
    await waitFor(
      'the node to be Enabled',
      async () => (await ann('GET', `/compute-nodes/${node}`)).json?.status === 'Enabled',
    );
  });
  after(async () => {
    await stack?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  const suite = withSuite({
    name: 'settings',
    workspace: join(__dirname, 'workspace'),
    extensions: async () => [await getExtensionVsix()],
    settings: () => ({ 'pennsieve.api.mode': 'sandbox', 'pennsieve.api.baseUrl': stack.backend.url }),
    env: () => ({ PENNSIEVE_SANDBOX_URL: stack.backend.url, PENNSIEVE_SANDBOX_TOKEN_FILE: join(scratch, 'token') }),
  });
  const settings = (...rest: string[]) =>
    suite.workbench.views.treeItem([ACCOUNT, NODE, 'Settings', ...rest], { ...VIEW, timeout: scaled(60_000) });
  const customer = async () => {
    const credentials = await customerCredentials(stack.moto.endpoint, AWS_ACCOUNT);
    return {
      sm: new SecretsManagerClient({ region: 'us-east-1', endpoint: stack.moto.endpoint, credentials }),
      ssm: new SSMClient({ region: 'us-east-1', endpoint: stack.moto.endpoint, credentials }),
    };
  };

  it('sets the LLM budget inline, and the budget lands in the customer account’s SSM', async function () {
    this.timeout(scaled(240_000));
    const { workbench } = suite;
    await workbench.views.openContainer('pennsieve');
    await workbench.views.contextMenu(await settings('LLM budget'), 'Set LLM Budget…');
    await workbench.quickInput.waitForPrompt((p) => p.title === `LLM Budget: ${NODE}`);
    await workbench.quickInput.input.fill('-3');
    await workbench.quickInput.waitForPrompt(
      (p) => p.validation === 'error' && p.message.includes('cannot be negative'),
      'the negative-amount message',
    );
    await workbench.quickInput.answer('25');
    await workbench.quickInput.pick('daily');
    await waitFor(
      'the budget',
      async () => (await ann('GET', `/compute-nodes/${node}/llm-config`)).json?.budgetUsd === 25,
    );
    const { ssm } = await customer();
    assert.deepEqual(JSON.parse((await parameter(ssm, `/pennsieve/${node.slice(0, 8)}/llm-budget`)) ?? 'null'), {
      enabled: true,
      budgetUsd: 25,
      budgetPeriod: 'daily',
    });
    ssm.destroy();
    await suite.screenshot('budget-set');
  });

  it('caps a colleague’s spend, picked by name', async function () {
    this.timeout(scaled(240_000));
    const { workbench } = suite;
    await workbench.views.contextMenu(await settings('User quotas'), 'Set User Quota…');
    await workbench.quickInput.pick('Mia Chen');
    await workbench.quickInput.answer('0.5');
    await workbench.quickInput.answer('');
    await workbench.quickInput.answer('');
    await settings('User quotas', 'Mia Chen');
    const row = await ann('GET', `/compute-nodes/${node}/user-quotas/${encodeURIComponent(userOf('member'))}`);
    assert.equal(row.status, 200, row.text);
    assert.equal(row.json.dailyCostUsd, 0.5);
    assert.equal(row.json.monthlyCostUsd, undefined);
    await suite.screenshot('quota-set');
  });

  it('adds a secret from a password box and deletes it by key', async function () {
    this.timeout(scaled(240_000));
    const { workbench } = suite;
    await workbench.views.contextMenu(await settings('My secrets'), 'Add Secret…');
    await workbench.quickInput.answer('API_TOKEN');
    await workbench.quickInput.waitForPrompt((p) => p.title.endsWith('API_TOKEN'));
    assert.equal(
      await workbench.quickInput.input.getAttribute('type'),
      'password',
      'the value box hides what is typed',
    );
    await workbench.quickInput.answer(VALUE);
    const secretRow = await settings('My secrets', 'API_TOKEN');
    const { sm } = await customer();
    const name = `pennsieve-${node.slice(0, 8)}/users/${userOf('acctOwner').replace(/:/g, '-')}/API_TOKEN`;
    assert.equal(await secretValue(sm, name), VALUE);
    await suite.screenshot('secret-added');
    await workbench.views.contextMenu(secretRow, 'Delete Secret…');
    await workbench.notifications.answerDialog('Delete');
    await workbench.views.waitForNoTreeItem('API_TOKEN', VIEW);
    assert.equal(await secretValue(sm, name), undefined);
    sm.destroy();
    await suite.screenshot('secret-deleted');
  });

  it('leaves the secret’s value nowhere: backend log, data folder, editor logs and state', async () => {
    assert.ok(stack.logText().includes('/secrets'), 'the backend logged the requests');
    assert.ok(!stack.logText().includes(VALUE), 'backend log');
    const places = [stack.dataDir, suite.codeServer.userDataDir, join(resultsDir, 'logs', 'settings')];
    const files = places.flatMap(filesUnder);
    assert.ok(files.length > 0);
    const hits = files.filter((f) => readFileSync(f).includes(VALUE));
    assert.deepEqual(hits, []);
  });
});
