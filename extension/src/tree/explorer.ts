// The explorer view: provider, tree view, store, polling of transitional nodes, context keys.
// Commands use it to refresh exactly the part of the tree they changed.

import * as vscode from 'vscode';
import type { NodePermissions } from '../api/accessGrants';
import { ApiError } from '../api/client';
import type { ComputeNode } from '../api/computeNodes';
import type { PennsieveApi } from '../api/pennsieveApi';
import type { Log } from '../log';
import type { People } from '../people/people';
import type { Settings } from '../settings';
import { ExplorerRoot, type AccountNode } from './accountNode';
import type { ComputeNodeNode } from './computeNodeNode';
import { ExplorerStore } from './explorerStore';
import { NodeIds, type NodeContext } from './nodeContext';
import { RoleStatuses } from './roleStatus';
import { TransitionPoller } from './transitionPoller';
import { TreeProvider } from './treeProvider';
import type { TreeNode } from './treeNode';

export const EXPLORER_VIEW_ID = 'pennsieve.explorer';

export interface ExplorerDeps {
  readonly api: PennsieveApi;
  readonly log: Log;
  readonly settings: Settings;
  readonly isSignedIn: () => boolean;
  readonly people: People;
}

export class Explorer implements vscode.Disposable {
  readonly store: ExplorerStore;
  readonly provider: TreeProvider;
  readonly view: vscode.TreeView<TreeNode>;
  readonly poller: TransitionPoller;
  /** Verified / differs-from-template per account, as the role commands found it this session. */
  readonly roles = new RoleStatuses();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly deps: ExplorerDeps) {
    this.store = new ExplorerStore(deps.api, deps.people);
    // Nodes reach the provider through the context; it exists before any node is asked for children.
    const ctx: NodeContext = {
      api: deps.api,
      store: this.store,
      get provider() {
        return provider;
      },
      isSignedIn: deps.isSignedIn,
      people: deps.people,
      roles: this.roles,
    };
    const provider = new TreeProvider(new ExplorerRoot(ctx), deps.log);
    this.provider = provider;
    this.view = vscode.window.createTreeView(EXPLORER_VIEW_ID, {
      treeDataProvider: this.provider,
      showCollapseAll: true,
    });
    this.poller = new TransitionPoller({
      fetchNode: (uuid) => this.fetchNodeOrGone(uuid),
      onChange: (uuid, node) => this.applyNodeChange(uuid, node),
      onError: (uuid, err) => deps.log.warn(`Polling node ${uuid} failed: ${(err as Error).message}`),
      intervalMs: () => deps.settings.pollIntervalSeconds * 1000,
    });
    const loaded = this.store.onDidLoad((data) => {
      const nodes = [...data.nodesByAccount.values()].reduce((n, list) => n + list.length, 0);
      deps.log.info(
        `Loaded ${data.accounts.length} account(s) and ${nodes} compute node(s) in ${data.loadMs.toFixed(0)} ms`,
      );
      void vscode.commands.executeCommand('setContext', 'pennsieve.hasAccounts', data.accounts.length > 0);
      void vscode.commands.executeCommand('setContext', 'pennsieve.accountsLoaded', true);
      this.poller.trackAll(this.store.allNodes());
    });
    const roles = this.roles.onDidChange((uuid) => {
      this.refreshAccount(uuid);
      void vscode.commands.executeCommand('setContext', 'pennsieve.roleUpdateAvailable', this.roles.anyDiffers());
    });
    this.disposables.push(this.provider, this.view, { dispose: () => this.poller.dispose() }, loaded, roles);
  }

  /** Reloads everything from the API, names included. */
  refresh(): void {
    this.store.invalidate();
    this.deps.people.reset();
    void vscode.commands.executeCommand('setContext', 'pennsieve.accountsLoaded', false);
    this.provider.refresh();
  }

  /** Clears the view after sign-out, or reloads after sign-in. */
  reset(): void {
    this.poller.trackAll([]);
    this.roles.clear();
    this.refresh();
    // Start loading now rather than when the view asks (one round trip to the window later). A
    // failure is not lost: the view's own load then fails the same way and shows an error row.
    if (this.deps.isSignedIn()) this.store.load().catch(() => undefined);
  }

  /** Re-renders one account (its label, count and node list). */
  refreshAccount(accountUuid: string): void {
    const node = this.provider.find<AccountNode>(NodeIds.account(accountUuid));
    if (node) this.provider.refresh(node);
    else this.provider.refresh();
  }

  /**
   * Re-renders one compute node and its access rows; `permissions`, when a command just read
   * them, are shown without another request.
   */
  refreshComputeNode(uuid: string, permissions?: NodePermissions): void {
    const node = this.provider.find<ComputeNodeNode>(NodeIds.computeNode(uuid));
    if (!node) return;
    if (permissions) node.setPermissions(permissions);
    this.provider.refresh(node);
  }

  /** Applies a node the caller just created or changed, and polls it if it is transitional. */
  showComputeNode(node: ComputeNode): void {
    this.applyNodeChange(node.uuid, node);
    this.poller.track(node);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  private async fetchNodeOrGone(uuid: string): Promise<ComputeNode | undefined> {
    try {
      return await this.deps.api.computeNodes.fetchComputeNode(uuid);
    } catch (err) {
      if (err instanceof ApiError && err.kind === 'notFound') return undefined;
      throw err;
    }
  }

  /** Only the changed node (or, when the list changed, its account) is refreshed. */
  private applyNodeChange(uuid: string, node: ComputeNode | undefined): void {
    if (!node) {
      const account = this.store.removeNode(uuid);
      if (account) this.refreshAccount(account);
      return;
    }
    const result = this.store.upsertNode(node);
    if (result === 'unknownAccount') return;
    const shown = this.provider.find<ComputeNodeNode>(NodeIds.computeNode(uuid));
    if (result === 'updated' && shown) {
      shown.update(node);
      this.provider.refresh(shown);
    } else {
      this.refreshAccount(node.account.uuid);
    }
  }
}
