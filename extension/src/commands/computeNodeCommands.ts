// Compute nodes: create (then follow it until Enabled or Failed), delete (type the name to
// confirm, then follow the teardown), pause and resume.

import * as vscode from 'vscode';
import { isTransitional, type ComputeNode } from '../api/computeNodes';
import { AccountNode } from '../tree/accountNode';
import { NodeIds } from '../tree/nodeContext';
import { progressMessage } from '../tree/progressText';
import { formatApiTime } from '../util/time';
import { registerCommand, required, UserFacingError } from './commandRunner';
import { collectNewNode } from './createNodeWizard';
import type { CommandDeps } from './deps';
import { resolveComputeNode } from './pickers';

/** How often the notification's elapsed time is redrawn. */
const TICK_MS = 1000;

/**
 * Shows a cancellable notification until the node settles, with its stage (sandbox) and elapsed
 * time. Cancelling only stops following: provisioning and teardown go on, and the tree keeps
 * showing their progress.
 */
async function follow(
  deps: CommandDeps,
  node: ComputeNode,
  verb: string,
): Promise<ComputeNode | undefined | 'stopped'> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `${verb} ${node.name}`, cancellable: true },
    async (progress, token) => {
      // Already settled (the poller saw it first): the store has the latest state.
      if (!deps.explorer.poller.isTracking(node.uuid)) return deps.explorer.store.findNode(node.uuid);
      const began = Date.now();
      const show = () =>
        progress.report({
          message: progressMessage(deps.explorer.store.findNode(node.uuid) ?? node, began, Date.now()),
        });
      show();
      const ticker = setInterval(show, TICK_MS);
      const abort = new AbortController();
      const sub = token.onCancellationRequested(() => abort.abort());
      try {
        return (await deps.explorer.poller.waitUntilSettled(node.uuid, abort.signal)).node;
      } catch (err) {
        if (abort.signal.aborted) return 'stopped';
        throw err;
      } finally {
        clearInterval(ticker);
        sub.dispose();
      }
    },
  );
}

async function reveal(deps: CommandDeps, uuid: string): Promise<void> {
  const shown = deps.explorer.provider.find(NodeIds.computeNode(uuid));
  if (shown && deps.explorer.view.visible) await deps.explorer.view.reveal(shown, { select: true, focus: false });
}

async function create(deps: CommandDeps, arg: unknown): Promise<void> {
  const data = await deps.explorer.store.load();
  if (data.accounts.length === 0)
    throw new UserFacingError('Register an AWS account first: run "Pennsieve: Register AWS Account"');
  const preset = arg instanceof AccountNode ? arg.resource : data.accounts.length === 1 ? data.accounts[0] : undefined;
  const request = await collectNewNode(
    {
      api: deps.api,
      log: deps.log,
      accounts: data.accounts,
      people: deps.people,
      nodesOf: (uuid) => deps.explorer.store.getNodes(uuid),
    },
    preset,
  );
  const node = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Creating compute node ${request.name}…` },
    () => deps.api.computeNodes.createComputeNode(request),
  );
  deps.log.info(`Created compute node ${node.name} (${node.uuid}): ${node.status}`);
  deps.explorer.showComputeNode(node);
  await reveal(deps, node.uuid);
  if (!isTransitional(node.status)) return;
  const settled = await follow(deps, node, 'Provisioning');
  if (settled === 'stopped') return;
  if (!settled) throw new UserFacingError(`Compute node ${node.name} disappeared while provisioning`);
  if (settled.status === 'Failed') {
    throw new UserFacingError(
      `Compute node ${node.name} failed to provision${settled.statusReason ? `: ${settled.statusReason}` : ''}`,
    );
  }
  void vscode.window.showInformationMessage(`Compute node ${node.name} is ${settled.status}`);
}

async function remove(deps: CommandDeps, arg: unknown): Promise<void> {
  const node = await resolveComputeNode(deps, arg, 'Delete Compute Node', (n) => n.status !== 'Destroying');
  // Names may repeat: the workspace and the creation time say which node this is.
  const where = [
    node.organizationId ? `workspace ${deps.people.orgLabel(node.organizationId)}` : 'no workspace',
    node.createdAt ? `created ${formatApiTime(node.createdAt, undefined, { seconds: true })}` : undefined,
  ]
    .filter(Boolean)
    .join(', ');
  const typed = await vscode.window.showInputBox({
    title: `Delete Compute Node ${node.name} (${where})`,
    prompt: `This destroys the node's infrastructure in AWS account ${node.account.accountId} (${where}). Type the node name to confirm.`,
    placeHolder: node.name,
    ignoreFocusOut: true,
    validateInput: (v) => (v === node.name ? undefined : `Type "${node.name}" exactly`),
  });
  if (required(typed) !== node.name) return;
  await deps.api.computeNodes.deleteComputeNode(node.uuid);
  deps.log.info(`Deleting compute node ${node.name} (${node.uuid})`);
  const destroying = { ...node, status: 'Destroying' };
  deps.explorer.showComputeNode(destroying);
  const settled = await follow(deps, destroying, 'Destroying');
  if (settled === 'stopped') return;
  if (settled?.status === 'Failed') {
    throw new UserFacingError(
      `Deleting compute node ${node.name} failed${settled.statusReason ? `: ${settled.statusReason}` : ''}`,
    );
  }
  void vscode.window.showInformationMessage(`Compute node ${node.name} was deleted`);
}

async function setStatus(deps: CommandDeps, arg: unknown, status: 'Enabled' | 'Paused'): Promise<void> {
  const pausing = status === 'Paused';
  const title = pausing ? 'Pause Compute Node' : 'Resume Compute Node';
  const node = await resolveComputeNode(deps, arg, title, (n) =>
    pausing ? n.status === 'Enabled' || n.status === 'Failed' : n.status === 'Paused',
  );
  await deps.api.computeNodes.setComputeNodeStatus(node.uuid, status);
  deps.explorer.showComputeNode(await deps.api.computeNodes.fetchComputeNode(node.uuid));
  void vscode.window.setStatusBarMessage(`Pennsieve: ${node.name} ${pausing ? 'paused' : 'resumed'}`, 4000);
}

export function registerComputeNodeCommands(deps: CommandDeps): vscode.Disposable[] {
  const { log } = deps;
  return [
    registerCommand(log, 'pennsieve.computeNodes.create', 'Create compute node', (arg) => create(deps, arg)),
    registerCommand(log, 'pennsieve.computeNodes.delete', 'Delete compute node', (arg) => remove(deps, arg)),
    registerCommand(log, 'pennsieve.computeNodes.pause', 'Pause compute node', (arg) => setStatus(deps, arg, 'Paused')),
    registerCommand(log, 'pennsieve.computeNodes.resume', 'Resume compute node', (arg) =>
      setStatus(deps, arg, 'Enabled'),
    ),
  ];
}
