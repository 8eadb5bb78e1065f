// Polls only the compute nodes that are Pending or Destroying, each at a steady interval (the
// tree must follow the backend within seconds), and stops polling a node as soon as it settles
// (or disappears). No editor types here.

import { isTransitional, type ComputeNode } from '../api/computeNodes';

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface PollerOptions {
  /** GET one node; resolves undefined when the API says 404 (a destroyed node is gone). */
  readonly fetchNode: (uuid: string) => Promise<ComputeNode | undefined>;
  /** Called when a polled node's status (or anything else) changed, or it disappeared. */
  readonly onChange: (uuid: string, node: ComputeNode | undefined) => void;
  readonly onError: (uuid: string, error: unknown) => void;
  /** The delay between polls of a node; read on every schedule so a settings change applies at once. */
  readonly intervalMs: () => number;
  readonly timers?: Timers;
}

interface Tracked {
  node: ComputeNode;
  handle: unknown;
  inflight: boolean;
}

/** A settled status, reported to anyone waiting on a node. */
export type Settled = { readonly node: ComputeNode | undefined };

export class TransitionPoller {
  private readonly tracked = new Map<string, Tracked>();
  private readonly waiters = new Map<string, Set<(s: Settled) => void>>();
  private readonly timers: Timers;
  private disposed = false;

  constructor(private readonly opts: PollerOptions) {
    this.timers = opts.timers ?? {
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
    };
  }

  /** Number of nodes being polled. */
  get size(): number {
    return this.tracked.size;
  }

  isTracking(uuid: string): boolean {
    return this.tracked.has(uuid);
  }

  /** Starts polling `node` if it is transitional; stops if it is not. */
  track(node: ComputeNode): void {
    if (this.disposed) return;
    if (!isTransitional(node.status)) {
      this.settle(node.uuid, node);
      return;
    }
    const existing = this.tracked.get(node.uuid);
    if (existing) {
      existing.node = node;
      return;
    }
    const t: Tracked = { node, handle: undefined, inflight: false };
    this.tracked.set(node.uuid, t);
    this.schedule(node.uuid, t);
  }

  /** Replaces the tracked set with the transitional nodes of a fresh list. */
  trackAll(nodes: readonly ComputeNode[]): void {
    const keep = new Set(nodes.filter((n) => isTransitional(n.status)).map((n) => n.uuid));
    for (const uuid of [...this.tracked.keys()]) if (!keep.has(uuid)) this.untrack(uuid);
    for (const n of nodes) if (keep.has(n.uuid)) this.track(n);
  }

  untrack(uuid: string): void {
    const t = this.tracked.get(uuid);
    if (t) this.timers.clearTimeout(t.handle);
    this.tracked.delete(uuid);
  }

  /**
   * Resolves when the node leaves its transitional state (with the node) or disappears (with
   * undefined). A node that is not tracked resolves at once with undefined node.
   */
  waitUntilSettled(uuid: string, signal?: AbortSignal): Promise<Settled> {
    if (!this.tracked.has(uuid)) return Promise.resolve({ node: undefined });
    return new Promise<Settled>((resolve, reject) => {
      const set = this.waiters.get(uuid) ?? new Set();
      const done = (s: Settled) => {
        signal?.removeEventListener('abort', abort);
        resolve(s);
      };
      const abort = () => {
        set.delete(done);
        reject(signal?.reason ?? new Error('aborted'));
      };
      set.add(done);
      this.waiters.set(uuid, set);
      signal?.addEventListener('abort', abort, { once: true });
    });
  }

  /** Polls `uuid` now instead of waiting for its timer. */
  pollNow(uuid: string): void {
    const t = this.tracked.get(uuid);
    if (!t || t.inflight) return;
    this.timers.clearTimeout(t.handle);
    void this.poll(uuid, t);
  }

  dispose(): void {
    this.disposed = true;
    for (const uuid of [...this.tracked.keys()]) this.untrack(uuid);
    this.waiters.clear();
  }

  private schedule(uuid: string, t: Tracked): void {
    t.handle = this.timers.setTimeout(() => void this.poll(uuid, t), this.opts.intervalMs());
  }

  private async poll(uuid: string, t: Tracked): Promise<void> {
    if (this.tracked.get(uuid) !== t) return;
    t.inflight = true;
    try {
      const next = await this.opts.fetchNode(uuid);
      if (this.tracked.get(uuid) !== t) return;
      const changed = !next || JSON.stringify(next) !== JSON.stringify(t.node);
      if (changed) this.opts.onChange(uuid, next);
      if (!next || !isTransitional(next.status)) {
        this.settle(uuid, next);
        return;
      }
      t.node = next;
    } catch (err) {
      if (this.tracked.get(uuid) !== t) return;
      this.opts.onError(uuid, err);
    } finally {
      t.inflight = false;
    }
    this.schedule(uuid, t);
  }

  private settle(uuid: string, node: ComputeNode | undefined): void {
    this.untrack(uuid);
    const set = this.waiters.get(uuid);
    this.waiters.delete(uuid);
    for (const w of set ?? []) w({ node });
  }
}
