// Update Role to Latest Template…: read the live role with the user's credentials, ask the
// language server what bringing it to GET /role-policy's template changes (per service, and the
// guarantees before and after), show that, and only on confirmation apply it and verify.

import * as vscode from 'vscode';
import { RoleUpdateRequest, type RoleUpdateResult } from '../../../shared/roleProtocol';
import type { Account, RolePolicy } from '../api/accounts';
import type { LiveRole } from '../aws/crossAccountRole';
import type { RoleStep } from '../aws/roleUpdate';
import { registerCommand, UserFacingError } from './commandRunner';
import type { CommandDeps } from './deps';
import type { AwsSession } from './awsAccess';
import { resolveAccount } from './pickers';

const progress = (title: string) => ({ location: vscode.ProgressLocation.Notification, title });

interface Comparison {
  readonly live: LiveRole;
  readonly policy: RolePolicy;
  readonly result: RoleUpdateResult;
}

async function compare(deps: CommandDeps, aws: AwsSession, account: Account, roleName: string): Promise<Comparison> {
  const { fetchLiveRole } = await import('../aws/crossAccountRole');
  const { roleUpdateParams } = await import('../roles/roleUpdate');
  const [live, policy] = await Promise.all([fetchLiveRole(aws.iam, roleName), deps.api.accounts.fetchRolePolicy()]);
  const uri = vscode.Uri.from({ scheme: 'pennsieve-live', path: `/${account.accountId}/${roleName}.json` }).toString();
  const client = await deps.guard.client();
  const result = await client.sendRequest(
    RoleUpdateRequest.type,
    roleUpdateParams(uri, live, policy, account, vscode.workspace.workspaceFolders?.[0]?.uri.toString()),
  );
  return { live, policy, result };
}

/** Asks before anything changes: the delta as a document, then a modal naming each IAM call. */
async function confirmUpdate(account: Account, roleName: string, profile: string, c: Comparison, steps: RoleStep[]) {
  const { describeUpdate } = await import('../roles/roleUpdate');
  const doc = await vscode.workspace.openTextDocument({
    language: 'markdown',
    content: describeUpdate(roleName, c.result),
  });
  await vscode.window.showTextDocument(doc, { preview: true });
  const apply = 'Apply Update';
  const answer = await vscode.window.showWarningMessage(
    `Update ${roleName} in AWS account ${account.accountId} to the latest template?`,
    {
      modal: true,
      detail: `With your credentials (profile "${profile || 'default'}"): ${steps.map((s) => s.label).join('; ')}.`,
    },
    apply,
  );
  return answer === apply;
}

async function updateRole(deps: CommandDeps, arg: unknown): Promise<void> {
  const title = 'Update Role to Latest Template';
  const account = await resolveAccount(deps, arg, title);
  const roleName = account.roleName;
  if (!roleName) throw new UserFacingError(`The account has no role name on record: ${account.accountId}`);
  const profile = await deps.aws.chooseProfile(title, false);
  const applied = await deps.aws.run(profile, async (aws) => {
    const c = await vscode.window.withProgress(progress(`Comparing ${roleName} with the latest template…`), () =>
      compare(deps, aws, account, roleName),
    );
    const { plannedSteps, applyRoleUpdate, differsFromTemplate } = await import('../aws/roleUpdate');
    const target = { ...c.policy, externalId: account.externalId };
    const steps = plannedSteps(c.live, target);
    if (!c.result.differs && steps.length === 0) {
      deps.explorer.roles.set(account.uuid, { differs: false });
      void vscode.window.showInformationMessage(
        `The role ${roleName} already matches the latest template: nothing to update.`,
      );
      return false;
    }
    deps.explorer.roles.set(account.uuid, { differs: true });
    if (c.result.failedRules.length > 0)
      throw new UserFacingError(
        `The comparison is incomplete (${c.result.failedRules.length} rule(s) failed, see the log); nothing was changed`,
      );
    if (!(await confirmUpdate(account, roleName, profile, c, steps))) return false;
    const done = await vscode.window.withProgress(progress(`Updating ${roleName}…`), () =>
      applyRoleUpdate(aws.iam, steps),
    );
    deps.log.info(`Updated ${roleName} in ${account.accountId}: ${done.join(', ')}`);
    const { fetchLiveRole } = await import('../aws/crossAccountRole');
    deps.explorer.roles.set(account.uuid, {
      differs: differsFromTemplate(await fetchLiveRole(aws.iam, roleName), target),
    });
    return true;
  });
  if (applied) await vscode.commands.executeCommand('pennsieve.accounts.verify', account);
}

export function registerRoleUpdateCommands(deps: CommandDeps): vscode.Disposable[] {
  return [
    registerCommand(deps.log, 'pennsieve.accounts.updateRole', 'Update role to latest template', (arg) =>
      updateRole(deps, arg),
    ),
  ];
}
