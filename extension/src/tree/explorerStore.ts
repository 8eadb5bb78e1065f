// The explorer's data: the caller's accounts with their enablements, and their compute nodes
// grouped by account. Loaded with two requests, kept until invalidated, patched by polling.
// No editor types here.

import type { Account } from '../api/accounts';
import type { ComputeNode } from '../api/computeNodes';
import type { PennsieveApi } from '../api/pennsieveApi';

export interface ExplorerData {
  readonly accounts: readonly Account[];
  readonly nodesByAccount: ReadonlyMap<string, readonly ComputeNode[]>;
  /** How long the requests and grouping took. */
  readonly loadMs: number;
}

type Listener = (data: ExplorerData) => void;

/** Groups nodes by their account's uuid, keeping the API's order; nodes of unknown accounts are dropped. */
export function groupNodesByAccount(
  accounts: readonly Account[],
  nodes: readonly ComputeNode[],
): Map<string, ComputeNode[]> {
  const map = new Map<string, ComputeNode[]>(accounts.map((a) => [a.uuid, []]));
  for (const n of nodes) map.get(n.account.uuid)?.push(n);
  for (const list of map.values()) list.sort((a, b) => a.name.localeCompare(b.name) || a.uuid.localeCompare(b.uuid));
  return map;
}

export class ExplorerStore {
  private data: { accounts: Account[]; nodesByAccount: Map<string, ComputeNode[]>; loadMs: number } | undefined;
  private inflight: Promise<ExplorerData> | undefined;
  private generation = 0;
  private readonly listeners = new Set<Listener>();

  /**
   * @param names loaded alongside (people and workspace names), so the first rendering has them;
   *   it never rejects: without names the tree shows ids.
   */
  constructor(
    private readonly api: Pick<PennsieveApi, 'accounts' | 'computeNodes'>,
    private readonly names?: { load(): Promise<void> },
  ) {}

  /** The loaded data, or undefined before the first load (cheap; no request). */
  get current(): ExplorerData | undefined {
    return this.data;
  }

  /** Loads once and shares the result; concurrent callers share one request pair. */
  load(): Promise<ExplorerData> {
    if (this.data) return Promise.resolve(this.data);
    if (!this.inflight) {
      const gen = this.generation;
      this.inflight = this.fetch().then(
        (data) => {
          if (gen === this.generation) {
            this.data = data;
            this.inflight = undefined;
            for (const l of this.listeners) l(data);
          }
          return data;
        },
        (err: unknown) => {
          if (gen === this.generation) this.inflight = undefined;
          throw err;
        },
      );
    }
    return this.inflight;
  }

  /** Forgets everything; the next load asks the API again. */
  invalidate(): void {
    this.generation++;
    this.data = undefined;
    this.inflight = undefined;
  }

  /** Called after every successful load (for context keys and polling). */
  onDidLoad(listener: Listener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  findAccount(uuid: string): Account | undefined {
    return this.data?.accounts.find((a) => a.uuid === uuid);
  }

  getNodes(accountUuid: string): readonly ComputeNode[] {
    return this.data?.nodesByAccount.get(accountUuid) ?? [];
  }

  findNode(uuid: string): ComputeNode | undefined {
    for (const list of this.data?.nodesByAccount.values() ?? []) {
      const n = list.find((x) => x.uuid === uuid);
      if (n) return n;
    }
    return undefined;
  }

  allNodes(): ComputeNode[] {
    return [...(this.data?.nodesByAccount.values() ?? [])].flat();
  }

  /** Inserts or replaces a node; returns whether its account's list changed shape (added). */
  upsertNode(node: ComputeNode): 'added' | 'updated' | 'unknownAccount' {
    const list = this.data?.nodesByAccount.get(node.account.uuid);
    if (!list) return 'unknownAccount';
    const i = list.findIndex((n) => n.uuid === node.uuid);
    if (i >= 0) {
      list[i] = node;
      return 'updated';
    }
    list.push(node);
    list.sort((a, b) => a.name.localeCompare(b.name) || a.uuid.localeCompare(b.uuid));
    return 'added';
  }

  /** Removes a node; returns the uuid of the account it belonged to. */
  removeNode(uuid: string): string | undefined {
    for (const [account, list] of this.data?.nodesByAccount ?? []) {
      const i = list.findIndex((n) => n.uuid === uuid);
      if (i >= 0) {
        list.splice(i, 1);
        return account;
      }
    }
    return undefined;
  }

  private async fetch(): Promise<{ accounts: Account[]; nodesByAccount: Map<string, ComputeNode[]>; loadMs: number }> {
    const started = performance.now();
    // Both requests at once: one round trip less between sign-in and a full tree.
    const [accounts, nodes] = await Promise.all([
      this.api.accounts.fetchAccounts(),
      this.api.computeNodes.fetchOwnedComputeNodes().then(
        (list) => ({ list }),
        (error: unknown) => ({ error }),
      ),
      this.names?.load(),
    ]);
    // GET /compute-nodes?account_owner=true answers 403 to a caller who owns no account: with
    // no accounts there is nothing to show, whatever it said.
    if (accounts.length === 0) return { accounts, nodesByAccount: new Map(), loadMs: performance.now() - started };
    if ('error' in nodes) throw nodes.error;
    const nodesByAccount = groupNodesByAccount(accounts, nodes.list);
    return { accounts, nodesByAccount, loadMs: performance.now() - started };
  }
}
