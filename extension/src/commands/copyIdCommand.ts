// Copy ID: the id behind a name in the tree (account, node, workspace, user, team), to the clipboard.

import * as vscode from 'vscode';
import { registerCommand, UserFacingError } from './commandRunner';
import type { CommandDeps } from './deps';

/** A tree item that stands for something with an id. */
interface HasId {
  readonly copyableId?: { readonly what: string; readonly id: string };
}

async function copyId(arg: unknown): Promise<void> {
  const target = (arg as HasId | undefined)?.copyableId;
  if (!target)
    throw new UserFacingError(
      'Copy ID works on a row of the Compute Nodes view: right-click an account, node, workspace, person or team',
    );
  await vscode.env.clipboard.writeText(target.id);
  void vscode.window.setStatusBarMessage(`Pennsieve: copied the ${target.what} id ${target.id}`, 4000);
}

export function registerCopyIdCommand(deps: CommandDeps): vscode.Disposable[] {
  return [registerCommand(deps.log, 'pennsieve.copyId', 'Copy ID', (arg) => copyId(arg))];
}
