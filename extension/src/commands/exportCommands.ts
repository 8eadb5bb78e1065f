// Export the cross-account role template (GET /role-policy) as CloudFormation or Terraform into a
// new untitled editor. For a registered account the template carries that account's real role
// name; the external ID is always a parameter, never a value.

import * as vscode from 'vscode';
import type { Account } from '../api/accounts';
import { AccountNode } from '../tree/accountNode';
import { registerCommand } from './commandRunner';
import type { CommandDeps } from './deps';
import { resolveAccount } from './pickers';

type Format = 'cloudformation' | 'terraform';

/** The account the export is for: the one it was invoked on, the only one, one picked, or none yet. */
async function accountFor(deps: CommandDeps, arg: unknown, title: string): Promise<Account | undefined> {
  if (arg instanceof AccountNode) return arg.resource;
  const data = await deps.explorer.store.load();
  if (data.accounts.length === 0) return undefined;
  return resolveAccount(deps, arg, title);
}

/** The document's language: Terraform or YAML when an extension registers it, else plain text. */
async function languageFor(format: Format): Promise<string> {
  const wanted = format === 'cloudformation' ? 'yaml' : 'terraform';
  return (await vscode.languages.getLanguages()).includes(wanted) ? wanted : 'plaintext';
}

async function exportTemplate(deps: CommandDeps, format: Format, arg: unknown): Promise<void> {
  const title =
    format === 'cloudformation' ? 'Export Role Template as CloudFormation' : 'Export Role Template as Terraform';
  const account = await accountFor(deps, arg, title);
  const policy = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Fetching the role template from Pennsieve…' },
    () => deps.api.accounts.fetchRolePolicy(),
  );
  const { toCloudFormation, toTerraform } = await import('../templates/roleTemplate');
  const roleName = account?.roleName ?? policy.roleName;
  const content = format === 'cloudformation' ? toCloudFormation(policy, roleName) : toTerraform(policy, roleName);
  const doc = await vscode.workspace.openTextDocument({ language: await languageFor(format), content });
  await vscode.window.showTextDocument(doc, { preview: false });
  deps.log.info(
    `Exported the role template as ${format} for ${account ? `account ${account.accountId} (role ${roleName})` : `a new role ${roleName}`}`,
  );
}

export function registerExportCommands(deps: CommandDeps): vscode.Disposable[] {
  const { log } = deps;
  return [
    registerCommand(log, 'pennsieve.accounts.exportCloudFormation', 'Export role template', (arg) =>
      exportTemplate(deps, 'cloudformation', arg),
    ),
    registerCommand(log, 'pennsieve.accounts.exportTerraform', 'Export role template', (arg) =>
      exportTemplate(deps, 'terraform', arg),
    ),
  ];
}
