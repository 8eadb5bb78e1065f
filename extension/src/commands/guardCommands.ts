// The language server's own command: check every open file again (after a commit moves HEAD, or
// a profile changed outside the editor).

import * as vscode from 'vscode';
import { RecheckRequest } from '../../../shared/protocol';
import { registerCommand } from './commandRunner';
import type { CommandDeps } from './deps';

async function recheck(deps: CommandDeps): Promise<void> {
  const client = await deps.guard.client();
  await client.sendRequest(RecheckRequest.type);
  deps.log.info('Asked pennsieve-guard to check every open file again');
  void vscode.window.setStatusBarMessage('pennsieve-guard: checking every open file again', 3000);
}

export function registerGuardCommands(deps: CommandDeps): vscode.Disposable[] {
  return [registerCommand(deps.log, 'pennsieve.guard.recheck', 'Re-check all files', () => recheck(deps))];
}
